// Parameters of iterated local search: the interface, the defaults and the JSON Schema (the
// schema's descriptions and the CLI help read the defaults from here).
import { MAX_BATCH_SIZE, MAX_DIMENSION } from '../../core/limits.js';
import type { JsonSchema } from '../../core/solver.js';

/** The local search of each iteration; `auto` picks the strongest one the problem allows. */
export type IlsLocalSearch =
  'auto' | 'quasi-newton' | 'pattern' | 'lin-kernighan' | 'two-opt' | 'swap' | 'flip' | 'neighbor';

/** The kick applied to the current solution before each local search. */
export type IlsPerturbation = 'auto' | 'double-bridge' | 'random-swaps' | 'gaussian' | 'space';

/** Which local optimum becomes the next iteration's starting point. */
export type IlsAcceptance =
  'auto' | 'better' | 'better-or-equal' | 'random-walk' | 'restart' | 'annealing';

/** Parameters of iterated local search. */
export interface IteratedLocalSearchParams {
  /**
   * `auto`: quasi-newton on real spaces; lin-kernighan (chains of up to `linKernighanDepth`
   * flips + Or-opt) on permutations whose move model has edge lengths (TSP); swap descent on permutations with swap deltas (QAP); flip
   * descent on binary problems with flip deltas; otherwise a descent over sampled neighbours
   * evaluated in batches (`neighbor`).
   * @defaultValue 'auto'
   */
  localSearch: IlsLocalSearch;
  /** Discrete local searches: take the first improving move, or the best one. @defaultValue 'first' */
  improvement: 'first' | 'best';
  /** two-opt: also try Or-opt moves (segments of 1 to 3 cities). @defaultValue true */
  orOpt: boolean;
  /** two-opt, lin-kernighan: candidate partners per city (nearest first). @defaultValue 10 */
  neighborListSize: number;
  /**
   * lin-kernighan: most 2-opt flips chained into one move (2: sequential 3-opt).
   * @defaultValue 6
   */
  linKernighanDepth: number;
  /** two-opt: look again only at cities whose tour edges changed. @defaultValue true */
  dontLookBits: boolean;
  /** neighbor: neighbours sampled and evaluated per batch. @defaultValue 16 */
  neighborSample: number;
  /** neighbor: batches in a row without improvement that end a descent. @defaultValue 2 */
  descentPatience: number;
  /**
   * quasi-newton, pattern, neighbor: evaluations one local search may spend (0: no limit, the
   * search stops on its own tolerances).
   * @defaultValue 0
   */
  localSearchEvaluations: number;
  /**
   * quasi-newton: gradient approximation of each iteration's local search (the polish of the
   * best always goes adaptive: forward, then central).
   * @defaultValue 'forward'
   */
  differences: 'forward' | 'central' | 'adaptive';
  /** quasi-newton: stop at this projected-gradient size. @defaultValue 1e-10 */
  gradientTolerance: number;
  /**
   * quasi-newton: each iteration's local search stops when a step decreases the value by less
   * than this, relative to max(|value|, 1); the polish of the best goes on to 1e-12.
   * @defaultValue 1e-6
   */
  valueTolerance: number;
  /**
   * quasi-newton and pattern: polish the best local optimum (central differences and tight
   * tolerances, or pattern steps below 1e-6 of the range) after this many iterations without a
   * new best, and when 5% of an evaluation budget is left (0: never polish).
   * @defaultValue 10
   */
  polishAfter: number;
  /** quasi-newton: L-BFGS correction pairs. @defaultValue 10 */
  memory: number;
  /**
   * `auto`: gaussian on real spaces, double-bridge on tours, random-swaps on other permutations,
   * the space's own perturb elsewhere.
   * @defaultValue 'auto'
   */
  perturbation: IlsPerturbation;
  /**
   * Kick size; null picks per perturbation. gaussian: length of the kick as a fraction of the
   * ranges (0.3); random-swaps: swaps (max(2, round(n / 10))); double-bridge: longest of the three
   * exchanged segments, in cities (0, which lets the cuts fall anywhere in the tour, up to
   * 1,500 cities; 50 above); space: the
   * space's own strength (null: its default).
   * @defaultValue null
   */
  perturbationStrength: number | null;
  /**
   * gaussian: coordinates each kick moves, each by N(0, (strength * range)^2). 0 draws the count
   * k for each kick with probability proportional to 1/k (mostly a few coordinates, now and then
   * many) and divides the standard deviation by sqrt(k).
   * @defaultValue 0
   */
  perturbedVariables: number;
  /**
   * gaussian: every 50 iterations, scale the kick towards half of them accepted (SciPy
   * basinhopping's rule, meant for the `annealing` acceptance).
   * @defaultValue false
   */
  adaptiveStrength: boolean;
  /**
   * `better`: move to the new local optimum only if it is better; `better-or-equal`: also on
   * ties (drifts across plateaus); `random-walk`: always; `restart`: like `better`, and restart
   * from a random candidate after `restartAfter` iterations without a new best; `annealing`:
   * accept worse with probability exp(-increase / (temperature * |current value|)); `auto`:
   * annealing with Lin-Kernighan on tours (Martin, Otto & Felten's large-step Markov chains; with
   * better-or-equal, 2 of 5 pr1002 runs stayed 0.24-0.33% above the optimum for 60 s), restart
   * with swap descent (assignment problems, where Stützle 2006 found diversification pays),
   * better-or-equal otherwise.
   * @defaultValue 'auto'
   */
  acceptance: IlsAcceptance;
  /** restart: iterations without a new best before a restart. @defaultValue 100 */
  restartAfter: number;
  /**
   * annealing: temperature relative to the current value; null: 0.3 / n on tours of n cities
   * (a third of the mean edge of the tour), 0.01 otherwise.
   * @defaultValue null
   */
  temperature: number | null;
  /**
   * annealing: the temperature at the end of a run with a budget (evaluations, or seconds
   * alone), as a fraction of `temperature`, reached geometrically as the budget is spent
   * (1: no cooling); null: 0.3 on tours (at 60 s, fnl4461 ends 0.06% above the optimum instead
   * of 0.23% without cooling, bench/README.md), 1 otherwise.
   * @defaultValue null
   */
  finalTemperatureRatio: number | null;
}

export const DEFAULT_ILS_PARAMS: IteratedLocalSearchParams = {
  localSearch: 'auto',
  improvement: 'first',
  orOpt: true,
  neighborListSize: 10,
  linKernighanDepth: 6,
  dontLookBits: true,
  neighborSample: 16,
  descentPatience: 2,
  localSearchEvaluations: 0,
  differences: 'forward',
  gradientTolerance: 1e-10,
  valueTolerance: 1e-6,
  polishAfter: 10,
  memory: 10,
  perturbation: 'auto',
  perturbationStrength: null,
  perturbedVariables: 0,
  adaptiveStrength: false,
  acceptance: 'auto',
  restartAfter: 100,
  temperature: null,
  finalTemperatureRatio: null,
};

export const ILS_PARAMS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    localSearch: {
      enum: [
        'auto',
        'quasi-newton',
        'pattern',
        'lin-kernighan',
        'two-opt',
        'swap',
        'flip',
        'neighbor',
      ],
      description:
        "Local search: auto (quasi-newton on real spaces, lin-kernighan on tours with edge lengths, swap on permutations with swap deltas, flip on binary problems with flip deltas, neighbor otherwise), quasi-newton (L-BFGS, finite differences), pattern (Hooke-Jeeves), lin-kernighan (chains of 2-opt flips on candidate lists + Or-opt, don't-look bits), two-opt (2-opt + Or-opt, neighbour lists, don't-look bits), swap, flip, neighbor (sampled neighbours, evaluated in batches).",
    },
    improvement: {
      enum: ['first', 'best'],
      description: 'Discrete local searches: apply the first improving move found, or the best.',
    },
    orOpt: { type: 'boolean', description: 'two-opt: also try Or-opt segment moves.' },
    neighborListSize: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_DIMENSION,
      description: 'two-opt, lin-kernighan: candidate partners per city, nearest first.',
    },
    linKernighanDepth: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_DIMENSION,
      description: 'lin-kernighan: most 2-opt flips chained into one move (2: sequential 3-opt).',
    },
    dontLookBits: {
      type: 'boolean',
      description: 'two-opt: look again only at cities whose tour edges changed.',
    },
    neighborSample: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_BATCH_SIZE,
      description: 'neighbor: neighbours sampled and evaluated per batch.',
    },
    descentPatience: {
      type: 'integer',
      minimum: 1,
      description: 'neighbor: batches in a row without improvement that end a descent.',
    },
    localSearchEvaluations: {
      type: 'integer',
      minimum: 0,
      description: 'Evaluations one continuous or neighbour local search may spend (0: no limit).',
    },
    differences: {
      enum: ['forward', 'central', 'adaptive'],
      description:
        'quasi-newton: finite differences, forward (d points), central (2d points) or adaptive (forward, then central near the optimum).',
    },
    gradientTolerance: {
      type: 'number',
      exclusiveMinimum: 0,
      description:
        'quasi-newton: stop when the projected gradient is this small (largest component).',
    },
    valueTolerance: {
      type: 'number',
      minimum: 0,
      description: 'quasi-newton: stop when a step improves the value by less than this, relative.',
    },
    polishAfter: {
      type: 'integer',
      minimum: 0,
      description:
        'quasi-newton and pattern: polish the best local optimum after this many iterations without a new best and near the end of an evaluation budget (0: never).',
    },
    memory: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_BATCH_SIZE,
      description: 'quasi-newton: L-BFGS correction pairs.',
    },
    perturbation: {
      enum: ['auto', 'double-bridge', 'random-swaps', 'gaussian', 'space'],
      description:
        "Kick before each local search: auto (gaussian on real spaces, double-bridge on tours, random-swaps on other permutations, the space's perturb elsewhere), double-bridge (Martin, Otto & Felten 1991), random-swaps, gaussian, space.",
    },
    perturbationStrength: {
      type: ['number', 'null'],
      minimum: 0,
      description:
        "Kick size; null picks per perturbation. gaussian: kick length as a fraction of the ranges (default 0.3); random-swaps: swaps (default max(2, round(n/10))); double-bridge: longest exchanged segment in cities (default 0, cuts anywhere, up to 1,500 cities; 50 above); space: the space's strength.",
    },
    perturbedVariables: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_DIMENSION,
      description:
        'gaussian: coordinates each kick moves (0: a count k drawn with probability proportional to 1/k, the scale divided by sqrt(k)).',
    },
    adaptiveStrength: {
      type: 'boolean',
      description:
        "gaussian: every 50 iterations, scale the kick towards half of them accepted (basinhopping's rule).",
    },
    acceptance: {
      enum: ['auto', 'better', 'better-or-equal', 'random-walk', 'restart', 'annealing'],
      description:
        'Acceptance of the new local optimum: auto (annealing with Lin-Kernighan on tours, restart with swap descent, better-or-equal otherwise), better, better-or-equal, random-walk (always), restart (better, plus a random restart after restartAfter iterations without a new best), annealing (worse with probability exp(-increase / (temperature * |value|))).',
    },
    restartAfter: {
      type: 'integer',
      minimum: 1,
      description: 'restart: iterations without a new best before restarting.',
    },
    temperature: {
      type: ['number', 'null'],
      exclusiveMinimum: 0,
      description:
        'annealing: temperature, relative to the current value; null: 0.3 / n on tours of n cities (a third of the mean edge), 0.01 otherwise.',
    },
    finalTemperatureRatio: {
      type: ['number', 'null'],
      exclusiveMinimum: 0,
      maximum: 1,
      description:
        'annealing: the temperature at the end of a run with a budget (evaluations, or seconds alone), as a fraction of temperature, reached geometrically as the budget is spent (1: no cooling); null: 0.3 on tours, 1 otherwise.',
    },
  },
  additionalProperties: false,
};
