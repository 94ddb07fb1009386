// The seeded random number generator every random choice in kiln flows from (Alea, via seedrandom).
import { randomInt } from 'node:crypto';
import seedrandom from 'seedrandom';
import { ParameterError, describeValue } from './errors.js';

/** Serializable state of an {@link Rng}: restoring it resumes the exact same stream. */
export interface RngState {
  /** The seed string the stream was derived from (for reports and forks). */
  seed: string;
  /** Alea's internal state. */
  alea: { c: number; s0: number; s1: number; s2: number };
}

/** A seeded, forkable, serializable source of randomness. Never shared implicitly: pass it. */
export interface Rng {
  /** The seed string this stream was derived from. */
  readonly seed: string;
  /** Uniform double in [0, 1). */
  next(): number;
  /** Uniform double in [low, high). */
  uniform(low: number, high: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform integer in [low, high], both included. */
  integer(low: number, high: number): number;
  /** Normal deviate with the given mean and standard deviation (Box-Muller). */
  normal(mean?: number, standardDeviation?: number): number;
  /** Standard Cauchy deviate scaled by `scale`. */
  cauchy(location?: number, scale?: number): number;
  /** True with probability `probability`. */
  bool(probability?: number): boolean;
  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** A uniformly random permutation of 0..n-1. */
  permutation(n: number): number[];
  /**
   * An independent stream derived from this stream's current state and `label`, without
   * advancing this stream. Forking twice with the same label at the same point gives the
   * same stream: use distinct labels for distinct purposes.
   */
  fork(label: string): Rng;
  /** A JSON-serializable snapshot; {@link restoreRng} resumes from it. */
  getState(): RngState;
}

interface AleaPrng {
  (): number;
  state(): { c: number; s0: number; s1: number; s2: number };
}

type AleaFactory = (seed: string, options: { state: boolean | object }) => AleaPrng;
const alea = seedrandom.alea as unknown as AleaFactory;

const TWO_PI = 2 * Math.PI;

class AleaRng implements Rng {
  readonly seed: string;
  private readonly prng: AleaPrng;

  constructor(seed: string, prng: AleaPrng) {
    this.seed = seed;
    this.prng = prng;
  }

  next(): number {
    return this.prng();
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.prng();
  }

  int(n: number): number {
    return Math.floor(this.prng() * n);
  }

  integer(low: number, high: number): number {
    return low + Math.floor(this.prng() * (high - low + 1));
  }

  normal(mean = 0, standardDeviation = 1): number {
    // 1 - u keeps the logarithm finite: u is in [0, 1).
    const radius = Math.sqrt(-2 * Math.log(1 - this.prng()));
    return mean + standardDeviation * radius * Math.cos(TWO_PI * this.prng());
  }

  cauchy(location = 0, scale = 1): number {
    return location + scale * Math.tan(Math.PI * (this.prng() - 0.5));
  }

  bool(probability = 0.5): boolean {
    return this.prng() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new ParameterError('rng.pick: items must not be empty');
    return items[Math.floor(this.prng() * items.length)] as T;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  permutation(n: number): number[] {
    const items = Array.from({ length: n }, (_, i) => i);
    return this.shuffle(items);
  }

  fork(label: string): Rng {
    const { c, s0, s1, s2 } = this.prng.state();
    return createRng(`${label}|${c}|${s0}|${s1}|${s2}`);
  }

  getState(): RngState {
    return { seed: this.seed, alea: this.prng.state() };
  }
}

/** A new stream from a seed (a number or a string). */
export function createRng(seed: number | string): Rng {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new ParameterError(
      `createRng: seed must be a finite number or a string (got ${describeValue(seed)})`,
    );
  }
  const text = String(seed);
  return new AleaRng(text, alea(text, { state: true }));
}

/** Resumes a stream from a snapshot taken with {@link Rng.getState}. */
export function restoreRng(state: RngState): Rng {
  const { c, s0, s1, s2 } = state.alea;
  if (![c, s0, s1, s2].every(Number.isFinite)) {
    throw new ParameterError(
      `restoreRng: state.alea must hold four finite numbers (got ${describeValue(state.alea)})`,
    );
  }
  return new AleaRng(state.seed, alea('', { state: { ...state.alea } }));
}

/** A fresh seed for unseeded runs, drawn from the OS; the run reports it so it can be replayed. */
export function randomSeed(): number {
  return randomInt(1, 2 ** 31 - 1);
}
