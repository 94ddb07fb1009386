// The plain reference for one-at-a-time front pruning: score the members left, drop the one with
// the least score (the last of equals), and score again, until `keep` remain; and the fronts
// the pruning tests draw.
import fc from 'fast-check';

/** Indices of `points` kept by repeated recomputation of `scores` over the members left. */
export function pruneByRecomputing(
  points: readonly (readonly number[])[],
  keep: number,
  scores: (members: (readonly number[])[]) => number[],
): number[] {
  let kept = points.map((_, p) => p);
  while (kept.length > keep) {
    const values = scores(kept.map((p) => points[p]!));
    let least = 0;
    for (let k = 1; k < kept.length; k++) if (values[k]! <= values[least]!) least = k;
    kept = kept.filter((_, k) => k !== least);
  }
  return kept;
}

/**
 * A front of 1-30 points in 2 or 3 objectives, each coordinate from `coordinate`, with a number
 * of members to keep between 0 and the front's size.
 */
export function frontAndKeep(
  coordinate: fc.Arbitrary<number>,
): fc.Arbitrary<{ points: number[][]; keep: number }> {
  return fc
    .integer({ min: 2, max: 3 })
    .chain((m) =>
      fc.tuple(
        fc.array(fc.array(coordinate, { minLength: m, maxLength: m }), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.nat(30),
      ),
    )
    .map(([points, keepRaw]) => ({ points, keep: keepRaw % (points.length + 1) }));
}
