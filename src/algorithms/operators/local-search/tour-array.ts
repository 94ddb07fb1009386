// A closed tour as an array plus the position of each city: O(1) successor and predecessor,
// 2-opt by reversing the shorter side, Or-opt by rotating the shorter stretch. Internal helper of
// the tour local search (not plain data: it lives only inside one local-search call).

export class TourArray {
  readonly size: number;
  /** The cities in tour order (a plain array, so that move-model deltas can read it). */
  readonly order: number[];
  private readonly position: Int32Array;

  constructor(tour: readonly number[]) {
    const n = tour.length;
    this.size = n;
    this.order = tour.slice();
    this.position = new Int32Array(n);
    for (let i = 0; i < n; i++) this.position[tour[i] as number] = i;
  }

  /** Recomputes the positions after `order` was rewritten in place. */
  reindex(): void {
    for (let i = 0; i < this.size; i++) this.position[this.order[i] as number] = i;
  }

  toArray(): number[] {
    return this.order.slice();
  }

  /** The position of `city` in {@link order}. */
  positionOf(city: number): number {
    return this.position[city] as number;
  }

  next(city: number): number {
    const p = (this.position[city] as number) + 1;
    return this.order[p === this.size ? 0 : p] as number;
  }

  previous(city: number): number {
    const p = this.position[city] as number;
    return this.order[p === 0 ? this.size - 1 : p - 1] as number;
  }

  /** True when `city` is among the `length` cities that start at `first` in tour order. */
  inSegment(city: number, first: number, length: number): boolean {
    const offset = (this.position[city] as number) - (this.position[first] as number);
    return (offset < 0 ? offset + this.size : offset) < length;
  }

  /**
   * Replaces edges (a, b) and (c, d) by (a, c) and (b, d), where b follows a and d follows c
   * in the same direction (both successors or both predecessors).
   */
  twoOptMove(a: number, b: number, c: number, d: number): void {
    if (this.next(a) === b) this.reversePath(b, c);
    else this.reversePath(a, d);
  }

  /** Reverses the path from `from` to `to` (in tour order); reverses the other side when shorter. */
  reversePath(from: number, to: number): void {
    const n = this.size;
    let i = this.position[from] as number;
    let j = this.position[to] as number;
    let length = j - i;
    if (length < 0) length += n;
    length += 1;
    if (2 * length > n) {
      // Reversing the complement gives the same cyclic tour, mirrored.
      const start = j + 1 === n ? 0 : j + 1;
      j = i === 0 ? n - 1 : i - 1;
      i = start;
      length = n - length;
    }
    const order = this.order;
    const position = this.position;
    for (let k = 0; k < length >> 1; k++) {
      const ci = order[i] as number;
      const cj = order[j] as number;
      order[i] = cj;
      position[cj] = i;
      order[j] = ci;
      position[ci] = j;
      i = i + 1 === n ? 0 : i + 1;
      j = j === 0 ? n - 1 : j - 1;
    }
  }

  /**
   * Moves the `length` cities starting at `first` (in tour order) between `u` and its successor
   * (both outside the segment): `first` comes next to u, or the segment's last city when
   * `reversed`.
   */
  moveSegment(first: number, length: number, u: number, reversed: boolean): void {
    const n = this.size;
    const order = this.order;
    const start = this.position[first] as number;
    const segment: number[] = [];
    for (let k = 0; k < length; k++) segment.push(order[(start + k) % n] as number);
    if (reversed) segment.reverse();
    const last = (start + length - 1) % n;
    // Cities between the segment's end and u (after), or between u's successor and the segment.
    const after = ((this.position[u] as number) - last + n) % n;
    const vPosition = ((this.position[u] as number) + 1) % n;
    const before = (start - vPosition + n) % n;
    const stretch: number[] = [];
    if (after <= before) {
      for (let k = 1; k <= after; k++) stretch.push(order[(last + k) % n] as number);
      this.write(start, [...stretch, ...segment]);
    } else {
      for (let k = 0; k < before; k++) stretch.push(order[(vPosition + k) % n] as number);
      this.write(vPosition, [...segment, ...stretch]);
    }
  }

  private write(at: number, cities: readonly number[]): void {
    const n = this.size;
    for (let k = 0; k < cities.length; k++) {
      const p = (at + k) % n;
      const city = cities[k] as number;
      this.order[p] = city;
      this.position[city] = p;
    }
  }
}
