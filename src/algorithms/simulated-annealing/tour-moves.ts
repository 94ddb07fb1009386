// In-place tour moves that keep a position index up to date: 2-opt by reversing the shorter
// side of the tour (Croes 1958), and Or-opt segment insertion (Or 1976).

/**
 * Applies the 2-opt move (i, j), 0 <= i < j < n: reverses positions i+1..j, or the rest of the
 * tour when that is shorter (the same closed tour, travelled the other way), and updates
 * `position` (element -> index) for the elements that moved.
 */
export function reverseTourSegment(x: number[], position: Int32Array, i: number, j: number): void {
  const n = x.length;
  const inner = j - i;
  let left: number;
  let right: number;
  let swaps: number;
  if (inner <= n - inner) {
    left = i + 1;
    right = j;
    swaps = inner >> 1;
  } else {
    left = j + 1;
    right = i;
    swaps = (n - inner) >> 1;
  }
  for (let s = 0; s < swaps; s++) {
    const a = (left + s) % n;
    const b = (right - s + n) % n;
    const u = x[a] as number;
    const v = x[b] as number;
    x[a] = v;
    x[b] = u;
    position[v] = a;
    position[u] = b;
  }
}

/**
 * Applies the Or-opt move in place: the segment at positions i..i+length-1 (no wrap) is taken
 * out and put back right after the element at position j (j outside the segment, j != i-1),
 * reversed if asked. Returns the first and last index whose element changed.
 */
export function applyOrOptInPlace(
  x: number[],
  i: number,
  length: number,
  j: number,
  reversed: boolean,
): [number, number] {
  const segment = x.slice(i, i + length);
  if (reversed) segment.reverse();
  if (j > i) {
    // Elements i+length..j move left by length; the segment ends at j.
    for (let k = i; k + length <= j; k++) x[k] = x[k + length] as number;
    for (let s = 0; s < length; s++) x[j - length + 1 + s] = segment[s] as number;
    return [i, j];
  }
  // Elements j+1..i-1 move right by length; the segment starts at j+1.
  for (let k = i - 1; k > j; k--) x[k + length] = x[k] as number;
  for (let s = 0; s < length; s++) x[j + 1 + s] = segment[s] as number;
  return [j + 1, i + length - 1];
}
