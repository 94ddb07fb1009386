// The GA's vector de-duplication memory answers as a multiset of bit patterns would, through
// growth and removals, and the steady-state memory stays in step with the population.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generationVectors,
  replaceVector,
  stepVectors,
} from '../../src/algorithms/genetic-algorithm/population-vectors.js';
import { VectorSet } from '../../src/algorithms/genetic-algorithm/vector-set.js';

// A few vectors of length 3, with 0 and -0 and equal values in other positions.
const POOL: number[][] = [
  [0, 1, 2],
  [-0, 1, 2],
  [1, 0, 2],
  [0.1 + 0.2, 0.3, 1e300],
  [0.3, 0.3, 1e300],
  [2, 1, 0],
  [NaN, 1, 2],
  [Infinity, -Infinity, 5],
];
const bits = (x: readonly number[]): string =>
  Array.from(new Uint32Array(new Float64Array(x).buffer)).join(',');

describe('vector set', () => {
  it('answers as a multiset of bit patterns through adds, removals and growth', () => {
    // Many distinct vectors force growth; removals exercise the backward shift.
    const vector = fc.oneof(
      fc.constantFrom(...POOL),
      fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom(0, 1)).map(([a, b]) => [a, b, 7]),
    );
    const kind = fc.oneof(
      { weight: 10, arbitrary: fc.constant('add') },
      { weight: 6, arbitrary: fc.constant('has, then add') },
      { weight: 6, arbitrary: fc.constant('remove') },
      { weight: 1, arbitrary: fc.constant('clear') },
    );
    const operation = fc.tuple(kind, vector);
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 200 }), (operations) => {
        const set = new VectorSet(3, 2);
        const model = new Map<string, number>();
        for (const [kind, x] of operations) {
          const key = bits(x);
          if (kind === 'add' || kind === 'has, then add') {
            // add after has on the same vector reuses what has found.
            if (kind === 'has, then add') expect(set.has(x)).toBe(model.has(key));
            set.add(x);
            model.set(key, (model.get(key) ?? 0) + 1);
          } else if (kind === 'remove') {
            set.remove(x);
            const left = (model.get(key) ?? 0) - 1;
            if (left > 0) model.set(key, left);
            else model.delete(key);
          } else {
            set.clear();
            model.clear();
          }
          for (const y of POOL) expect(set.has(y)).toBe(model.has(bits(y)));
          for (let a = 0; a <= 40; a += 3)
            expect(set.has([a, 0, 7])).toBe(model.has(bits([a, 0, 7])));
        }
      }),
    );
  });

  it('steady-state memory: the current members plus the step siblings', () => {
    const steps = fc.array(fc.tuple(fc.nat(), fc.nat(POOL.length - 1), fc.nat(POOL.length - 1)), {
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        fc.array(fc.nat(POOL.length - 1), { minLength: 1, maxLength: 8 }),
        steps,
        (initial, changes) => {
          const population = initial.map((i) => POOL[i] as number[]);
          for (const [at, sibling, replacement] of changes) {
            const seen = stepVectors(3, population);
            seen.add(POOL[sibling] as number[]);
            for (const [k, y] of POOL.entries()) {
              const member = population.some((x) => bits(x) === bits(y));
              expect(seen.has(y)).toBe(member || k === sibling);
            }
            replaceVector(population, at % population.length, POOL[replacement] as number[]);
          }
        },
      ),
    );
  });

  it('generational memory: the population plus the children, carried over or rebuilt', () => {
    // Each generation: children (fresh arrays, some equal to pool vectors), then a next
    // population that is either elites + all children (the carried case) or anything else.
    const generation = fc.record({
      children: fc.array(fc.nat(POOL.length - 1), { maxLength: 6 }),
      elites: fc.array(fc.nat(POOL.length - 1), { maxLength: 3 }),
      carried: fc.boolean(),
      other: fc.array(fc.nat(POOL.length - 1), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(generation, { maxLength: 12 }), (generations) => {
        const space = {};
        let population: number[][] = [];
        for (const { children, elites, carried, other } of generations) {
          const seen = generationVectors(space, 3, population);
          const added: number[][] = [];
          for (const i of children) {
            const child = (POOL[i] as number[]).slice();
            seen.add(child);
            added.push(child);
          }
          for (const y of POOL) {
            const expected = [...population, ...added].some((x) => bits(x) === bits(y));
            expect(seen.has(y)).toBe(expected);
          }
          population = carried
            ? [...elites.map((i) => POOL[i] as number[]), ...added]
            : other.map((i) => POOL[i] as number[]);
        }
      }),
    );
  });
});
