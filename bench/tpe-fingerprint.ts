// Fingerprints of the TPE's proposals, so that a speed change can show that it changed no
// proposal: studies of N random trials (some failed, some pruned) on the two spaces of
// bench/tpe-speed.ts, then a number of asks with three trials running, each proposal told back;
// for the TPE multivariate and univariate and the multi-objective TPE (weighted good kernels).
// Every proposal is hashed with its doubles' exact bits: run it on two commits and
// compare the outputs; any differing line is a change of results.
//
//   npx tsx bench/tpe-fingerprint.ts [--sizes 300,1000] [--asks 150] [--name RESULT]
import { createHash } from 'node:crypto';
import { motpe } from '../src/algorithms/motpe/motpe.js';
import { tpe } from '../src/algorithms/tpe/tpe.js';
import { createRng } from '../src/core/rng.js';
import type { FinishedTrial, SolverContext, SolverModule } from '../src/core/solver.js';
import { option, writeResult } from './results.js';
import { benchSpaces } from './tpe-spaces.js';

const sizes = (option('sizes') ?? '300,1000').split(',').map(Number);
const asks = Number(option('asks') ?? 150);

const samplers: { name: string; module: SolverModule<never, never>; params: object }[] = [
  { name: 'tpe multivariate', module: tpe as never, params: { multivariate: true } },
  { name: 'tpe univariate', module: tpe as never, params: { multivariate: false } },
  { name: 'motpe', module: motpe as never, params: {} },
];

// Trial k of the study: every 17th failed, every 13th pruned at a step that varies.
function finish(
  k: number,
  params: unknown,
  value: number,
  objectives: boolean,
): FinishedTrial<unknown> {
  const status = k % 17 === 5 ? 'failed' : k % 13 === 3 ? 'pruned' : 'complete';
  return {
    params,
    value: status === 'failed' ? NaN : value,
    status,
    ...(status === 'pruned' ? { step: k % 5 } : {}),
    ...(objectives && status !== 'failed'
      ? { evaluation: { values: [value, 1 / (1 + value)], violation: 0 } }
      : {}),
  };
}

const rows: Record<string, unknown>[] = [];
for (const { name: spaceName, space, value } of benchSpaces()) {
  for (const { name, module, params } of samplers) {
    for (const size of sizes) {
      const objectives = module === (motpe as never);
      const context: SolverContext<unknown> = {
        space,
        gradients: false,
        budget: {},
        ...(objectives
          ? {
              objectives: [
                { name: 'f', direction: 'minimize' as const },
                { name: 'g', direction: 'minimize' as const },
              ],
            }
          : {}),
      };
      const rng = createRng(7);
      const state = module.init(
        context,
        { ...(module.defaultParams as object), ...params } as never,
        rng,
      );
      const asynchronous = module.asynchronous!;
      let k = 0;
      for (; k < size; k++) {
        const x = space.sample(rng);
        asynchronous.observe(state, context, finish(k, x, value(x), objectives));
      }
      const hash = createHash('sha256');
      const pending: unknown[] = [];
      for (let a = 0; a < asks; a++, k++) {
        const x = asynchronous.propose(state, context, pending.slice(-3), rng.fork(String(a)));
        // JSON writes each double as the shortest text that reads back to the same bits.
        hash.update(JSON.stringify(x));
        pending.push(x);
        asynchronous.observe(state, context, finish(k, x, value(x), objectives));
      }
      const row = {
        space: spaceName,
        sampler: name,
        trials: size,
        asks,
        sha256: hash.digest('hex'),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  }
}
writeResult(option('name') ?? 'tpe-fingerprint', { rows });
