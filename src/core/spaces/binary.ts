// The binary space: fixed-length bit strings, held as arrays of 0 and 1.
import { randomPositions, uniformCrossover } from '../../algorithms/operators/array.js';
import type { MutateOptions, PerturbOptions, Space, SpaceSpec } from '../space.js';
import { checkSize } from './bounds.js';

/** Options of {@link binarySpace}. */
export interface BinarySpaceOptions {
  /** Number of bits. */
  size: number;
}

/** Bit strings of length n. The vector embedding is the bits themselves in [0, 1], decoded at 0.5. */
export function binarySpace(options: BinarySpaceOptions): Space<number[]> {
  const size = checkSize('binarySpace', options.size);
  const spec: SpaceSpec = { kind: 'binary', size };
  const flipAt = (x: readonly number[], positions: readonly number[]): number[] => {
    const y = x.slice();
    for (const i of positions) y[i] = 1 - (y[i] as number);
    return y;
  };
  return {
    kind: 'binary',
    dimension: size,
    vectorLower: new Array<number>(size).fill(0),
    vectorUpper: new Array<number>(size).fill(1),
    spec,
    sample: (rng) => Array.from({ length: size }, () => (rng.next() < 0.5 ? 1 : 0)),
    contains: (x: unknown): x is number[] =>
      Array.isArray(x) && x.length === size && x.every((v) => v === 0 || v === 1),
    repair: (x) => Array.from({ length: size }, (_, i) => ((x[i] ?? 0) >= 0.5 ? 1 : 0)),
    neighbor: (x, rng) => flipAt(x, [rng.int(size)]),
    perturb: (x, rng, opts?: PerturbOptions) =>
      flipAt(x, randomPositions(size, opts?.strength ?? Math.max(2, Math.ceil(size / 10)), rng)),
    mutate(x, rng, opts?: MutateOptions) {
      const rate = opts?.rate ?? 1 / size;
      return x.map((v) => (rng.next() < rate ? 1 - v : v));
    },
    crossover: (a, b, rng) => uniformCrossover(a, b, rng),
    key: (x) => x.join(''),
    toVector: (x) => x.slice(),
    fromVector: (v) => Array.from({ length: size }, (_, i) => ((v[i] ?? 0) >= 0.5 ? 1 : 0)),
  };
}
