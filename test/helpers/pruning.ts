// The plain reference for one-at-a-time front pruning: score the members left, drop the one with
// the least score (the last of equals), and score again, until `keep` remain.

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
