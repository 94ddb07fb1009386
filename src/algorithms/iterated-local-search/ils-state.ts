// The plain-data state of iterated local search, shared by its parts (the solver, the
// continuous, neighbour and move-model searches, and an iteration's bookkeeping).
import type { IteratedLocalSearchParams } from './params.js';
import type { AcceptanceKind, LocalSearchKind, PerturbationKind } from './strategy.js';
import type { LocalOptimizerState } from '../operators/local-optimizer/local-optimizer.js';
import type { NeighborDescentState } from './neighbor-descent.js';

/** Plain-data state of iterated local search. */
export interface IlsState {
  params: IteratedLocalSearchParams;
  localSearch: LocalSearchKind;
  perturbation: PerturbationKind;
  acceptance: AcceptanceKind;
  /** The annealing acceptance's temperature, relative to the current value. */
  temperature: number;
  /** The temperature at the end of the budget, as a fraction of `temperature` (1: no cooling). */
  finalTemperatureRatio: number;
  /** Kick strength in use (adapted for gaussian kicks); null: the space's default. */
  strength: number | null;
  /** The local optimum the next kick starts from, and its value. */
  home: unknown;
  homeValue: number;
  hasHome: boolean;
  /** The best local optimum so far and its value. */
  best: unknown;
  bestValue: number;
  /** The best has been refined by a polishing local search since it was found. */
  polished: boolean;
  /** The running local optimizer is a polish of the best (not an iteration). */
  polishing: boolean;
  /** Evaluations told so far. */
  evaluations: number;
  /** Completed local searches. */
  iterations: number;
  /** Local searches since the last new best. */
  sinceImprovement: number;
  restarts: number;
  restartPending: boolean;
  /** Acceptances over the current adaptation window (gaussian kicks). */
  windowAccepted: number;
  windowIterations: number;
  /** The running continuous local optimizer or neighbour descent, if any. */
  local: LocalOptimizerState | null;
  descent: NeighborDescentState<unknown> | null;
}
