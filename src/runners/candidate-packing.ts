// Moving candidates across the thread boundary: fixed-length numeric candidates travel packed
// in one Float64Array (transferred, not copied); other candidates are structured-cloned.
import type { SpaceKind } from '../core/space.js';

/** Candidates as they cross to a worker. */
export type PackedCandidates =
  | { packed: true; data: Float64Array; length: number; count: number }
  | { packed: false; items: unknown[] };

const NUMERIC_KINDS: readonly SpaceKind[] = ['real', 'integer', 'permutation', 'binary'];

/** Packs candidates of a numeric space into one typed array; clones others as they are. */
export function packCandidates(kind: SpaceKind, candidates: readonly unknown[]): PackedCandidates {
  const first = candidates[0];
  if (!NUMERIC_KINDS.includes(kind) || !Array.isArray(first))
    return { packed: false, items: candidates.slice() };
  const length = first.length;
  const data = new Float64Array(candidates.length * length);
  for (let c = 0; c < candidates.length; c++) {
    const x = candidates[c] as number[];
    const offset = c * length;
    for (let i = 0; i < length; i++) data[offset + i] = x[i] as number;
  }
  return { packed: true, data, length, count: candidates.length };
}

/** The candidates back as arrays (or as they were cloned). */
export function unpackCandidates(packed: PackedCandidates): unknown[] {
  if (!packed.packed) return packed.items;
  const { data, length, count } = packed;
  const out = new Array<number[]>(count);
  for (let c = 0; c < count; c++) {
    const x = new Array<number>(length);
    const offset = c * length;
    for (let i = 0; i < length; i++) x[i] = data[offset + i] as number;
    out[c] = x;
  }
  return out;
}
