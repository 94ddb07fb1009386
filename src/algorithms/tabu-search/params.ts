// Parameters of tabu search: their types and defaults (the JSON Schema is in params-schema.ts).

/** How the tabu tenure (how long a move attribute stays tabu) evolves. */
export type TenurePolicy = 'fixed' | 'randomized' | 'reactive';

/** How the randomized policy draws tenures. */
export type TenureDraw = 'interval' | 'per-move';

/** Which neighbours an iteration examines. */
export type CandidateList = 'auto' | 'full' | 'sampled';

/** The elementary move on permutations. */
export type PermutationMove = 'auto' | 'swap' | 'two-opt' | 'lin-kernighan' | 'insertion';

/** What to do when the best value has not improved for a while. */
export type Diversification = 'restart' | 'frequency' | 'none';

/** Where the search starts. */
export type InitialSolution = 'greedy' | 'random';

/** Parameters of tabu search. */
export interface TabuSearchParams {
  /**
   * `greedy`: on tours (a move model with distances), the greedy edge tour improved by
   * Lin-Kernighan (a nearest-neighbour tour when the model cannot build one), a random candidate
   * elsewhere; `random`: a random candidate.
   * @defaultValue 'greedy'
   */
  initialSolution: InitialSolution;
  /**
   * `fixed`: the tenure stays `tabuTenure`. `randomized`: redrawn around it (Taillard 1991).
   * `reactive`: grows when solutions repeat, shrinks otherwise (Battiti & Tecchiolli 1994).
   * @defaultValue 'randomized'
   */
  tenurePolicy: TenurePolicy;
  /**
   * Base tenure in iterations; null picks it from the neighbourhood: n on permutations, n/10
   * edges for 2-opt, about a quarter of the variables elsewhere.
   * @defaultValue null
   */
  tabuTenure: number | null;
  /**
   * Randomized policy: `interval` redraws the tenure in [(1 - spread) t, (1 + spread) t] every
   * `tenureInterval` iterations (Taillard 1991); `per-move` draws each move's tenure as
   * 8 t u^3, u uniform in [0, 1) (Taillard's 2006 code: short tenures, rare long ones).
   * @defaultValue 'interval'
   */
  tenureDraw: TenureDraw;
  /** Randomized `interval` policy: relative half-width of the range. @defaultValue 0.1 */
  tenureSpread: number;
  /** Randomized `interval` policy: iterations between draws; null means 2 (1 + spread) t. */
  tenureInterval: number | null;
  /** Reactive policy: factor applied to the tenure when a solution repeats. @defaultValue 1.1 */
  tenureIncrease: number;
  /** Reactive policy: factor applied when no repetition happened for a while. @defaultValue 0.9 */
  tenureDecrease: number;
  /** Reactive policy: visits after which a solution counts as often repeated. @defaultValue 3 */
  repetitionsBeforeEscape: number;
  /** Reactive policy: often-repeated solutions met before a random escape. @defaultValue 3 */
  chaoticBeforeEscape: number;
  /**
   * Aspiration by objective: a tabu move that would improve the best value is allowed.
   * @defaultValue true
   */
  aspiration: boolean;
  /**
   * Long-term diversification (Taillard 1991): a swap that puts an element where it has not
   * been for this many iterations is forced. null: 5 n^2 on the full swap neighbourhood, off
   * elsewhere; 0: off.
   * @defaultValue null
   */
  longTermAspiration: number | null;
  /**
   * `full` examines every neighbour (with a move model: all swaps, or 2-opt moves within
   * neighbour lists), `sampled` asks `candidateCount` random neighbours as one batch, `auto`
   * uses `full` when the problem has a move model or the neighbourhood is small.
   * @defaultValue 'auto'
   */
  candidateList: CandidateList;
  /** Sampled candidate list: neighbours evaluated per iteration (one batch). @defaultValue 24 */
  candidateCount: number;
  /** 2-opt with neighbour lists: nearest cities examined per city. @defaultValue 6 */
  neighborListSize: number;
  /**
   * Permutation move: `swap` (assignment problems), `two-opt` (tours, every neighbour list
   * each iteration), `lin-kernighan` (tours with edge lengths: local 2-opt walks repaired by
   * Lin-Kernighan, tour-engine.ts), `insertion`; `auto` follows the move model and the space's
   * neighbourhood (`lin-kernighan` on tours with edge lengths).
   * @defaultValue 'auto'
   */
  permutationMove: PermutationMove;
  /**
   * On stagnation: `restart` from a perturbed elite solution, `frequency` from a solution
   * built of rarely used attributes (permutations, bits; `restart` elsewhere), or `none`.
   * @defaultValue 'restart'
   */
  diversification: Diversification;
  /**
   * Iterations without improving the best before diversifying; null picks it from the
   * neighbourhood (10 n for swaps, 2-opt and flips, 100 for Lin-Kernighan tour walks, 50 for sampled
   * lists).
   * @defaultValue null
   */
  stagnationIterations: number | null;
  /** Elite solutions kept for restarts. @defaultValue 4 */
  eliteSize: number;
  /**
   * Restart kick strength passed to the space's perturb (random swaps on permutations, flips on
   * bits, a fraction of the range on numbers); null: n/4 swaps on the swap engine, the
   * space's default elsewhere (a double bridge on tours).
   */
  restartStrength: number | null;
  /** Coordinate step on real and numeric parameters, as a fraction of the range. @defaultValue 0.1 */
  stepSize: number;
  /** Factor applied to the step after `stepPatience` iterations without improvement. @defaultValue 0.5 */
  stepShrink: number;
  /** Iterations without improvement before the step shrinks. @defaultValue 10 */
  stepPatience: number;
  /** Smallest step, as a fraction of the range. @defaultValue 1e-9 */
  minStepSize: number;
  /**
   * With a move model: move evaluations per batch, between two full evaluations of the
   * current (and best) candidate that re-synchronize the search with the objective.
   * @defaultValue 100000
   */
  movesPerAsk: number;
  /** Stop (converged) after this many iterations; null: run until the budget ends. */
  maxIterations: number | null;
}

export const defaultTabuParams: TabuSearchParams = {
  initialSolution: 'greedy',
  tenurePolicy: 'randomized',
  tabuTenure: null,
  tenureDraw: 'interval',
  tenureSpread: 0.1,
  tenureInterval: null,
  tenureIncrease: 1.1,
  tenureDecrease: 0.9,
  repetitionsBeforeEscape: 3,
  chaoticBeforeEscape: 3,
  aspiration: true,
  longTermAspiration: null,
  candidateList: 'auto',
  candidateCount: 24,
  neighborListSize: 6,
  permutationMove: 'auto',
  diversification: 'restart',
  stagnationIterations: null,
  eliteSize: 4,
  restartStrength: null,
  stepSize: 0.1,
  stepShrink: 0.5,
  stepPatience: 10,
  minStepSize: 1e-9,
  movesPerAsk: 100000,
  maxIterations: null,
};
