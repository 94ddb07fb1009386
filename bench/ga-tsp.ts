// Memetic genetic algorithm on TSPLIB tours: mean gap to the optimum after 10 s on one core,
// 10 seeds, on kroA100, ch150 and a280 (target: mean gap <= 5%). Time-bounded: run it on a
// quiet machine for final figures (`nice -n 10` figures on a loaded machine are pessimistic).
//
//   npx tsx bench/ga-tsp.ts [--seconds 10] [--seeds 10] [--instances kroA100,ch150,a280]
//                           [--params '{"populationSize":30}'] [--clock wall|cpu] [--name ga-tsp]
//
// `--clock cpu` counts the seconds budget in this process's CPU time (bench/cpu-clock.ts), so
// that a run gets the same work on a loaded machine as on a quiet core.
import { geneticAlgorithm } from '../src/algorithms/genetic-algorithm/genetic-algorithm.js';
import { tspProblem } from '../src/problems/tsp/problem.js';
import { minimize } from '../src/runners/minimize.js';
import { writeBenchResult } from './continuous-suite.js';
import { option } from './results.js';
import { benchClock } from './cpu-clock.js';

// The memetic configuration: edge recombination and 2-opt + Or-opt on every child.
const MEMETIC = {
  populationSize: 30,
  crossover: 'edge',
  localSearch: 'two-opt',
  elitism: 2,
};

const seconds = Number(option('seconds') ?? 10);
const seedCount = Number(option('seeds') ?? 10);
const instances = (option('instances') ?? 'kroA100,ch150,a280').split(',');
const params = { ...MEMETIC, ...(JSON.parse(option('params') ?? '{}') as object) };

interface Row {
  instance: string;
  optimum: number;
  gaps: number[];
  meanGap: number;
  bestGap: number;
  worstGap: number;
  /** Mean seconds until the run first held its final best. */
  meanSecondsToBest: number;
  meanEvaluations: number;
  meanMoveEvaluations: number;
  meanCpuSeconds: number;
}

const rows: Row[] = [];
console.log(
  `genetic-algorithm ${JSON.stringify(params)}, ${seconds} s per run, ${seedCount} seeds`,
);
console.log(
  '| instance | optimum | mean gap % | best % | worst % | s to final best | evaluations | move evaluations | CPU s |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const instance of instances) {
  const problem = tspProblem({ instance });
  const gaps: number[] = [];
  let evaluations = 0;
  let moveEvaluations = 0;
  let secondsToBest = 0;
  let cpuSeconds = 0;
  for (let seed = 1; seed <= seedCount; seed++) {
    const cpu = process.cpuUsage();
    const result = await minimize(problem, geneticAlgorithm, {
      budget: { seconds },
      params,
      seed,
      clock: benchClock(),
    });
    const used = process.cpuUsage(cpu);
    cpuSeconds += (used.user + used.system) / 1e6;
    gaps.push(result.gapPercent ?? NaN);
    evaluations += result.evaluations;
    moveEvaluations += result.moveEvaluations;
    const reached = result.trace.find((point) => point.value === result.bestValue);
    secondsToBest += (reached?.elapsedMs ?? result.elapsedMs) / 1000;
    process.stderr.write(
      `${instance} seed ${seed}: gap ${(result.gapPercent ?? NaN).toFixed(2)}%\n`,
    );
  }
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const row: Row = {
    instance,
    optimum: problem.optimum ?? NaN,
    gaps,
    meanGap: mean,
    bestGap: Math.min(...gaps),
    worstGap: Math.max(...gaps),
    meanSecondsToBest: secondsToBest / seedCount,
    meanEvaluations: evaluations / seedCount,
    meanMoveEvaluations: moveEvaluations / seedCount,
    meanCpuSeconds: cpuSeconds / seedCount,
  };
  rows.push(row);
  console.log(
    `| ${instance} | ${row.optimum} | ${mean.toFixed(2)} | ${row.bestGap.toFixed(2)} | ${row.worstGap.toFixed(2)} | ${row.meanSecondsToBest.toFixed(2)} | ${Math.round(row.meanEvaluations)} | ${row.meanMoveEvaluations.toExponential(2)} | ${row.meanCpuSeconds.toFixed(1)} |`,
  );
}
const path = writeBenchResult(option('name') ?? 'ga-tsp', {
  seconds,
  seeds: seedCount,
  clock: option('clock') ?? 'wall',
  params,
  rows,
});
console.log(`wrote ${path}`);
