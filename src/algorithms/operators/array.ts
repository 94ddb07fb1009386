// Position-wise operators on fixed-length arrays (binary, integer, categorical genes):
// uniform, one-point and two-point crossover.
import type { Rng } from '../../core/rng.js';

/** Uniform crossover: each position comes from either parent with probability 1/2. */
export function uniformCrossover<T>(a: readonly T[], b: readonly T[], rng: Rng): [T[], T[]] {
  const c1 = a.slice();
  const c2 = b.slice();
  for (let i = 0; i < a.length; i++) {
    if (rng.next() < 0.5) {
      c1[i] = b[i] as T;
      c2[i] = a[i] as T;
    }
  }
  return [c1, c2];
}

/** One-point crossover: children swap tails after a random cut in 1..n-1. */
export function onePointCrossover<T>(a: readonly T[], b: readonly T[], rng: Rng): [T[], T[]] {
  if (a.length < 2) return [a.slice(), b.slice()];
  const cut = 1 + rng.int(a.length - 1);
  return [
    [...a.slice(0, cut), ...b.slice(cut)],
    [...b.slice(0, cut), ...a.slice(cut)],
  ];
}

/** Two-point crossover: children swap the middle section between two random cuts. */
export function twoPointCrossover<T>(a: readonly T[], b: readonly T[], rng: Rng): [T[], T[]] {
  const n = a.length;
  if (n < 3) return onePointCrossover(a, b, rng);
  let i = 1 + rng.int(n - 1);
  let j = 1 + rng.int(n - 1);
  if (i > j) [i, j] = [j, i];
  return [
    [...a.slice(0, i), ...b.slice(i, j), ...a.slice(j)],
    [...b.slice(0, i), ...a.slice(i, j), ...b.slice(j)],
  ];
}

/** Distinct random positions of an array of length n, `count` of them (count <= n). */
export function randomPositions(n: number, count: number, rng: Rng): number[] {
  const k = Math.min(n, Math.max(0, Math.floor(count)));
  const pool = new Array<number>(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const tmp = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = tmp;
  }
  return pool.slice(0, k);
}
