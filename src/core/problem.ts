// The Problem contract: a space, an objective to minimize, and optional extras
// (known optimum, gradient, incremental move model, a spec to rebuild it in a worker).
import type { ObjectiveResult } from '../multi-objective/evaluation.js';
import type { ObjectiveDeclaration } from '../multi-objective/objectives.js';
import type { Space } from './space.js';
import type { Trial } from './trial.js';

/**
 * Incremental evaluation of elementary moves on permutation and binary candidates: each method
 * returns value(after move) - value(x) without building the moved candidate. Solvers of the
 * local-search family use it; the runner counts its calls apart from full evaluations.
 */
export interface MoveModel {
  /** Delta of exchanging the elements at positions i and j (i != j). QAP: O(n). */
  swap?: (x: readonly number[], i: number, j: number) => number;
  /**
   * Delta of the 2-opt move (i, j), 0 <= i < j < n: reverse positions i+1..j, so that edges
   * (x[i], x[i+1]) and (x[j], x[(j+1) % n]) become (x[i], x[j]) and (x[i+1], x[(j+1) % n]). O(1).
   */
  twoOpt?: (x: readonly number[], i: number, j: number) => number;
  /**
   * Delta of the Or-opt move: take the segment at positions i..i+length-1 (no wrap), and put it
   * back between x[j] and its successor once the segment is removed, reversed if `reversed`.
   * j lies outside the segment and is not i-1 (which would be no move). O(1).
   */
  orOpt?: (
    x: readonly number[],
    i: number,
    length: number,
    j: number,
    reversed?: boolean,
  ) => number;
  /**
   * A table of every swap delta, kept up to date across applied swaps (Taillard 1991's O(n^2)
   * update for QAP): `create(x)` returns deltas with entry i * n + j (i < j) for swapping
   * positions i and j of x; `update(table, x, r, s)` refreshes the table after positions r and s
   * of x were swapped (x is the candidate after the swap). Counted as n(n-1)/2 move evaluations.
   */
  swapTable?: {
    create: (x: readonly number[]) => number[];
    update: (table: number[], x: readonly number[], r: number, s: number) => void;
  };
  /** Delta of flipping bit i. */
  flip?: (x: readonly number[], i: number) => number;
  /** Delta between two elements (TSP: edge length), for neighbour-list local search. */
  distance?: (a: number, b: number) => number;
  /** For each element, the other elements sorted nearest first (candidate lists). */
  neighbors?: readonly (readonly number[])[];
  /**
   * For each element, the partners most likely to share an edge with it in a good solution,
   * best first, and not necessarily nearest first (TSP: alpha-nearness from a minimum 1-tree).
   * Lin-Kernighan chains pick their new edges here; `neighbors` when absent.
   */
  candidates?: readonly (readonly number[])[];
  /**
   * A good deterministic starting candidate built by a problem-specific heuristic (TSP: the
   * greedy edge tour), for local searches that would otherwise start from a random sample.
   */
  construct?: () => number[];
  /**
   * Set by the runner on the model it hands to solvers (problems leave it out): a local search
   * that reads `distance` directly, rather than the delta functions, reports here how many moves
   * it evaluated, so that they are counted as move evaluations too.
   */
  tally?: (moves: number) => void;
}

/**
 * A multi-objective problem as `minimize` takes it: its objectives and `evaluateObjectives`,
 * with no need for the scalar `evaluate` (a run never calls it on several objectives).
 */
export type MultiObjectiveProblem<X> = Omit<
  Problem<X>,
  'evaluate' | 'objectives' | 'evaluateObjectives'
> & {
  evaluate?: Problem<X>['evaluate'];
  readonly objectives: readonly ObjectiveDeclaration[];
  evaluateObjectives(x: X, trial?: Trial): ObjectiveResult | Promise<ObjectiveResult>;
};

/** A serializable description from which a worker rebuilds a problem. */
export type ProblemSpec =
  | { type: string; [parameter: string]: unknown }
  | { module: string; export?: string; space?: unknown; [parameter: string]: unknown };

/** An optimization problem over candidates X. Values are minimized. */
export interface Problem<X> {
  /** A short name for reports, e.g. `rastrigin-10` or `kroA100`. */
  readonly name: string;
  readonly space: Space<X>;
  /**
   * The objective; lower is better. May return a promise. Throwing or NaN marks a failed
   * evaluation. In a study, `trial` receives intermediate values and answers whether to prune
   * (throwing {@link TrialPruned} ends the trial as pruned).
   */
  evaluate(x: X, trial?: Trial): number | Promise<number>;
  /**
   * A multi-objective problem declares its objectives (two or more, in order) and evaluates them
   * with {@link evaluateObjectives}; runners then report a Pareto front instead of a best value,
   * and only multi-objective solvers (those with `tellObjectives`) accept it.
   */
  readonly objectives?: readonly ObjectiveDeclaration[];
  /**
   * The objective values of `x` in minimized terms (maximized objectives negated), in the order
   * of {@link objectives}: an array, or `{values, violation}` with the total constraint violation
   * (0 when feasible). Throwing or a non-finite value marks a failed evaluation.
   */
  evaluateObjectives?(x: X, trial?: Trial): ObjectiveResult | Promise<ObjectiveResult>;
  /** Points of the exact Pareto front in minimized terms, when known (runs then report IGD). */
  referenceFront?(): number[][];
  /**
   * The hypervolume reference point benchmarks conventionally use for this problem (minimized
   * terms; ZDT and DTLZ2: 1.1 per objective, as pymoo's); `kiln batch` compares runs against it.
   */
  readonly referencePoint?: readonly number[];
  /**
   * `maximize` when {@link evaluate} is the negation of the user's objective (see
   * `maximize()`); reports convert values back. Absent means `minimize`.
   */
  readonly direction?: 'minimize' | 'maximize';
  /** The known best value of {@link evaluate}, when one is known (for gaps and targets). */
  readonly optimum?: number;
  /** Whether {@link optimum} is proven optimal or only the best known value. */
  readonly optimumStatus?: 'optimal' | 'best-known';
  /** Gradient of {@link evaluate} (real spaces only). */
  gradient?(x: X): number[];
  /** Incremental move evaluation (permutation and binary problems). */
  readonly moves?: MoveModel;
  /** How to rebuild this problem in a worker thread; problems without one evaluate in-thread only. */
  readonly spec?: ProblemSpec;
  /**
   * Facts about a candidate recorded with each trial of a study (journal and trials.csv), e.g. a
   * network's parameter count. Computed from the candidate alone, in the main thread.
   */
  attributes?(x: X): Record<string, number | string | boolean>;
  /** A human-readable view of a candidate for reports (e.g. a 1-based tour). */
  describe?(x: X): unknown;
  /**
   * After a search, a report on its best candidate (e.g. retrain on train+validation and
   * measure test accuracy), with files written into `outputFolder` when one is given.
   */
  finalize?(best: X, outputFolder: string | undefined): Promise<Record<string, unknown>>;
  /**
   * The expected cost of evaluating `x`, in any unit (only ratios matter). A worker pool starts
   * the costliest candidates of a batch first, so that no long evaluation is left alone at the
   * end of the batch; results are the same either way.
   */
  cost?(x: X): number;
  /**
   * The steps a trial reports through `trial.report` (trainer problems: epochs): the largest
   * step (a pruner's maximum resource) and the training epochs one step costs (folds x seeds),
   * which `budget.epochs` counts.
   */
  readonly steps?: { readonly max: number; readonly epochsPerStep: number };
}

/**
 * A copy of `problem` with some properties replaced, keeping its prototype, so that problems
 * written as class instances keep their methods.
 */
export function withProblemProperties<X>(
  problem: Problem<X>,
  properties: Partial<Problem<X>>,
): Problem<X> {
  return Object.assign(
    Object.create(Object.getPrototypeOf(problem) as object) as Problem<X>,
    problem,
    properties,
  );
}
