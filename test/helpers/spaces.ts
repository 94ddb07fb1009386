// Example spaces of every kind, with a cheap objective each, for property and contract tests.
import fc from 'fast-check';
import type { ParameterSpec, Space, SpaceKind, SpaceSpec } from '../../src/core/space.js';
import {
  binarySpace,
  categoricalSpace,
  integerSpace,
  mixedSpace,
  permutationSpace,
  realSpace,
  spaceFromSpec,
} from '../../src/core/spaces/index.js';

/** A small mixed space with log scales and conditional parameters, like a hyperparameter search. */
export const exampleMixedParameters: Record<string, ParameterSpec> = {
  optimizer: { type: 'categorical', choices: ['sgd', 'adam', 'rmsprop'] },
  learningRate: { type: 'real', low: 1e-5, high: 1, log: true },
  momentum: { type: 'real', low: 0, high: 0.99, when: { optimizer: ['sgd', 'rmsprop'] } },
  nesterov: { type: 'boolean', when: { optimizer: 'sgd' } },
  layers: { type: 'integer', low: 1, high: 4 },
  width2: { type: 'integer', low: 8, high: 512, log: true, when: { layers: [2, 3, 4] } },
  batchSize: { type: 'integer', low: 1, high: 256, log: true },
};

/** One space of each kind, small enough for quick runs. */
export function exampleSpaces(): Record<SpaceKind, Space<unknown>> {
  return {
    real: realSpace({ lower: [-5, -5, -1], upper: [5, 5, 3] }),
    integer: integerSpace({ lower: [0, -3, 10], upper: [10, 3, 20] }),
    categorical: categoricalSpace({
      choices: [
        ['a', 'b', 'c'],
        [1, 2],
        [true, false],
        ['x', 'y', 'z', 'w'],
      ],
    }),
    mixed: mixedSpace({ parameters: exampleMixedParameters }),
    permutation: permutationSpace({ size: 9 }),
    binary: binarySpace({ size: 12 }),
  };
}

/**
 * A cheap objective with a known minimum 0 for each example space: distance-like functions
 * of the vector embedding, which every kind has.
 */
export function exampleObjective(space: Space<unknown>): (x: unknown) => number {
  const lower = space.vectorLower;
  const upper = space.vectorUpper;
  switch (space.kind) {
    case 'permutation':
      return (x) => (x as number[]).reduce((sum, v, i) => sum + Math.abs(v - i), 0);
    case 'binary':
      return (x) => (x as number[]).reduce((sum, v) => sum + v, 0);
    default: {
      // Squared distance of the embedding to a point 30% into the box.
      const target = lower.map((lo, i) => lo + 0.3 * ((upper[i] as number) - lo));
      return (x) => {
        const v = space.toVector(x);
        let sum = 0;
        for (let i = 0; i < v.length; i++) {
          const t =
            ((v[i] as number) - (target[i] as number)) /
            ((upper[i] as number) - (lower[i] as number) || 1);
          sum += t * t;
        }
        return sum;
      };
    }
  }
}

const finite = (min: number, max: number): fc.Arbitrary<number> =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const boxArbitrary = (integer: boolean): fc.Arbitrary<{ lower: number[]; upper: number[] }> =>
  fc
    .array(
      integer
        ? fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 40 }))
        : fc.tuple(finite(-1e3, 1e3), finite(0, 1e3)),
      { minLength: 1, maxLength: 8 },
    )
    .map((pairs) => ({
      lower: pairs.map(([lo]) => lo),
      upper: pairs.map(([lo, width]) => lo + width),
    }));

/** Random space specs of every kind, for properties over all spaces. */
export const spaceSpecArbitrary: fc.Arbitrary<SpaceSpec> = fc.oneof(
  boxArbitrary(false).map((b): SpaceSpec => ({ kind: 'real', ...b })),
  boxArbitrary(true).map((b): SpaceSpec => ({ kind: 'integer', ...b })),
  fc
    .array(
      fc.uniqueArray(
        fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -5, max: 5 }), fc.boolean()),
        { minLength: 1, maxLength: 5 },
      ),
      {
        minLength: 1,
        maxLength: 6,
      },
    )
    .map((choices): SpaceSpec => ({ kind: 'categorical', choices })),
  fc.constant<SpaceSpec>({ kind: 'mixed', parameters: exampleMixedParameters }),
  fc
    .record({
      size: fc.integer({ min: 1, max: 40 }),
      neighborhood: fc.constantFrom('swap' as const, 'reversal' as const, 'insertion' as const),
    })
    .map((r): SpaceSpec => ({ kind: 'permutation', ...r })),
  fc.integer({ min: 1, max: 64 }).map((size): SpaceSpec => ({ kind: 'binary', size })),
);

/** Random spaces of every kind. */
export const spaceArbitrary: fc.Arbitrary<Space<unknown>> = spaceSpecArbitrary.map(spaceFromSpec);
