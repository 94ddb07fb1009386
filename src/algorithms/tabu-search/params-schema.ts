// The JSON Schema of tabu search's parameters (schemas/, config validation); their types and
// defaults are in params.ts.
import type { JsonSchema } from '../../core/solver.js';
import { MAX_BATCH_SIZE, MAX_DIMENSION } from '../../core/limits.js';

const positiveOrNull = (description: string, minimum = 1): JsonSchema => ({
  type: ['integer', 'null'],
  minimum,
  description,
});

export const tabuParamsSchema: JsonSchema = {
  type: 'object',
  properties: {
    initialSolution: {
      enum: ['greedy', 'random'],
      description:
        'greedy: on tours (a move model with distances), the greedy edge tour improved by Lin-Kernighan local search (a nearest-neighbour tour when the model cannot build one), a random candidate elsewhere; random: a random candidate.',
    },
    tenurePolicy: {
      enum: ['fixed', 'randomized', 'reactive'],
      description:
        'fixed: the tenure stays tabuTenure; randomized: redrawn around it (Taillard 1991); reactive: grows on repetitions, shrinks otherwise (Battiti & Tecchiolli 1994).',
    },
    tabuTenure: {
      type: ['number', 'null'],
      minimum: 0,
      description:
        'Base tenure in iterations; null: n on swap neighbourhoods, n/10 edges for 2-opt, about a quarter of the variables elsewhere.',
    },
    tenureDraw: {
      enum: ['interval', 'per-move'],
      description:
        'Randomized policy: interval redraws the tenure in [(1-spread)t, (1+spread)t] every tenureInterval iterations; per-move draws 8 t u^3 for each move.',
    },
    tenureSpread: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'Randomized interval policy: relative half-width of the tenure range.',
    },
    tenureInterval: positiveOrNull(
      'Randomized interval policy: iterations between draws; null: twice the largest tenure.',
    ),
    tenureIncrease: {
      type: 'number',
      minimum: 1,
      description: 'Reactive policy: factor applied to the tenure when a solution repeats.',
    },
    tenureDecrease: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1,
      description: 'Reactive policy: factor applied when no repetition happened for a while.',
    },
    repetitionsBeforeEscape: {
      type: 'integer',
      minimum: 2,
      description: 'Reactive policy: visits after which a solution counts as often repeated.',
    },
    chaoticBeforeEscape: {
      type: 'integer',
      minimum: 1,
      description: 'Reactive policy: often-repeated solutions met before a random escape.',
    },
    aspiration: {
      type: 'boolean',
      description: 'Allow a tabu move that would improve the best value.',
    },
    longTermAspiration: positiveOrNull(
      'Force a swap that puts an element where it has not been for this many iterations (Taillard 1991); null: 5n^2 on full swap neighbourhoods, off elsewhere; 0: off.',
      0,
    ),
    candidateList: {
      enum: ['auto', 'full', 'sampled'],
      description:
        'full: every neighbour (move model: all swaps, or 2-opt within neighbour lists); sampled: candidateCount random neighbours asked as one batch; auto: full with a move model or a small neighbourhood.',
    },
    candidateCount: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_BATCH_SIZE,
      description: 'Sampled candidate list: neighbours evaluated per iteration (one batch).',
    },
    neighborListSize: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_DIMENSION,
      description: '2-opt with neighbour lists: nearest cities examined per city.',
    },
    permutationMove: {
      enum: ['auto', 'swap', 'two-opt', 'lin-kernighan', 'insertion'],
      description:
        'Move on permutations; lin-kernighan: local 2-opt walks repaired by Lin-Kernighan (tours with edge lengths); auto follows the move model and the space neighbourhood (lin-kernighan on tours with edge lengths).',
    },
    diversification: {
      enum: ['restart', 'frequency', 'none'],
      description:
        'On stagnation: restart from a perturbed elite solution, from rarely used attributes (frequency; permutations and bits), or none.',
    },
    stagnationIterations: positiveOrNull(
      'Iterations without improving the best before diversifying; null: 10n for swaps, 2-opt and flips, 100 for Lin-Kernighan tour walks, 50 for sampled lists.',
    ),
    eliteSize: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_BATCH_SIZE,
      description: 'Elite solutions kept for restarts.',
    },
    restartStrength: {
      type: ['number', 'null'],
      exclusiveMinimum: 0,
      description:
        "Restart kick strength passed to the space's perturb; null: n/4 random swaps on the swap engine, the space's default elsewhere (double bridge on tours).",
    },
    stepSize: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1,
      description: 'Coordinate step on real and numeric parameters, as a fraction of the range.',
    },
    stepShrink: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1,
      description: 'Factor applied to the step after stepPatience iterations without improvement.',
    },
    stepPatience: {
      type: 'integer',
      minimum: 1,
      description: 'Iterations without improvement before the step shrinks.',
    },
    minStepSize: {
      type: 'number',
      exclusiveMinimum: 0,
      description: 'Smallest step, as a fraction of the range.',
    },
    movesPerAsk: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_BATCH_SIZE,
      description:
        'With a move model: move evaluations per batch, between two full evaluations that re-synchronize the search.',
    },
    maxIterations: positiveOrNull(
      'Stop (converged) after this many iterations; null: run until the budget ends.',
    ),
  },
  additionalProperties: false,
};
