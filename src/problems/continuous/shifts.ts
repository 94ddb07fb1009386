// The reference shift vectors of the suite's shifted variants, regenerated exactly as the
// reference figures made them: numpy's legacy RandomState(12345) (MT19937, Matsumoto &
// Nishimura 1998) drawing uniform(0, 1, size=d) per function, in the suite's order.
import { TEST_FUNCTIONS, type TestFunction } from './functions.js';

const SEED = 12345;

// MT19937 with numpy's legacy seeding and its 53-bit random_sample().
class MersenneTwister {
  private readonly state = new Uint32Array(624);
  private index = 624;

  constructor(seed: number) {
    let s = seed >>> 0;
    for (let i = 0; i < 624; i++) {
      this.state[i] = s;
      s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + i + 1) >>> 0;
    }
  }

  private twist(): void {
    const mt = this.state;
    for (let i = 0; i < 624; i++) {
      const y = ((mt[i] as number) & 0x80000000) | ((mt[(i + 1) % 624] as number) & 0x7fffffff);
      mt[i] = (mt[(i + 397) % 624] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.index = 0;
  }

  nextUint32(): number {
    if (this.index >= 624) this.twist();
    let y = this.state[this.index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}

const cache = new Map<number, Map<string, number[]>>();

/**
 * The reference shift of `fn` in dimension d: the optimum moves to o = lo + (hi - lo) *
 * (0.1 + 0.8 u), u ~ U(0, 1)^d, so s = o - x*, always inside the domain.
 */
export function referenceShift(fn: TestFunction, dimension: number): number[] {
  let shifts = cache.get(dimension);
  if (shifts === undefined) {
    shifts = new Map();
    const twister = new MersenneTwister(SEED);
    for (const f of TEST_FUNCTIONS) {
      const [lo, hi] = f.domain;
      const shift = new Array<number>(dimension);
      for (let i = 0; i < dimension; i++) {
        const u = twister.randomSample();
        shift[i] = lo + (hi - lo) * (0.1 + 0.8 * u) - f.minimizer;
      }
      shifts.set(f.name, shift);
    }
    cache.set(dimension, shifts);
  }
  return (shifts.get(fn.name) as number[]).slice();
}
