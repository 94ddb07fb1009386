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
import { median, writeBenchResult } from './continuous-suite.js';
import { instanceRunOptions, runSeeds } from './instance-runs.js';
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
  const options = instanceRunOptions(setup);
  const { seeds, seconds, evaluations, params } = options;

  const rows = [];
  for (const name of options.instances) {
    const problem = (await buildProblem(
      { type: setup.family, instance: name },
      { baseDir: process.cwd() },
    )) as Problem<number[]>;
    const optimum = problem.optimum as number;
    const seedRuns = await runSeeds(problem, iteratedLocalSearch, options, ({ seed, result }) =>
      process.stderr.write(
        `${name} seed ${seed}: ${result.bestValue} (gap ${(result.gapPercent ?? 0).toFixed(2)}%) in ${(result.elapsedMs / 1000).toFixed(1)} s, ${result.evaluations} iterations\n`,
      ),
    );
    const runs = seedRuns.map(({ seed, result, cpuSeconds }) => {
      const last = result.trace[result.trace.length - 1];
      const hit = result.bestValue <= optimum;
      return {
        seed,
        value: result.bestValue,
        gapPercent: result.gapPercent ?? 0,
        seconds: result.elapsedMs / 1000,
        secondsToOptimum: hit && last !== undefined ? last.elapsedMs / 1000 : null,
        cpuSeconds,
        evaluations: result.evaluations,
        moveEvaluations: result.moveEvaluations,
      };
    });
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
