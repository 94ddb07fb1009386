// A study's finished trial: its own file so that the study's public types name no worker-thread
// module (the package's declarations compile without Node's types).
import type { ProposalTrial } from './study-proposals.js';

/**
 * A finished trial, in minimized terms. A complete trial of a multi-objective study carries its
 * `evaluation` (values and constraint violation) and has value NaN.
 */
export interface FinishedStudyTrial<X> extends ProposalTrial<X> {
  /** 0-based trial number. */
  k: number;
  intermediate: ReadonlyMap<number, number>;
  error?: string;
  /** The stack of the error the objective threw, when it threw one. */
  stack?: string;
  durationMs: number;
  /** Training epochs used. */
  epochs: number;
  /** Taken from the journal. */
  replayed: boolean;
}
