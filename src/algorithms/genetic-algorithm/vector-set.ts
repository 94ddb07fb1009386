// A multiset of number vectors of one length, compared by the raw bits of their doubles (only 0
// and -0 differ from numeric equality): the genetic algorithm's de-duplication memory on spaces
// whose candidates are number vectors, without a string key per candidate. Open addressing with
// linear probing over typed arrays; a removal shifts the entries after the freed slot back, so
// no tombstones pile up. A cache beside the solver's state, never part of it.

/** Vectors of `dimension` numbers with their multiplicities. */
export class VectorSet {
  private readonly dimension: number;
  private capacity = 0;
  private size = 0;
  private vectors = new Float64Array(0);
  private words = new Uint32Array(0);
  private hashes = new Int32Array(0);
  /** Multiplicity per slot; 0 marks an empty slot. */
  private counts = new Int32Array(0);
  private readonly scratch: Float64Array;
  private readonly scratchWords: Uint32Array;
  /**
   * The vector `has` last looked up, its hash and the slot found: `add` usually follows `has`
   * on the same unchanged vector (the GA's de-duplication) and reuses them. Any change of the
   * set forgets it.
   */
  private looked: readonly number[] | null = null;
  private lookedHash = 0;
  private lookedSlot = 0;

  constructor(dimension: number, expected = 16) {
    this.dimension = dimension;
    this.scratch = new Float64Array(dimension);
    this.scratchWords = new Uint32Array(this.scratch.buffer);
    this.allocate(slotsFor(expected));
  }

  /** True when a vector with the same bits is in the set. */
  has(x: readonly number[]): boolean {
    this.lookedHash = this.load(x);
    this.lookedSlot = this.find(this.lookedHash);
    this.looked = x;
    return this.lookedSlot >= 0;
  }

  /** Adds one copy of x. */
  add(x: readonly number[]): void {
    const known = x === this.looked;
    this.looked = null;
    const hash = known ? this.lookedHash : this.load(x);
    const slot = known ? this.lookedSlot : this.find(hash);
    if (slot >= 0) {
      this.counts[slot] = (this.counts[slot] as number) + 1;
      return;
    }
    this.store(~slot, hash, 1);
    if (2 * ++this.size > this.capacity) this.grow();
  }

  /** Removes one copy of x (nothing when x is absent). */
  remove(x: readonly number[]): void {
    this.looked = null;
    const slot = this.find(this.load(x));
    if (slot < 0) return;
    const left = (this.counts[slot] as number) - 1;
    this.counts[slot] = left;
    if (left === 0) {
      this.size--;
      this.closeGap(slot);
    }
  }

  /** Empties the set, keeping its memory. */
  clear(): void {
    this.looked = null;
    this.counts.fill(0);
    this.size = 0;
  }

  // Copies x into the scratch vector and returns its hash (a multiply-xorshift over the words).
  private load(x: readonly number[]): number {
    const scratch = this.scratch;
    for (let i = 0; i < this.dimension; i++) scratch[i] = x[i] as number;
    const words = this.scratchWords;
    let hash = 0x9e3779b9 | 0;
    for (let w = 0; w < words.length; w++) {
      hash = Math.imul(hash ^ (words[w] as number), 0x5bd1e995);
      hash ^= hash >>> 15;
    }
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    return hash ^ (hash >>> 16);
  }

  // The slot holding the scratch vector, or ~(the empty slot where it would go).
  private find(hash: number): number {
    const mask = this.capacity - 1;
    const width = 2 * this.dimension;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      if (this.counts[slot] === 0) return ~slot;
      if (this.hashes[slot] !== hash) continue;
      const base = slot * width;
      let equal = true;
      for (let w = 0; w < width && equal; w++) {
        equal = this.words[base + w] === this.scratchWords[w];
      }
      if (equal) return slot;
    }
  }

  // Writes the scratch vector into an empty slot.
  private store(slot: number, hash: number, count: number): void {
    this.vectors.set(this.scratch, slot * this.dimension);
    this.hashes[slot] = hash;
    this.counts[slot] = count;
  }

  // Backward-shift deletion: entries after the freed slot whose home lies at or before it move
  // into it, so that every entry stays reachable from its home without gaps.
  private closeGap(freed: number): void {
    const mask = this.capacity - 1;
    const d = this.dimension;
    let hole = freed;
    for (let slot = (hole + 1) & mask; this.counts[slot] !== 0; slot = (slot + 1) & mask) {
      const home = (this.hashes[slot] as number) & mask;
      if (((slot - home) & mask) < ((slot - hole) & mask)) continue;
      this.vectors.copyWithin(hole * d, slot * d, slot * d + d);
      this.hashes[hole] = this.hashes[slot] as number;
      this.counts[hole] = this.counts[slot] as number;
      this.counts[slot] = 0;
      hole = slot;
    }
    this.counts[hole] = 0;
  }

  private allocate(capacity: number): void {
    this.capacity = capacity;
    this.vectors = new Float64Array(capacity * this.dimension);
    this.words = new Uint32Array(this.vectors.buffer);
    this.hashes = new Int32Array(capacity);
    this.counts = new Int32Array(capacity);
  }

  private grow(): void {
    const { vectors, hashes, counts, capacity } = this;
    const d = this.dimension;
    this.allocate(2 * capacity);
    const mask = this.capacity - 1;
    for (let old = 0; old < capacity; old++) {
      if (counts[old] === 0) continue;
      let slot = (hashes[old] as number) & mask;
      while (this.counts[slot] !== 0) slot = (slot + 1) & mask;
      this.vectors.set(vectors.subarray(old * d, old * d + d), slot * d);
      this.hashes[slot] = hashes[old] as number;
      this.counts[slot] = counts[old] as number;
    }
  }
}

// A power of two with room for `expected` entries at a load of one half.
function slotsFor(expected: number): number {
  let slots = 8;
  while (slots < 2 * expected) slots *= 2;
  return slots;
}
