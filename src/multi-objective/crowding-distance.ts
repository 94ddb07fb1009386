// Crowding distance (Deb et al., IEEE TEC 6(2) 2002, sec. III-B): how far a point's neighbours
// on its front lie, per objective, normalized by the front's range.

/**
 * The crowding distance of each point of one front (minimized values): for each objective the
 * points are sorted, both ends get Infinity, and each interior point adds the gap between its
 * neighbours divided by the objective's range on the front. An objective with range 0 adds
 * nothing. (pymoo's value is this one divided by the number of objectives.)
 */
export function crowdingDistance(front: readonly (readonly number[])[]): number[] {
  const n = front.length;
  const distances = new Array<number>(n).fill(0);
  if (n <= 2) return distances.fill(Infinity);
  const objectives = (front[0] as readonly number[]).length;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let m = 0; m < objectives; m++) {
    const value = (i: number): number => (front[i] as readonly number[])[m] as number;
    // Ties broken by index, so that the distances do not depend on the sort's stability.
    order.sort((a, b) => value(a) - value(b) || a - b);
    const lowest = value(order[0] as number);
    const highest = value(order[n - 1] as number);
    distances[order[0] as number] = Infinity;
    distances[order[n - 1] as number] = Infinity;
    const range = highest - lowest;
    if (!(range > 0) || !Number.isFinite(range)) continue;
    for (let k = 1; k < n - 1; k++) {
      const i = order[k] as number;
      distances[i] =
        (distances[i] as number) +
        (value(order[k + 1] as number) - value(order[k - 1] as number)) / range;
    }
  }
  return distances;
}
