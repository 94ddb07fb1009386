// The largest and smallest of many numbers without spreading them into Math.max / Math.min,
// whose arguments go on the stack: about 150,000 numbers overflow it (a report of a study or a
// batch that large, a very large population).

/** Math.max of `values` (NaN if any is NaN, -Infinity if there are none), by a loop. */
export function maxOf(values: readonly number[]): number {
  let max = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v > max || (v === 0 && max === 0 && Object.is(max, -0))) max = v; // +0 above -0
  }
  return max;
}

/** Math.min of `values` (NaN if any is NaN, Infinity if there are none), by a loop. */
export function minOf(values: readonly number[]): number {
  let min = Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v < min || (v === 0 && min === 0 && Object.is(v, -0))) min = v; // -0 below +0
  }
  return min;
}
