// The options and plain-data state of the quasi-Newton local optimizer (quasi-newton.ts).
import type { DifferenceScheme, StencilEntry } from './finite-differences.js';
import type { LocalCommonOptions, LocalStateBase } from './local-types.js';

/** Options of the quasi-Newton local optimizer. */
export interface QuasiNewtonOptions extends LocalCommonOptions {
  /**
   * Correction pairs kept by L-BFGS.
   * @defaultValue 10
   */
  memory?: number;
  /**
   * Stop when every component of the projected gradient is at most this (absolute).
   * @defaultValue 1e-10
   */
  gradientTolerance?: number;
  /**
   * Stop when an iteration decreases the value by at most this, relative to max(|f|, 1).
   * @defaultValue 1e-12
   */
  valueTolerance?: number;
  /**
   * Gradient approximation: `forward` (d points), `central` (2d points, more accurate) or
   * `adaptive` (forward, then central once forward differences stop making progress).
   * @defaultValue 'adaptive'
   */
  differences?: DifferenceScheme | 'adaptive';
  /** Relative finite-difference step; defaults to sqrt(eps) (forward) or eps^(1/3) (central). */
  differenceStep?: number;
}

/** Plain-data state of the quasi-Newton optimizer. */
export interface QuasiNewtonState extends LocalStateBase {
  method: 'quasi-newton';
  memory: number;
  gradientTolerance: number;
  valueTolerance: number;
  differences: DifferenceScheme | 'adaptive';
  differenceStep: number | null;
  /** The scheme in use now. */
  scheme: DifferenceScheme;
  phase: 'gradient' | 'line-search' | 'done';
  /** Current iterate, its value (NaN until known) and gradient (empty until known). */
  x: number[];
  value: number;
  gradient: number[];
  /** The pending gradient batch starts with x itself (its value is not known yet). */
  centerPending: boolean;
  stencil: StencilEntry[];
  /** Last accepted step s and gradient change y, oldest first. */
  steps: number[][];
  changes: number[][];
  previousX: number[] | null;
  previousGradient: number[] | null;
  /** Line search: direction, step length, trials so far, whether memory was already reset. */
  direction: number[];
  alpha: number;
  trials: number;
  memoryReset: boolean;
  /** While the step is being expanded: the best trial so far. */
  expansion: { x: number[]; value: number } | null;
}
