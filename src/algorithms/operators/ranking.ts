// Ranking a population by value without a comparator closure: the full order (a stable merge
// sort of indices over the values) and the head of it (a sorted window, one pass). Both order
// ties by index and put NaN with Infinity, last.

/** The indices of `values` sorted best first (NaN and Infinity last, ties by index). */
export function rankOrder(values: readonly number[]): number[] {
  const n = values.length;
  const keys = keyBuffer(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    keys[i] = v === v ? v : Infinity;
  }
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (mergeBuffer.length < n) mergeBuffer = new Int32Array(n);
  sortRun(order, mergeBuffer, keys, 0, n);
  return order;
}

/**
 * The `count` best indices, best first: the head of {@link rankOrder} (a population's p-best or
 * elite set). A short head is found in one pass with a sorted window, O(n count); a longer one
 * by the full sort, so that the cost never exceeds O(n log n).
 */
export function bestRanked(values: readonly number[], count: number): number[] {
  const n = values.length;
  const k = Math.max(0, Math.min(count, n));
  if (k > WINDOW_LIMIT && k * k > n * Math.log2(n)) return rankOrder(values).slice(0, k);
  const head = new Array<number>(k);
  const window = keyBuffer(k);
  let filled = 0;
  for (let i = 0; i < n && k > 0; i++) {
    const raw = values[i] as number;
    const value = raw === raw ? raw : Infinity;
    // Later indices lose ties, so only a strictly smaller value enters a full window.
    if (filled === k && !(value < (window[k - 1] as number))) continue;
    let j = filled < k ? filled++ : k - 1;
    while (j > 0 && value < (window[j - 1] as number)) {
      head[j] = head[j - 1] as number;
      window[j] = window[j - 1] as number;
      j--;
    }
    head[j] = i;
    window[j] = value;
  }
  return head;
}

// Heads longer than this may go through the full sort (when k^2 exceeds n log n).
const WINDOW_LIMIT = 16;

// Scratch memory reused across calls (never kept by a caller).
let keys = new Float64Array(64);
let mergeBuffer = new Int32Array(64);
const RUN = 12;

function keyBuffer(n: number): Float64Array {
  if (keys.length < n) keys = new Float64Array(Math.max(n, 2 * keys.length));
  return keys;
}

// Stable: insertion sort on short runs, then merges that take from the right run only when
// strictly smaller.
function sortRun(
  order: number[],
  buffer: Int32Array,
  keys: Float64Array,
  from: number,
  to: number,
): void {
  if (to - from <= RUN) {
    for (let i = from + 1; i < to; i++) {
      const index = order[i] as number;
      const key = keys[index] as number;
      let j = i - 1;
      while (j >= from && (keys[order[j] as number] as number) > key) {
        order[j + 1] = order[j] as number;
        j--;
      }
      order[j + 1] = index;
    }
    return;
  }
  const middle = (from + to) >>> 1;
  sortRun(order, buffer, keys, from, middle);
  sortRun(order, buffer, keys, middle, to);
  if ((keys[order[middle - 1] as number] as number) <= (keys[order[middle] as number] as number))
    return;
  for (let i = from; i < middle; i++) buffer[i] = order[i] as number;
  let left = from;
  let right = middle;
  let out = from;
  while (left < middle && right < to) {
    const a = buffer[left] as number;
    const b = order[right] as number;
    if ((keys[b] as number) < (keys[a] as number)) {
      order[out++] = b;
      right++;
    } else {
      order[out++] = a;
      left++;
    }
  }
  while (left < middle) order[out++] = buffer[left++] as number;
}
