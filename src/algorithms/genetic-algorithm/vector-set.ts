// A multiset of number vectors of one length, compared by the raw bits of their doubles (only 0
// and -0 differ from numeric equality): the genetic algorithm's de-duplication memory on spaces
// whose candidates are number vectors, without a string key per candidate. Open addressing with
// linear probing; each slot holds a vector's key (a weighted sum of its coordinates: equal bits
// give equal keys), the key's hash, a multiplicity and the vector itself, by reference: nothing
// is copied, and the full comparison runs only when the keys agree. A removal shifts the entries
// after the freed slot back, so no tombstones pile up. A cache beside the solver's state, never
// part of it; the vectors it holds are never changed (candidates are new arrays).

const bitsOfDouble = new Float64Array(2);
const wordsOfDouble = new Uint32Array(bitsOfDouble.buffer);

/** Vectors of `dimension` numbers with their multiplicities. */
export class VectorSet {
  private readonly dimension: number;
  /** Weight per coordinate in the key: distinct irrational-looking values in [1, 2). */
  private readonly weights: Float64Array;
  private capacity = 0;
  private size = 0;
  private keys = new Float64Array(0);
  private hashes = new Int32Array(0);
  /** Multiplicity per slot; 0 marks an empty slot. */
  private counts = new Int32Array(0);
  private members: (readonly number[] | undefined)[] = [];
  /**
   * The vector `has` last looked up, its key, hash and the slot found: `add` usually follows
   * `has` on the same unchanged vector (the GA's de-duplication) and reuses them. Any change of
   * the set forgets it.
   */
  private looked: readonly number[] | null = null;
  private lookedKey = 0;
  private lookedHash = 0;
  private lookedSlot = 0;

  constructor(dimension: number, expected = 16) {
    this.dimension = dimension;
    this.weights = new Float64Array(dimension);
    for (let i = 0; i < dimension; i++) this.weights[i] = 1 + (((i + 1) * 0.6180339887498949) % 1);
    this.allocate(slotsFor(expected));
  }

  /** True when a vector with the same bits is in the set. */
  has(x: readonly number[]): boolean {
    this.lookedKey = this.keyOf(x);
    this.lookedHash = hashOf(this.lookedKey);
    this.lookedSlot = this.find(x, this.lookedKey, this.lookedHash);
    this.looked = x;
    return this.lookedSlot >= 0;
  }

  /** Adds one copy of x. */
  add(x: readonly number[]): void {
    const known = x === this.looked;
    this.looked = null;
    const key = known ? this.lookedKey : this.keyOf(x);
    const hash = known ? this.lookedHash : hashOf(key);
    this.insert(x, key, hash, known ? this.lookedSlot : this.find(x, key, hash));
  }

  /** Adds one copy of x here and one to `other` (of the same dimension), keyed once. */
  addWith(x: readonly number[], other: VectorSet): void {
    const known = x === this.looked;
    this.looked = null;
    const key = known ? this.lookedKey : this.keyOf(x);
    const hash = known ? this.lookedHash : hashOf(key);
    this.insert(x, key, hash, known ? this.lookedSlot : this.find(x, key, hash));
    other.looked = null;
    other.insert(x, key, hash, other.find(x, key, hash));
  }

  /** Removes one copy of x (nothing when x is absent). */
  remove(x: readonly number[]): void {
    this.looked = null;
    const key = this.keyOf(x);
    const slot = this.find(x, key, hashOf(key));
    if (slot < 0) return;
    const left = (this.counts[slot] as number) - 1;
    this.counts[slot] = left;
    if (left === 0) {
      this.size--;
      this.closeGap(slot);
    }
  }

  // One more copy of x at `slot`, or a new entry at ~slot.
  private insert(x: readonly number[], key: number, hash: number, slot: number): void {
    if (slot >= 0) {
      this.counts[slot] = (this.counts[slot] as number) + 1;
      return;
    }
    const free = ~slot;
    this.keys[free] = key;
    this.hashes[free] = hash;
    this.counts[free] = 1;
    this.members[free] = x;
    if (2 * ++this.size > this.capacity) this.grow();
  }

  /** Empties the set, keeping its memory (but no vector: those may be large tours). */
  clear(): void {
    this.looked = null;
    this.counts.fill(0);
    this.members.fill(undefined);
    this.size = 0;
  }

  // The weighted sum of x in two running sums (side by side), -0 as 0 and every NaN as
  // Infinity, so that equal bits always give keys equal under ===.
  private keyOf(x: readonly number[]): number {
    const weights = this.weights;
    const d = this.dimension;
    let even = 0;
    let odd = 0;
    let i = 0;
    for (; i + 1 < d; i += 2) {
      even += (x[i] as number) * (weights[i] as number);
      odd += (x[i + 1] as number) * (weights[i + 1] as number);
    }
    if (i < d) even += (x[i] as number) * (weights[i] as number);
    const key = even + odd;
    return key === key ? key + 0 : Infinity;
  }

  // The slot holding x, or ~(the empty slot where it would go).
  private find(x: readonly number[], key: number, hash: number): number {
    const mask = this.capacity - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      if (this.counts[slot] === 0) return ~slot;
      if (this.keys[slot] !== key) continue;
      if (this.sameBits(x, this.members[slot] as readonly number[])) return slot;
    }
  }

  private sameBits(x: readonly number[], y: readonly number[]): boolean {
    for (let i = 0; i < this.dimension; i++) {
      const a = x[i] as number;
      const b = y[i] as number;
      if (a === b ? a === 0 && 1 / a !== 1 / b : a === a || b === b || !sameNaN(a, b)) {
        return false;
      }
    }
    return true;
  }

  // Backward-shift deletion: entries after the freed slot whose home lies at or before it move
  // into it, so that every entry stays reachable from its home without gaps.
  private closeGap(freed: number): void {
    const mask = this.capacity - 1;
    let hole = freed;
    for (let slot = (hole + 1) & mask; this.counts[slot] !== 0; slot = (slot + 1) & mask) {
      const home = (this.hashes[slot] as number) & mask;
      if (((slot - home) & mask) < ((slot - hole) & mask)) continue;
      this.move(slot, hole);
      this.counts[slot] = 0;
      hole = slot;
    }
    this.counts[hole] = 0;
    this.members[hole] = undefined;
  }

  private move(from: number, to: number): void {
    this.keys[to] = this.keys[from] as number;
    this.hashes[to] = this.hashes[from] as number;
    this.counts[to] = this.counts[from] as number;
    this.members[to] = this.members[from];
  }

  private allocate(capacity: number): void {
    this.capacity = capacity;
    this.keys = new Float64Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.counts = new Int32Array(capacity);
    this.members = new Array<readonly number[] | undefined>(capacity).fill(undefined);
  }

  private grow(): void {
    const { keys, hashes, counts, members, capacity } = this;
    this.allocate(2 * capacity);
    const mask = this.capacity - 1;
    for (let old = 0; old < capacity; old++) {
      if (counts[old] === 0) continue;
      let slot = (hashes[old] as number) & mask;
      while (this.counts[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = keys[old] as number;
      this.hashes[slot] = hashes[old] as number;
      this.counts[slot] = counts[old] as number;
      this.members[slot] = members[old];
    }
  }
}

// A multiply-xorshift mix of the key's two words.
function hashOf(key: number): number {
  bitsOfDouble[0] = key;
  let hash = Math.imul((wordsOfDouble[0] as number) ^ 0x9e3779b9, 0x5bd1e995);
  hash ^= hash >>> 15;
  hash = Math.imul(hash ^ (wordsOfDouble[1] as number), 0x5bd1e995);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

// Two NaNs with the same bits (their payloads, as the engine keeps them).
function sameNaN(a: number, b: number): boolean {
  bitsOfDouble[0] = a;
  bitsOfDouble[1] = b;
  return wordsOfDouble[0] === wordsOfDouble[2] && wordsOfDouble[1] === wordsOfDouble[3];
}

// A power of two with room for `expected` entries at a load of one half.
function slotsFor(expected: number): number {
  let slots = 8;
  while (slots < 2 * expected) slots *= 2;
  return slots;
}
