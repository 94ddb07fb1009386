// Polishing the best vector of differential evolution with the continuous local optimizer, as
// SciPy's differential_evolution does with L-BFGS-B once the evolution ends. Real spaces only:
// on the embedding of a discrete space the objective is piecewise constant.
import type { SpaceKind } from '../../core/space.js';
import {
  localAsk,
  localBest,
  localDone,
  localInit,
  localTell,
  type LocalMethod,
  type LocalOptimizerState,
} from '../operators/local-optimizer/local-optimizer.js';
import { bestIndex } from './population.js';

/** Whether polishing applies to a space of this kind. */
export function canPolish(kind: SpaceKind): boolean {
  return kind === 'real';
}

/** A local optimization from the best member, allowed `evaluations` (Infinity: no limit). */
export function startPolish(
  vectors: readonly number[][],
  values: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  method: LocalMethod,
  evaluations: number,
): LocalOptimizerState {
  const best = bestIndex(values);
  return localInit(
    vectors[best] as number[],
    values[best],
    { lower, upper },
    { method, maxEvaluations: evaluations },
  );
}

/** The next points of the polish; empty once it is done. */
export function polishAsk(polish: LocalOptimizerState): number[][] {
  return localDone(polish) ? [] : localAsk(polish);
}

/** Feeds the polish its values; true once it is done. */
export function polishTell(polish: LocalOptimizerState, values: readonly number[]): boolean {
  localTell(polish, values);
  return localDone(polish);
}

/** Puts the polished point in place of the best member when it improves on it, in place. */
export function adoptPolished(
  polish: LocalOptimizerState,
  vectors: number[][],
  values: number[],
): void {
  const { x, value } = localBest(polish);
  const best = bestIndex(values);
  if (Number.isFinite(value) && value < (values[best] as number)) {
    vectors[best] = x;
    values[best] = value;
  }
}
