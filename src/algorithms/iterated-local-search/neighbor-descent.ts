// Descent over sampled neighbours, for spaces and problems without a move model: each batch is
// a sample of distinct neighbours of the current point (space.neighbor), evaluated by the
// runner; the first (or best) improving one becomes the current point, and the descent ends
// after `patience` batches in a row without improvement or when its evaluation cap is reached.
// Plain-data state, driven by the iterated local search's ask/tell.
import type { Rng } from '../../core/rng.js';
import type { Space } from '../../core/space.js';

/** Plain-data state of one neighbour descent. */
export interface NeighborDescentState<X> {
  current: X;
  /** NaN until the starting point's value is known (it is evaluated with the first batch). */
  currentValue: number;
  /** Batches in a row without improvement. */
  idle: number;
  evaluations: number;
  done: boolean;
}

/** Settings of a neighbour descent. */
export interface NeighborDescentSettings {
  sample: number;
  patience: number;
  improvement: 'first' | 'best';
  /** Evaluations cap (Infinity: none). */
  maxEvaluations: number;
}

export function neighborDescentInit<X>(start: X): NeighborDescentState<X> {
  return { current: start, currentValue: NaN, idle: 0, evaluations: 0, done: false };
}

/**
 * The next batch: the starting point with its first neighbours, then neighbours only. Distinct
 * keys, never the current point; fewer than `sample` when the neighbourhood is small. An empty
 * batch means no neighbour exists (the descent is then done).
 */
export function neighborDescentAsk<X>(
  state: NeighborDescentState<X>,
  space: Space<X>,
  settings: NeighborDescentSettings,
  rng: Rng,
): X[] {
  const start = Number.isNaN(state.currentValue);
  const room = settings.maxEvaluations - state.evaluations - (start ? 1 : 0);
  const wanted = Math.max(0, Math.min(settings.sample, room));
  const seen = new Set<string>([space.key(state.current)]);
  const batch: X[] = start ? [state.current] : [];
  for (
    let attempt = 0;
    batch.length < wanted + (start ? 1 : 0) && attempt < 4 * wanted;
    attempt++
  ) {
    const y = space.neighbor(state.current, rng);
    const key = space.key(y);
    if (seen.has(key)) continue;
    seen.add(key);
    batch.push(y);
  }
  if (batch.length === 0) state.done = true;
  return batch;
}

/** The values of the batch `neighborDescentAsk` returned, in order. */
export function neighborDescentTell<X>(
  state: NeighborDescentState<X>,
  batch: readonly X[],
  values: readonly number[],
  settings: NeighborDescentSettings,
): void {
  let first = 0;
  if (Number.isNaN(state.currentValue)) {
    state.currentValue = values[0] as number;
    first = 1;
  }
  state.evaluations += batch.length;
  let chosen = -1;
  let chosenValue = state.currentValue;
  for (let k = first; k < batch.length; k++) {
    const value = values[k] as number;
    if (value < chosenValue) {
      chosen = k;
      chosenValue = value;
      if (settings.improvement === 'first') break;
    }
  }
  if (chosen >= 0) {
    state.current = batch[chosen] as X;
    state.currentValue = chosenValue;
    state.idle = 0;
  } else if (batch.length > first) {
    state.idle++;
  }
  if (
    state.idle >= settings.patience ||
    state.evaluations >= settings.maxEvaluations ||
    batch.length === first
  ) {
    state.done = true;
  }
}
