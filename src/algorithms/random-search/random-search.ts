// Random search: independent uniform samples of the space (Brooks 1958; Bergstra & Bengio 2012
// for its use in hyperparameter search). The baseline every other solver must beat.
import { SPACE_KINDS } from '../../core/space.js';
import type { Rng } from '../../core/rng.js';
import { cappedBatchSize, defineSolver, type SolverContext } from '../../core/solver.js';
import { MAX_BATCH_SIZE } from '../../core/limits.js';

/** Parameters of random search. */
export interface RandomSearchParams {
  /**
   * Candidates asked at once: more keeps a worker pool busy, fewer reacts to the budget sooner.
   * @defaultValue 32
   */
  batchSize: number;
}

interface RandomSearchState {
  batchSize: number;
  batches: number;
}

export const randomSearch = defineSolver<RandomSearchParams, RandomSearchState>({
  name: 'random-search',
  description: 'Uniform random sampling of the space (log-uniform on log-scale parameters).',
  supports: SPACE_KINDS,
  defaultParams: { batchSize: 32 },
  paramsSchema: {
    type: 'object',
    properties: {
      batchSize: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_BATCH_SIZE,
        description: 'Candidates asked at once (never more than the budget has left).',
      },
    },
    additionalProperties: false,
  },
  init: (_context, params) => ({ batchSize: params.batchSize, batches: 0 }),
  ask<X>(state: RandomSearchState, context: SolverContext<X>, rng: Rng): X[] {
    const batch: X[] = [];
    const size = cappedBatchSize(state.batchSize, context);
    for (let i = 0; i < size; i++) batch.push(context.space.sample(rng));
    return batch;
  },
  tell(state) {
    state.batches++;
  },
});
