// Iterative crowding-distance pruning of one front (Kukkonen & Deb 2006, "Improved pruning of
// non-dominated solutions based on crowding distance for bi-objective optimization problems"):
// remove the most crowded member, update its neighbours' distances, repeat. Each objective keeps
// its members in a doubly linked sorted list, so a removal costs O(m) unless it takes an extreme
// (then that objective's range changes and its distances are recomputed), not a new sort.

/**
 * Removes the member of smallest crowding distance (the latest of equal ones) until `keep`
 * remain; returns the kept positions (ascending) and the distances of all positions at the end
 * (those of removed ones meaningless). Distances are those of `crowdingDistance` recomputed on
 * the remaining members after every removal, without recomputing them from scratch.
 */
export function pruneByCrowding(
  points: readonly (readonly number[])[],
  keep: number,
): { kept: number[]; distances: number[] } {
  const size = points.length;
  const objectives = size > 0 ? (points[0] as readonly number[]).length : 0;
  const previous: Int32Array[] = [];
  const next: Int32Array[] = [];
  const ends: [number, number][] = [];
  const contribution: Float64Array[] = [];
  for (let m = 0; m < objectives; m++) {
    const value = (p: number): number => (points[p] as readonly number[])[m] as number;
    const order = Array.from({ length: size }, (_, p) => p).sort(
      (a, b) => value(a) - value(b) || a - b,
    );
    const before = new Int32Array(size).fill(-1);
    const after = new Int32Array(size).fill(-1);
    for (let k = 0; k < size; k++) {
      if (k > 0) before[order[k] as number] = order[k - 1] as number;
      if (k < size - 1) after[order[k] as number] = order[k + 1] as number;
    }
    previous.push(before);
    next.push(after);
    ends.push([order[0] ?? -1, order[size - 1] ?? -1]);
    contribution.push(new Float64Array(size));
  }
  const alive = new Uint8Array(size).fill(1);
  const distances = new Array<number>(size).fill(0);
  let count = size;

  const value = (p: number, m: number): number => (points[p] as readonly number[])[m] as number;
  const contributionOf = (p: number, m: number): number => {
    const [first, last] = ends[m] as [number, number];
    if (p === first || p === last) return Infinity;
    const range = value(last, m) - value(first, m);
    if (!(range > 0) || !Number.isFinite(range)) return 0;
    return (
      (value((next[m] as Int32Array)[p]!, m) - value((previous[m] as Int32Array)[p]!, m)) / range
    );
  };
  const refreshDistance = (p: number): void => {
    if (count <= 2) {
      distances[p] = Infinity;
      return;
    }
    let sum = 0;
    for (let m = 0; m < objectives; m++) sum += (contribution[m] as Float64Array)[p]!;
    distances[p] = sum;
  };
  const refreshObjective = (m: number): void => {
    for (let p = 0; p < size; p++) {
      if (alive[p]) (contribution[m] as Float64Array)[p] = contributionOf(p, m);
    }
  };
  for (let m = 0; m < objectives; m++) refreshObjective(m);
  for (let p = 0; p < size; p++) refreshDistance(p);

  while (count > keep) {
    let worst = -1;
    for (let p = 0; p < size; p++) {
      if (alive[p] && (worst < 0 || distances[p]! <= distances[worst]!)) worst = p;
    }
    alive[worst] = 0;
    count--;
    const touched = new Set<number>();
    let all = count <= 2;
    for (let m = 0; m < objectives; m++) {
      const before = (previous[m] as Int32Array)[worst]!;
      const after = (next[m] as Int32Array)[worst]!;
      if (before >= 0) (next[m] as Int32Array)[before] = after;
      if (after >= 0) (previous[m] as Int32Array)[after] = before;
      const extremes = ends[m] as [number, number];
      if (worst === extremes[0] || worst === extremes[1]) {
        if (worst === extremes[0]) extremes[0] = after;
        if (worst === extremes[1]) extremes[1] = before;
        refreshObjective(m);
        all = true;
      } else {
        for (const q of [before, after]) {
          (contribution[m] as Float64Array)[q] = contributionOf(q, m);
          touched.add(q);
        }
      }
    }
    if (all) {
      for (let p = 0; p < size; p++) if (alive[p]) refreshDistance(p);
    } else {
      for (const q of touched) refreshDistance(q);
    }
  }
  const kept: number[] = [];
  for (let p = 0; p < size; p++) if (alive[p]) kept.push(p);
  return { kept, distances };
}
