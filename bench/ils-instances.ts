// Iterated local search on TSPLIB or QAPLIB instances, one core, a few seeds, a time (or
// iteration) budget per run; a run stops early once it reaches the optimum (or best known
// value). The table gives the gaps, how often that value was reached and when, iterations per
// second and CPU seconds per wall second (below 1: the machine was loaded). Shared by
// bench/ils-tsp.ts and bench/ils-qap.ts.
// Options: --seeds N --first-seed K --seconds S --clock wall|cpu --evaluations N --instances a,b --params JSON
// --name NAME
import { iteratedLocalSearch } from '../src/algorithms/iterated-local-search/iterated-local-search.js';
import { buildProblem } from '../src/problems/build.js';
import type { Problem } from '../src/core/problem.js';
import { minimize } from '../src/runners/minimize.js';
import { median, writeBenchResult } from './continuous-suite.js';
import { benchClock } from './cpu-clock.js';
import { option } from './results.js';

/** What one bench script runs and how its table speaks of it. */
export interface IlsBenchSetup {
  family: 'tsp' | 'qap';
  /** Default instances, comma-separated. */
  instances: string;
  seeds: number;
  /** E.g. "TSPLIB (2-opt + Or-opt, double bridge)". */
  title: string;
  /** Where a run stops: "optimum" or "optimum or best known". */
  target: string;
  /** Column titles: how often the target was reached, and the median time to it. */
  reached: string;
  timeToIt: string;
  /** Default result name under bench/results/. */
  name: string;
}

export async function runIlsBench(setup: IlsBenchSetup): Promise<void> {
  const instances = (option('instances') ?? setup.instances).split(',');
  const seeds = Number(option('seeds') ?? setup.seeds);
  const firstSeed = Number(option('first-seed') ?? 1);
  const seconds = Number(option('seconds') ?? 10);
  const evaluations =
    option('evaluations') === undefined ? undefined : Number(option('evaluations'));
  const params = JSON.parse(option('params') ?? '{}') as object;

  const rows = [];
  for (const name of instances) {
    const problem = (await buildProblem(
      { type: setup.family, instance: name },
      { baseDir: process.cwd() },
    )) as Problem<number[]>;
    const optimum = problem.optimum as number;
    const runs = [];
    for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
      const cpu = process.cpuUsage();
      const result = await minimize(problem, iteratedLocalSearch, {
        budget:
          evaluations === undefined
            ? { seconds, target: optimum }
            : { evaluations, target: optimum },
        params,
        seed,
        clock: benchClock(),
      });
      const used = process.cpuUsage(cpu);
      const last = result.trace[result.trace.length - 1];
      const hit = result.bestValue <= optimum;
      const run = {
        seed,
        value: result.bestValue,
        gapPercent: result.gapPercent ?? 0,
        seconds: result.elapsedMs / 1000,
        secondsToOptimum: hit && last !== undefined ? last.elapsedMs / 1000 : null,
        cpuSeconds: (used.user + used.system) / 1e6,
        evaluations: result.evaluations,
        moveEvaluations: result.moveEvaluations,
      };
      runs.push(run);
      process.stderr.write(
        `${name} seed ${seed}: ${run.value} (gap ${run.gapPercent.toFixed(2)}%) in ${run.seconds.toFixed(1)} s, ${run.evaluations} iterations\n`,
      );
    }
    const gaps = runs.map((r) => r.gapPercent);
    const hits = runs.filter((r) => r.secondsToOptimum !== null);
    const wall = runs.reduce((s, r) => s + r.seconds, 0);
    rows.push({
      instance: name,
      n: problem.space.dimension,
      optimum,
      seeds,
      meanGapPercent: gaps.reduce((s, g) => s + g, 0) / gaps.length,
      worstGapPercent: Math.max(...gaps),
      optimumHits: hits.length,
      medianSecondsToOptimum:
        hits.length === 0 ? null : median(hits.map((r) => r.secondsToOptimum as number)),
      iterationsPerSecond: runs.reduce((s, r) => s + r.evaluations, 0) / wall,
      cpuPerWall: runs.reduce((s, r) => s + r.cpuSeconds, 0) / wall,
      runs,
    });
  }

  const budget = evaluations === undefined ? `${seconds} s` : `${evaluations} iterations`;
  console.log(
    `\niterated-local-search on ${setup.title}, ${seeds} seeds, ${budget} per run, stop at the ${setup.target}\n`,
  );
  console.log(
    `| instance | n | optimum | mean gap % | worst gap % | ${setup.reached} | ${setup.timeToIt} | iterations/s | CPU/wall |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const toOptimum = r.medianSecondsToOptimum === null ? '-' : r.medianSecondsToOptimum.toFixed(2);
    console.log(
      `| ${r.instance} | ${r.n} | ${r.optimum} | ${r.meanGapPercent.toFixed(2)} | ${r.worstGapPercent.toFixed(2)} | ${r.optimumHits}/${r.seeds} | ${toOptimum} | ${Math.round(r.iterationsPerSecond)} | ${r.cpuPerWall.toFixed(2)} |`,
    );
  }
  const path = writeBenchResult(option('name') ?? setup.name, {
    solver: 'iterated-local-search',
    clock: option('clock') ?? 'wall',
    params,
    budget: evaluations === undefined ? { seconds } : { evaluations },
    node: process.version,
    date: new Date().toISOString(),
    rows,
  });
  console.log(`\nwrote ${path}`);
}
