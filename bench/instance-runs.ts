// The seed loop shared by the instance benches (bench/sa-tsp.ts, bench/ils-instances.ts): their
// common options and one minimize() run per seed on an instance, each with its CPU time.
// Options read: --instances a,b --seeds N --first-seed K (seeds K..K+N-1, to split one
// instance's seeds over processes) --seconds S --evaluations N (an evaluation budget instead of
// seconds, so that figures do not depend on machine load) --params JSON.
import type { Problem } from '../src/core/problem.js';
import type { AnySolver } from '../src/core/solver.js';
import { minimize, type RunResult } from '../src/runners/minimize.js';
import { benchClock } from './cpu-clock.js';
import { option } from './results.js';

/** What the options ask of an instance bench. */
export interface InstanceRunOptions {
  instances: string[];
  seeds: number;
  firstSeed: number;
  seconds: number;
  evaluations: number | undefined;
  params: object;
}

/** Reads the options, with the bench's default instances and seed count. */
export function instanceRunOptions(defaults: {
  instances: string;
  seeds: number;
}): InstanceRunOptions {
  const evaluations = option('evaluations');
  return {
    instances: (option('instances') ?? defaults.instances).split(','),
    seeds: Number(option('seeds') ?? defaults.seeds),
    firstSeed: Number(option('first-seed') ?? 1),
    seconds: Number(option('seconds') ?? 10),
    evaluations: evaluations === undefined ? undefined : Number(evaluations),
    params: JSON.parse(option('params') ?? '{}') as object,
  };
}

/** One seed's run and the CPU seconds it took. */
export interface SeedRun<X> {
  seed: number;
  result: RunResult<X>;
  cpuSeconds: number;
}

/**
 * Runs `solver` on `problem` once per seed, each bounded by the options' seconds (on the bench
 * clock) or evaluations and stopped at the problem's optimum; `report` sees each run as it ends.
 */
export async function runSeeds<X>(
  problem: Problem<X>,
  solver: AnySolver,
  options: InstanceRunOptions,
  report: (run: SeedRun<X>) => void,
): Promise<SeedRun<X>[]> {
  const target = problem.optimum as number;
  const { seconds, evaluations, params } = options;
  const runs: SeedRun<X>[] = [];
  for (let seed = options.firstSeed; seed < options.firstSeed + options.seeds; seed++) {
    const cpu = process.cpuUsage();
    const result = await minimize(problem, solver, {
      budget: evaluations === undefined ? { seconds, target } : { evaluations, target },
      params,
      seed,
      clock: benchClock(),
    });
    const used = process.cpuUsage(cpu);
    const run = { seed, result, cpuSeconds: (used.user + used.system) / 1e6 };
    runs.push(run);
    report(run);
  }
  return runs;
}
