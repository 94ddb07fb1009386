// CMA-ES in high dimension: CPU seconds of `minimize` on sphere at d = 100, 300 and 1,000 with a
// small evaluation budget, for the default bound handling (resample), reflection and particle
// swarm beside it, with the generations run and the seconds per generation. Resampling redraws
// samples that leave the box, and each draw costs an n x n product, so this is where its cost
// shows (see distribution.ts for the cap on redraws).
//
//   npx tsx bench/cma-es-high-dimension.ts [--dimensions 100,300,1000] [--evaluations 200]
//     [--only resample,reflect,particle] [--name RESULT]
import { cmaEs } from '../src/algorithms/cma-es/cma-es.js';
import { particleSwarm } from '../src/algorithms/particle-swarm/particle-swarm.js';
import type { Rng } from '../src/core/rng.js';
import type { AnySolver, SolverContext } from '../src/core/solver.js';
import { TEST_FUNCTIONS } from '../src/problems/continuous/functions.js';
import { continuousProblem } from '../src/problems/continuous/suite.js';
import { minimize } from '../src/runners/minimize.js';
import { writeBenchResult } from './continuous-suite.js';
import { option } from './results.js';

const dimensions = (option('dimensions') ?? '100,300,1000').split(',').map(Number);
const evaluations = Number(option('evaluations') ?? 200);
const only = option('only')?.split(',');
const sphere = TEST_FUNCTIONS.find((f) => f.name === 'sphere');
if (sphere === undefined) throw new Error('sphere is missing from the suite');

const variants = [
  { name: 'cma-es resample (default)', solver: cmaEs, params: {} },
  { name: 'cma-es reflect', solver: cmaEs, params: { boundHandling: 'reflect' } },
  { name: 'particle-swarm', solver: particleSwarm, params: {} },
].filter((variant) => only === undefined || only.some((part) => variant.name.includes(part)));

interface Row {
  dimension: number;
  variant: string;
  cpuSeconds: number;
  generations: number;
  best: number;
}

const rows: Row[] = [];
console.log('| d | variant | CPU seconds | generations | seconds per generation | best |');
console.log('|---|---|---:|---:|---:|---:|');
for (const dimension of dimensions) {
  const problem = continuousProblem(sphere, { dimension, shifted: false });
  for (const variant of variants) {
    let generations = 0;
    const base = variant.solver as AnySolver;
    const counted: AnySolver = {
      ...base,
      ask<X>(state: unknown, context: SolverContext<X>, rng: Rng): X[] {
        generations++;
        return base.ask(state, context, rng);
      },
    };
    const cpu = process.cpuUsage();
    const result = await minimize(problem, counted, {
      budget: { evaluations },
      params: variant.params,
      seed: 1,
    });
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    rows.push({
      dimension,
      variant: variant.name,
      cpuSeconds,
      generations,
      best: result.bestValue,
    });
    console.log(
      `| ${dimension} | ${variant.name} | ${cpuSeconds.toFixed(2)} | ${generations} | ${(cpuSeconds / Math.max(generations, 1)).toFixed(3)} | ${result.bestValue.toPrecision(4)} |`,
    );
  }
}
const path = writeBenchResult(option('name') ?? 'cma-es-high-dimension', {
  evaluations,
  rows,
});
console.log(`wrote ${path}`);
