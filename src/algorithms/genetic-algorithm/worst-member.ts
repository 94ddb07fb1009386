// The steady-state model's worst member (Whitley 1989's GENITOR replaces it at every step): a
// binary max-heap over the population's values, kept in step by replaceWorst instead of a scan
// of the whole population per child. Module memory, keyed by the state's value array: a new
// array (a generational step, a resumed run) rebuilds it from the values.

interface WorstHeap {
  /** Member indices, worst first: larger value first, then lower index (the scan's choice). */
  readonly order: Int32Array;
}

const heaps = new WeakMap<number[], WorstHeap>();

/** The index of the largest value, the first such index on ties. */
export function worstIndex(values: number[]): number {
  return heapOf(values).order[0] ?? 0;
}

/** values[worstIndex(values)] = value, for a value no larger, keeping the heap in step. */
export function replaceWorst(values: number[], value: number): void {
  const order = heapOf(values).order;
  values[order[0] as number] = value;
  siftDown(order, values, 0);
}

function heapOf(values: number[]): WorstHeap {
  let heap = heaps.get(values);
  if (heap === undefined) {
    const order = new Int32Array(values.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    for (let i = (order.length >> 1) - 1; i >= 0; i--) siftDown(order, values, i);
    heap = { order };
    heaps.set(values, heap);
  }
  return heap;
}

// True when member a comes before member b: a larger value (NaN largest), or an equal value at
// a lower index.
function before(values: readonly number[], a: number, b: number): boolean {
  const x = values[a] as number;
  const y = values[b] as number;
  if (x === y || (x !== x && y !== y)) return a < b;
  return x !== x || x > y;
}

function siftDown(order: Int32Array, values: readonly number[], start: number): void {
  const n = order.length;
  let at = start;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= n) return;
    const right = left + 1;
    let child = left;
    if (right < n && before(values, order[right] as number, order[left] as number)) child = right;
    if (!before(values, order[child] as number, order[at] as number)) return;
    const moved = order[at] as number;
    order[at] = order[child] as number;
    order[child] = moved;
    at = child;
  }
}
