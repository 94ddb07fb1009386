// Scratch arrays of one CMA-ES run, allocated once per run and size and reused by every
// generation: the run's state stays plain data, and no candidate allocates a temporary.
import type { CmaRun } from './distribution.js';
import { createEigenWorkspace, type EigenWorkspace } from './symmetric-eigen.js';

/** Typed scratch of one run: none of it is state (each generation overwrites all it reads). */
export interface CmaWorkspace {
  readonly dimension: number;
  readonly populationSize: number;
  readonly eigen: EigenWorkspace;
  /** One standard normal vector. */
  readonly scaled: Float64Array;
  /** B D, row-major (y = B D z in one product), and whether it matches the run's basis. */
  readonly scaledBasis: Float64Array;
  scaledBasisReady: boolean;
  /**
   * The order in which a draw's coordinates are computed: those that last left the box first
   * (resampling rejects a draw at its first such coordinate). Any permutation gives the same values.
   */
  readonly order: Int32Array;
  /** The generation's first standard normal draws, row-major lambda x n (orthogonal sampling). */
  readonly draws: Float64Array;
  /** The steps (x - m) / sigma of the generation, in rank order, row-major lambda x n. */
  readonly steps: Float64Array;
  /** Weighted sum of the parents' steps. */
  readonly meanStep: Float64Array;
  /** C^(-1/2) of a step, and B^T of a step (its intermediate). */
  readonly whitened: Float64Array;
  readonly rotated: Float64Array;
  /** The rank-mu sum, lower triangle of an n x n row-major matrix. */
  readonly rankMu: Float64Array;
  /** The values with NaN as +Infinity. */
  readonly values: Float64Array;
}

const workspaces = new WeakMap<CmaRun, CmaWorkspace>();

/** The run's workspace (created on first use, or after the state was restored from JSON). */
export function workspaceOf(run: CmaRun): CmaWorkspace {
  const n = run.mean.length;
  const lambda = run.constants.populationSize;
  const found = workspaces.get(run);
  if (found !== undefined && found.dimension === n && found.populationSize === lambda) return found;
  const created: CmaWorkspace = {
    dimension: n,
    populationSize: lambda,
    eigen: createEigenWorkspace(n),
    scaled: new Float64Array(n),
    scaledBasis: new Float64Array(n * n),
    scaledBasisReady: false,
    order: Int32Array.from({ length: n }, (_, i) => i),
    draws: new Float64Array(lambda * n),
    steps: new Float64Array(lambda * n),
    meanStep: new Float64Array(n),
    whitened: new Float64Array(n),
    rotated: new Float64Array(n),
    rankMu: new Float64Array(n * n),
    values: new Float64Array(lambda),
  };
  workspaces.set(run, created);
  return created;
}
