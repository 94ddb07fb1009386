// Genetic algorithm speed: evaluations per CPU-second (and per wall second) of `minimize` with
// the GA (defaults) on sphere, d = 10 and 30, 100,000 evaluations, one thread, next to DEAP's
// eaSimple GA in the reference figures (30,783/s at d = 10, 21,447/s at d = 30, per CPU-second).
// CPU seconds are the comparable figure on a shared machine; wall seconds show its load.
//
//   npx tsx bench/ga-speed.ts [--rounds 3] [--evaluations 100000]
import { geneticAlgorithm } from '../src/algorithms/genetic-algorithm/genetic-algorithm.js';
import { continuousProblem } from '../src/problems/continuous/suite.js';
import { TEST_FUNCTIONS } from '../src/problems/continuous/functions.js';
import { minimize } from '../src/runners/minimize.js';
import { writeBenchResult } from './continuous-suite.js';
import { option } from './results.js';

const rounds = Number(option('rounds') ?? 3);
const evaluations = Number(option('evaluations') ?? 100_000);
const DEAP: Record<number, number> = { 10: 30_783, 30: 21_447 };
const sphere = TEST_FUNCTIONS.find((f) => f.name === 'sphere');
if (sphere === undefined) throw new Error('sphere is missing from the suite');

interface Row {
  dimension: number;
  variant: string;
  perCpuSecond: number;
  perWallSecond: number;
  deap: number;
}

const variants: Record<string, object> = {
  'generational (default)': {},
  'steady-state': { model: 'steady-state' },
  'no de-duplication': { deduplicate: false },
};

const rows: Row[] = [];
console.log('| d | variant | evaluations per CPU-second | x DEAP GA | per wall second |');
console.log('|---|---|---:|---:|---:|');
for (const dimension of [10, 30]) {
  const problem = continuousProblem(sphere, { dimension, shifted: false });
  for (const [variant, params] of Object.entries(variants)) {
    let bestCpu = 0;
    let bestWall = 0;
    for (let round = 0; round < rounds; round++) {
      const cpu = process.cpuUsage();
      const wall = performance.now();
      const result = await minimize(problem, geneticAlgorithm, {
        budget: { evaluations },
        params,
        seed: round + 1,
      });
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      bestCpu = Math.max(bestCpu, result.evaluations / cpuSeconds);
      bestWall = Math.max(bestWall, result.evaluations / ((performance.now() - wall) / 1000));
    }
    const deap = DEAP[dimension] as number;
    rows.push({ dimension, variant, perCpuSecond: bestCpu, perWallSecond: bestWall, deap });
    console.log(
      `| ${dimension} | ${variant} | ${Math.round(bestCpu)} | ${(bestCpu / deap).toFixed(1)} | ${Math.round(bestWall)} |`,
    );
  }
}
const path = writeBenchResult(option('name') ?? 'ga-speed', { rounds, evaluations, rows });
console.log(`wrote ${path}`);
