// Seeded, stratified splits of sample indices: train/validation/test holds and k folds for
// cross-validation. Each class is shuffled on its own and cut in proportion.
import { ParameterError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';

/** The rows of each part of a dataset (0-based sample indices, ascending). */
export interface SplitIndices {
  train: number[];
  validation: number[];
  test: number[];
}

/** Groups `indices` by their label (one group of all of them when `labels` is undefined). */
function groupsOf(indices: readonly number[], labels: Int32Array | undefined): number[][] {
  if (labels === undefined || labels.length === 0) return [indices.slice()];
  const groups = new Map<number, number[]>();
  for (const i of indices) {
    const label = labels[i] as number;
    let group = groups.get(label);
    if (group === undefined) groups.set(label, (group = []));
    group.push(i);
  }
  return [...groups.keys()].sort((a, b) => a - b).map((k) => groups.get(k) as number[]);
}

/**
 * Splits `indices` in two: `count` of them (taken in proportion from each class when `labels`
 * is given, largest remainders first) and the rest. Both parts come back sorted ascending.
 */
export function stratifiedHoldOut(
  indices: readonly number[],
  count: number,
  labels: Int32Array | undefined,
  rng: Rng,
): { held: number[]; rest: number[] } {
  if (!Number.isInteger(count) || count < 0 || count > indices.length) {
    throw new ParameterError(
      `split: the held-out count must be an integer in [0, ${indices.length}] (got ${count})`,
    );
  }
  const groups = groupsOf(indices, labels).map((g) => rng.shuffle(g.slice().sort((a, b) => a - b)));
  const exact = groups.map((g) => (g.length * count) / indices.length);
  const quotas = exact.map(Math.floor);
  let missing = count - quotas.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (missing === 0) break;
    if ((quotas[i] as number) < (groups[i] as number[]).length) {
      quotas[i] = (quotas[i] as number) + 1;
      missing--;
    }
  }
  const held: number[] = [];
  const rest: number[] = [];
  groups.forEach((g, i) => {
    held.push(...g.slice(0, quotas[i]));
    rest.push(...g.slice(quotas[i]));
  });
  return { held: held.sort((a, b) => a - b), rest: rest.sort((a, b) => a - b) };
}

/**
 * Stratified train/validation/test split of samples 0..n-1 by fractions of n (rounded), from
 * `rng`. With `test` given (a predefined test part), only the validation part is drawn, from the
 * remaining samples.
 */
export function splitDataset(
  samples: number,
  labels: Int32Array | undefined,
  fractions: { validation: number; test: number },
  rng: Rng,
  test?: readonly number[],
): SplitIndices {
  const all = Array.from({ length: samples }, (_, i) => i);
  let testPart: number[];
  let remaining: number[];
  if (test !== undefined) {
    const inTest = new Set(test);
    testPart = [...inTest].sort((a, b) => a - b);
    remaining = all.filter((i) => !inTest.has(i));
  } else {
    const split = stratifiedHoldOut(all, Math.round(fractions.test * samples), labels, rng);
    testPart = split.held;
    remaining = split.rest;
  }
  const validationCount = Math.round(fractions.validation * remaining.length);
  const { held, rest } = stratifiedHoldOut(remaining, validationCount, labels, rng);
  return { train: rest, validation: held, test: testPart };
}

/**
 * `k` folds of `indices` for cross-validation, stratified by `labels` when given: each class is
 * shuffled and dealt round-robin, so fold sizes differ by at most one per class.
 */
export function kFolds(
  indices: readonly number[],
  k: number,
  labels: Int32Array | undefined,
  rng: Rng,
): number[][] {
  if (!Number.isInteger(k) || k < 2 || k > indices.length) {
    throw new ParameterError(
      `kFolds: k must be an integer in [2, ${indices.length}] (got ${k})`,
    );
  }
  const folds = Array.from({ length: k }, () => [] as number[]);
  let next = 0;
  for (const group of groupsOf(indices, labels)) {
    for (const i of rng.shuffle(group.slice().sort((a, b) => a - b))) {
      (folds[next] as number[]).push(i);
      next = (next + 1) % k;
    }
  }
  return folds.map((f) => f.sort((a, b) => a - b));
}
