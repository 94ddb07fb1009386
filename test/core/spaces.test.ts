// Properties of every space kind: operators stay in the space, the vector embedding round-trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPermutation } from '../../src/algorithms/operators/permutation.js';
import { createRng } from '../../src/core/rng.js';
import type { Space } from '../../src/core/space.js';
import {
  mixedSpace,
  permutationSpace,
  realSpace,
  spaceFromSpec,
  integerSpace,
  categoricalSpace,
} from '../../src/core/spaces/index.js';
import { ParameterError } from '../../src/core/errors.js';
import { exampleMixedParameters, spaceArbitrary } from '../helpers/spaces.js';

const seedArbitrary = fc.integer({ min: 0, max: 2 ** 31 - 1 });

function operatorsOf(space: Space<unknown>, seed: number): { name: string; values: unknown[] }[] {
  const rng = createRng(seed);
  const a = space.sample(rng);
  const b = space.sample(rng);
  return [
    { name: 'sample', values: [a, b] },
    { name: 'neighbor', values: [space.neighbor(a, rng), space.neighbor(a, rng, { scale: 0.5 })] },
    { name: 'perturb', values: [space.perturb(a, rng), space.perturb(a, rng, { strength: 3 })] },
    { name: 'mutate', values: [space.mutate(a, rng), space.mutate(a, rng, { rate: 1 })] },
    { name: 'crossover', values: space.crossover(a, b, rng) },
    {
      name: 'fromVector',
      values: [
        space.fromVector(
          space.vectorLower.map(
            (lo, i) => lo + rng.next() * ((space.vectorUpper[i] as number) - lo),
          ),
        ),
      ],
    },
  ];
}

describe('spaces', () => {
  it('sample, neighbor, perturb, mutate, crossover and fromVector stay in the space', () => {
    fc.assert(
      fc.property(spaceArbitrary, seedArbitrary, (space, seed) => {
        for (const { name, values } of operatorsOf(space, seed)) {
          for (const x of values)
            expect(space.contains(x), `${space.kind} ${name} gave ${JSON.stringify(x)}`).toBe(true);
        }
      }),
    );
  });

  it('operators do not modify their arguments', () => {
    fc.assert(
      fc.property(spaceArbitrary, seedArbitrary, (space, seed) => {
        const rng = createRng(seed);
        const a = space.sample(rng);
        const b = space.sample(rng);
        const before = JSON.stringify([a, b]);
        space.neighbor(a, rng);
        space.perturb(a, rng);
        space.mutate(a, rng, { rate: 1 });
        space.crossover(a, b, rng);
        space.toVector(a);
        space.repair(a);
        expect(JSON.stringify([a, b])).toBe(before);
      }),
    );
  });

  it('fromVector(toVector(x)) round-trips and toVector lies within the vector bounds', () => {
    fc.assert(
      fc.property(spaceArbitrary, seedArbitrary, (space, seed) => {
        const rng = createRng(seed);
        for (let k = 0; k < 5; k++) {
          const x = space.sample(rng);
          const v = space.toVector(x);
          expect(v.length).toBe(space.dimension);
          v.forEach((t, i) => {
            expect(t).toBeGreaterThanOrEqual(space.vectorLower[i] as number);
            expect(t).toBeLessThanOrEqual(space.vectorUpper[i] as number);
          });
          expect(space.key(space.fromVector(v))).toBe(space.key(x));
        }
      }),
    );
  });

  it('repair maps arbitrary vectors of the right shape into the space and keeps valid ones', () => {
    fc.assert(
      fc.property(spaceArbitrary, seedArbitrary, (space, seed) => {
        const rng = createRng(seed);
        const x = space.sample(rng);
        expect(space.key(space.repair(x))).toBe(space.key(x));
        if (space.kind !== 'mixed' && space.kind !== 'categorical') {
          const noisy = (x as number[]).map((v) => v * 3 - 7.3);
          expect(space.contains(space.repair(noisy))).toBe(true);
        }
      }),
    );
  });

  it('permutation operators keep permutations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), seedArbitrary, (size, seed) => {
        for (const neighborhood of ['swap', 'reversal', 'insertion'] as const) {
          const space = permutationSpace({ size, neighborhood });
          for (const { values } of operatorsOf(space, seed)) {
            for (const x of values) expect(isPermutation(x as number[], size)).toBe(true);
          }
        }
      }),
    );
  });

  it('rebuilds every space from its spec', () => {
    fc.assert(
      fc.property(spaceArbitrary, seedArbitrary, (space, seed) => {
        const copy = spaceFromSpec(JSON.parse(JSON.stringify(space.spec)));
        expect(copy.kind).toBe(space.kind);
        expect(copy.dimension).toBe(space.dimension);
        const x = space.sample(createRng(seed));
        expect(copy.sample(createRng(seed))).toEqual(x);
      }),
    );
  });
});

describe('mixed space', () => {
  const space = mixedSpace({ parameters: exampleMixedParameters });

  it('holds exactly the active parameters', () => {
    const rng = createRng(1);
    for (let k = 0; k < 500; k++) {
      const x = space.sample(rng);
      expect('momentum' in x).toBe(x.optimizer === 'sgd' || x.optimizer === 'rmsprop');
      expect('nesterov' in x).toBe(x.optimizer === 'sgd');
      expect('width2' in x).toBe((x.layers as number) >= 2);
    }
  });

  it('samples log-scale parameters log-uniformly', () => {
    const rng = createRng(2);
    let belowMilli = 0;
    const n = 20000;
    for (let k = 0; k < n; k++) if ((space.sample(rng).learningRate as number) < 1e-3) belowMilli++;
    // log-uniform on [1e-5, 1]: P(< 1e-3) = 2/5.
    expect(belowMilli / n).toBeGreaterThan(0.38);
    expect(belowMilli / n).toBeLessThan(0.42);
  });

  it('rejects bad parameter specs with the parameter named', () => {
    expect(() => mixedSpace({ parameters: { lr: { type: 'real', low: 1, high: 0 } } })).toThrow(
      /parameters\/lr\/low must be <= high .*swap/,
    );
    expect(() =>
      mixedSpace({ parameters: { lr: { type: 'real', low: 0, high: 1, log: true } } }),
    ).toThrow(/> 0 on a log scale/);
    expect(() =>
      mixedSpace({ parameters: { x: { type: 'real', low: -1e308, high: 1e308 } } }),
    ).toThrow(
      'parameters/x/high must keep high - low finite (got 1e+308 - -1e+308) (a width past about 1.8e308 overflows; rescale the variable)',
    );
    expect(() =>
      mixedSpace({ parameters: { n: { type: 'integer', low: -1e308, high: 1e308 } } }),
    ).toThrow(/parameters\/n\/high must keep high - low finite/);
    expect(
      mixedSpace({ parameters: { n: { type: 'integer', low: 0, high: 2 ** 60 } } }).dimension,
    ).toBe(1);
    expect(() =>
      mixedSpace({ parameters: { m: { type: 'real', low: 0, high: 1, when: { opt: 'sgd' } } } }),
    ).toThrow(/parameters\/m\/when\/opt names no parameter of the space/);
    expect(() =>
      mixedSpace({
        parameters: {
          a: { type: 'categorical', choices: [1, 2], when: { b: 1 } },
          b: { type: 'categorical', choices: [1, 2], when: { a: 1 } },
        },
      }),
    ).toThrow(/cycle/);
  });

  it('reports every mistake of a space at once, without an internal prefix', () => {
    let message = '';
    try {
      mixedSpace({
        parameters: {
          x: { type: 'real', low: 5, high: 1 },
          rate: { type: 'real', low: 0, high: 1, log: true },
          momentum: { type: 'real', low: 0, high: 1, when: { optimzer: 'sgd' } },
          optimizer: { type: 'categorical', choices: ['sgd', 'adam'] },
        },
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^search space: 3 errors\n/);
    expect(message).toContain('parameters/x/low must be <= high (got 5 > 1)');
    expect(message).toContain('parameters/rate/low must be > 0 on a log scale (got 0)');
    expect(message).toContain(
      'parameters/momentum/when/optimzer names no parameter of the space (known: x, rate, momentum, optimizer) (did you mean "optimizer"?)',
    );
    expect(message).not.toContain('mixedSpace');
  });
});

describe('real space', () => {
  it('fromVector is a new array clamped into the box coordinate by coordinate, NaN to the lower bound', () => {
    // The clamp of each coordinate as a rule (signed zeros compared with Object.is).
    const clampOne = (t: number, lo: number, hi: number): number =>
      t > lo ? (t < hi ? t : hi) : lo;
    const coordinate = fc.oneof(
      fc.double(),
      fc.constantFrom(0, -0, NaN, Infinity, -Infinity, -1, 1, 2),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(coordinate, fc.constantFrom(-1, 0, -0), fc.constantFrom(0, 1, 2)), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.boolean(),
        (coordinates, holey) => {
          const lower = coordinates.map(([, lo]) => lo);
          const upper = coordinates.map(([, lo, hi]) => Math.max(hi, lo));
          const space = realSpace({ lower, upper });
          const values = coordinates.map(([t]) => t);
          // With `holey`, coordinate 0 is a hole (never written), as in new Array(n).
          const v = holey ? new Array<number>(values.length) : values;
          for (let i = holey ? 1 : 0; i < values.length; i++) v[i] = values[i] as number;
          const x = space.fromVector(v);
          expect(x).not.toBe(v);
          expect(Array.isArray(x)).toBe(true);
          expect(x.length).toBe(lower.length);
          x.forEach((value, i) => {
            const t = v[i] as number;
            expect(Object.is(value, clampOne(t, lower[i]!, upper[i]!))).toBe(true);
          });
        },
      ),
    );
    // A typed array and a vector of another length are read coordinate by coordinate too.
    const space = realSpace({ lower: [0, 0], upper: [1, 1] });
    expect(space.fromVector(Float64Array.of(0.5, 3) as unknown as number[])).toEqual([0.5, 1]);
    expect(space.fromVector([0.25])).toEqual([0.25, 0]);
  });
});

describe('space constructors', () => {
  it('name the offending bound and suggest a swap', () => {
    expect(() => realSpace({ lower: [0, 5], upper: [1, 2] })).toThrow(ParameterError);
    expect(() => realSpace({ lower: [0, 5], upper: [1, 2] })).toThrow(
      /lower\[1\] must be <= upper\[1\] \(got 5 > 2; did you swap lower and upper\?\)/,
    );
    expect(() => realSpace({ lower: [0, -1e308], upper: [1, 1e308] })).toThrow(
      'realSpace: upper[1] - lower[1] must be finite (got 1e+308 - -1e+308; a width past about 1.8e308 overflows; rescale the variable)',
    );
    expect(() => integerSpace({ lower: [-1e308], upper: [1e308] })).toThrow(
      /integerSpace: upper\[0\] - lower\[0\] must be finite/,
    );
    // Wide but finite boxes stay allowed: they sample and step without overflowing.
    expect(realSpace({ lower: [-1e300], upper: [1e300] }).sample(createRng(1))[0]).toSatisfy(
      Number.isFinite,
    );
    expect(integerSpace({ lower: [-(2 ** 60)], upper: [2 ** 60] }).dimension).toBe(1);
    expect(() => realSpace({ lower: [0], upper: [1, 2] })).toThrow(/same length/);
    expect(() => integerSpace({ lower: [0.5], upper: [2] })).toThrow(/integers/);
    expect(() => categoricalSpace({ choices: [['a', 'a']] })).toThrow(/must not repeat/);
    expect(() => permutationSpace({ size: 0 })).toThrow(/size must be an integer >= 1/);
  });
});
