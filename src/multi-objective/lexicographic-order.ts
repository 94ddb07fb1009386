// The order of n points by their first, then their second coordinate. Small sets sort the
// indices with a comparator; large ones by a stable least-significant-digit radix sort of the
// first coordinate's bits (three 11-bit digits per 32-bit half, so six counting passes), with
// runs of equal first coordinates then sorted by the second. On 100,000 shuffled points the
// radix sort takes about a fifth of the comparator sort's time (bench/nsga2-zdt.ts).

// Below this many points the comparator sort is faster than the radix sort's six passes.
const RADIX_FROM = 512;
const DIGIT_BITS = 11;
const DIGITS_PER_HALF = 3;
const BUCKETS = 1 << DIGIT_BITS;
// Which 32-bit word of a float64 holds its sign and exponent on this machine.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HIGH_WORD = LITTLE_ENDIAN ? 1 : 0;

/**
 * Indices 0..count-1 ordered by `first[i]` ascending, ties by `second[i]` ascending (-0 and 0
 * count as equal). Neither array may hold NaN.
 */
export function lexicographicOrder(
  first: Float64Array,
  second: Float64Array,
  count: number,
): Uint32Array {
  if (count < RADIX_FROM) {
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    return order.sort(
      (a, b) =>
        (first[a] as number) - (first[b] as number) ||
        (second[a] as number) - (second[b] as number),
    );
  }
  const order = radixOrder(first, count);
  sortTiesBySecond(order, first, second);
  return order;
}

// A stable radix sort of the indices by `keys`, through the keys' IEEE 754 bits mapped so that
// unsigned order is numeric order (negative values: every bit flipped; others: the sign bit set).
function radixOrder(keys: Float64Array, count: number): Uint32Array {
  const bits = new Uint32Array(keys.buffer, keys.byteOffset, count * 2);
  const low = new Uint32Array(count);
  const high = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const l = bits[2 * i + 1 - HIGH_WORD] as number;
    const h = bits[2 * i + HIGH_WORD] as number;
    const negative = (h & 0x80000000) !== 0;
    low[i] = negative ? ~l >>> 0 : l;
    high[i] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
  }
  let order = new Uint32Array(count);
  let next = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const starts = new Uint32Array(BUCKETS);
  for (const half of [low, high]) {
    for (let digit = 0; digit < DIGITS_PER_HALF; digit++) {
      const shift = digit * DIGIT_BITS;
      starts.fill(0);
      for (let k = 0; k < count; k++) {
        const bucket = ((half[order[k] as number] as number) >>> shift) & (BUCKETS - 1);
        starts[bucket] = (starts[bucket] as number) + 1;
      }
      let sum = 0;
      for (let b = 0; b < BUCKETS; b++) {
        const size = starts[b] as number;
        starts[b] = sum;
        sum += size;
      }
      for (let k = 0; k < count; k++) {
        const i = order[k] as number;
        const bucket = ((half[i] as number) >>> shift) & (BUCKETS - 1);
        next[starts[bucket] as number] = i;
        starts[bucket] = (starts[bucket] as number) + 1;
      }
      [order, next] = [next, order];
    }
  }
  return order;
}

// Orders each run of equal first coordinates (adjacent after the radix sort; -0 beside 0) by
// the second, by insertion: runs are short unless many points share a first value.
function sortTiesBySecond(order: Uint32Array, first: Float64Array, second: Float64Array): void {
  let start = 0;
  while (start < order.length) {
    const value = first[order[start] as number] as number;
    let end = start + 1;
    while (end < order.length && first[order[end] as number] === value) end++;
    if (end - start > 1) {
      const run = order.subarray(start, end);
      run.sort((a, b) => (second[a] as number) - (second[b] as number));
    }
    start = end;
  }
}
