// Inverted generational distance (Coello & Reyes Sierra 2004): how well an obtained set covers a
// reference front, as the mean distance from each reference point to its nearest obtained point.

/**
 * IGD of `obtained` against `referenceFront` (both minimized, same objectives): the mean over the
 * reference front of the Euclidean distance to the nearest obtained point. Infinity when nothing
 * was obtained.
 */
export function invertedGenerationalDistance(
  obtained: readonly (readonly number[])[],
  referenceFront: readonly (readonly number[])[],
): number {
  if (obtained.length === 0) return Infinity;
  let total = 0;
  for (const r of referenceFront) {
    let nearest = Infinity;
    for (const p of obtained) {
      let squared = 0;
      for (let j = 0; j < r.length; j++) {
        const d = (p[j] as number) - (r[j] as number);
        squared += d * d;
      }
      if (squared < nearest) nearest = squared;
    }
    total += Math.sqrt(nearest);
  }
  return total / referenceFront.length;
}
