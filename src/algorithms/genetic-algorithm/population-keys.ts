// The steady-state model's de-duplication memory: how many members hold each key, kept in step
// with the state's key list from one step to the next instead of rebuilt from it at every step
// (two children per step would otherwise pay for hashing the whole population). Module memory,
// keyed by the state's key array: a new array (a generational step, a resumed run) rebuilds it.
import type { KeySet } from './distinct.js';

const counts = new WeakMap<string[], Map<string, number>>();

function countsOf(keys: string[]): Map<string, number> {
  let known = counts.get(keys);
  if (known === undefined) {
    known = new Map();
    for (const key of keys) known.set(key, (known.get(key) ?? 0) + 1);
    counts.set(keys, known);
  }
  return known;
}

/** The population's keys plus the siblings added during one step. */
export function stepKeys(keys: string[]): KeySet {
  const population = countsOf(keys);
  const siblings = new Set<string>();
  return {
    has: (key) => population.has(key) || siblings.has(key),
    add: (key) => siblings.add(key),
  };
}

/** keys[index] = key, keeping the counts in step. */
export function replaceKey(keys: string[], index: number, key: string): void {
  const known = counts.get(keys);
  if (known !== undefined) {
    const old = keys[index] as string;
    const left = (known.get(old) ?? 0) - 1;
    if (left > 0) known.set(old, left);
    else known.delete(old);
    known.set(key, (known.get(key) ?? 0) + 1);
  }
  keys[index] = key;
}
