// The move-model local searches for permutation and binary candidates, in one import. Each runs
// on the problem's move model (context.moves) only, never on the objective:
//   twoOptOrOpt(tour, value, moves, rng, options)  2-opt + Or-opt on tours (needs moves.distance)
//   linKernighan(tour, value, moves, rng, options) chained flips + Or-opt on tours (same)
//   swapDescent(x, value, moves, rng, options)     pairwise exchange (needs moves.swap or swapTable)
//   flipDescent(x, value, moves, rng, options)     1-flip (needs moves.flip)
// and each returns { x, value, moves }: the local optimum, value + the applied deltas (NaN when
// the input value is NaN), and the number of improving moves applied.
export { twoOptOrOpt, neighborLists, type TourLocalSearchOptions } from './tour-local-search.js';
export { linKernighan, type LinKernighanOptions } from './lin-kernighan.js';
export { swapDescent, type SwapDescentOptions } from './swap-descent.js';
export { flipDescent, type FlipDescentOptions } from './flip-descent.js';
export { improvementThreshold, type MoveSearchResult } from './move-search-result.js';
