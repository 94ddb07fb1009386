// Exact two-objective hypervolume: sort by the first objective and add one rectangle per
// non-dominated point, O(n log n).

/**
 * The area dominated by `points` (minimized, two objectives) and bounded by `reference`. Points
 * not strictly better than the reference in both objectives add nothing.
 */
export function hypervolume2d(
  points: readonly (readonly number[])[],
  reference: readonly number[],
): number {
  const r0 = reference[0] as number;
  const r1 = reference[1] as number;
  const inside: (readonly number[])[] = [];
  for (const p of points) if ((p[0] as number) < r0 && (p[1] as number) < r1) inside.push(p);
  inside.sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
  let area = 0;
  let ceiling = r1;
  for (const p of inside) {
    const y = p[1] as number;
    if (y < ceiling) {
      area += (r0 - (p[0] as number)) * (ceiling - y);
      ceiling = y;
    }
  }
  return area;
}
