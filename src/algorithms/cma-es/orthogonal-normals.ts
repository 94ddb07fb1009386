// Orthogonal sampling for CMA-ES (Wang, Emmerich & Bäck 2014, "Mirrored orthogonal sampling with
// pairwise selection in evolution strategies"): the standard normal vectors of one generation,
// taken n at a time, are made mutually orthogonal by Gram-Schmidt and given the lengths of
// independent standard normal vectors, so each one is still distributed as N(0, I) while a
// generation covers its directions more evenly than independent draws.
import type { Rng } from '../../core/rng.js';
import { standardNormal } from '../operators/ziggurat.js';

/**
 * Fills `out` (count x n, row-major) with `count` standard normal vectors, orthogonal within
 * each block of n consecutive rows. With `mirrored`, rows come in pairs z, -z: the pairs' first
 * members are the orthogonal ones (an odd count ends with an unpaired row).
 */
export function orthogonalNormals(
  n: number,
  count: number,
  rng: Rng,
  out: Float64Array,
  mirrored = false,
): void {
  const stride = mirrored ? 2 : 1;
  let blockStart = 0;
  let inBlock = 0;
  for (let k = 0; k < count; k += stride) {
    if (inBlock === n) {
      blockStart = k;
      inBlock = 0;
    }
    inBlock++;
    const offset = k * n;
    for (let i = 0; i < n; i++) out[offset + i] = standardNormal(rng);
    // Modified Gram-Schmidt against the earlier (unit) rows of this block.
    for (let previous = blockStart; previous < k; previous += stride) {
      const other = previous * n;
      let dot = 0;
      for (let i = 0; i < n; i++) dot += out[offset + i]! * out[other + i]!;
      for (let i = 0; i < n; i++) out[offset + i] = out[offset + i]! - dot * out[other + i]!;
    }
    let squared = 0;
    for (let i = 0; i < n; i++) squared += out[offset + i]! ** 2;
    const scale = squared > 0 ? 1 / Math.sqrt(squared) : 0;
    for (let i = 0; i < n; i++) out[offset + i] = out[offset + i]! * scale;
  }
  // Each row gets the length of an independent standard normal vector (chi with n degrees).
  for (let k = 0; k < count; k += stride) {
    let length = 0;
    for (let i = 0; i < n; i++) length += standardNormal(rng) ** 2;
    length = Math.sqrt(length);
    const offset = k * n;
    for (let i = 0; i < n; i++) out[offset + i] = out[offset + i]! * length;
    if (mirrored && k + 1 < count) {
      for (let i = 0; i < n; i++) out[offset + n + i] = -out[offset + i]!;
    }
  }
}
