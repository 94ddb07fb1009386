// The categorical space: a vector of variables, each taking one of its own listed values.
import { randomPositions, uniformCrossover } from '../../algorithms/operators/array.js';
import { ParameterError, describeValue } from '../errors.js';
import { isArray } from '../guards.js';
import type { Rng } from '../rng.js';
import type { CategoryValue, MutateOptions, PerturbOptions, Space, SpaceSpec } from '../space.js';

/** Options of {@link categoricalSpace}. */
export interface CategoricalSpaceOptions {
  /** For each variable, its allowed values (at least one, no duplicates). */
  choices: readonly (readonly CategoryValue[])[];
}

/**
 * Variables with unordered values. Candidates hold the values themselves; the vector
 * embedding maps variable i to [0, 1), split into equal bins, one per value.
 */
export function categoricalSpace(options: CategoricalSpaceOptions): Space<CategoryValue[]> {
  const choices = checkChoices(options.choices);
  const dimension = choices.length;
  const spec: SpaceSpec = { kind: 'categorical', choices: choices.map((c) => c.slice()) };
  const indexOf = (i: number, v: unknown): number =>
    (choices[i] as CategoryValue[]).indexOf(v as CategoryValue);
  const randomValue = (i: number, rng: Rng): CategoryValue =>
    rng.pick(choices[i] as CategoryValue[]);
  // A different value of variable i when one exists.
  const otherValue = (i: number, v: CategoryValue, rng: Rng): CategoryValue => {
    const options = choices[i] as CategoryValue[];
    if (options.length < 2) return v;
    const current = options.indexOf(v);
    let k = rng.int(options.length - 1);
    if (k >= current) k++;
    return options[k] as CategoryValue;
  };
  return {
    kind: 'categorical',
    dimension,
    vectorLower: new Array<number>(dimension).fill(0),
    vectorUpper: new Array<number>(dimension).fill(1),
    spec,
    sample: (rng) => choices.map((_, i) => randomValue(i, rng)),
    contains(x: unknown): x is CategoryValue[] {
      return Array.isArray(x) && x.length === dimension && x.every((v, i) => indexOf(i, v) >= 0);
    },
    repair: (x) =>
      x.map((v, i) =>
        indexOf(i, v) >= 0 ? v : ((choices[i] as CategoryValue[])[0] as CategoryValue),
      ),
    neighbor(x, rng) {
      const y = x.slice();
      const i = rng.int(dimension);
      y[i] = otherValue(i, y[i] as CategoryValue, rng);
      return y;
    },
    perturb(x, rng, opts?: PerturbOptions) {
      const y = x.slice();
      const count = opts?.strength ?? Math.max(2, Math.ceil(dimension / 10));
      for (const i of randomPositions(dimension, count, rng))
        y[i] = otherValue(i, y[i] as CategoryValue, rng);
      return y;
    },
    mutate(x, rng, opts?: MutateOptions) {
      const rate = opts?.rate ?? 1 / dimension;
      return x.map((v, i) => (rng.next() < rate ? otherValue(i, v, rng) : v));
    },
    crossover: (a, b, rng) => uniformCrossover(a, b, rng),
    key: (x) => JSON.stringify(x),
    toVector: (x) =>
      x.map((v, i) => (Math.max(0, indexOf(i, v)) + 0.5) / (choices[i] as CategoryValue[]).length),
    fromVector: (v) =>
      choices.map((options, i) => {
        const u = v[i] ?? 0;
        const k = Math.floor((Number.isNaN(u) ? 0 : u) * options.length);
        return options[k < 0 ? 0 : k >= options.length ? options.length - 1 : k] as CategoryValue;
      }),
  };
}

function checkChoices(input: readonly (readonly CategoryValue[])[]): CategoryValue[][] {
  const choices: unknown = input;
  if (!isArray(choices) || choices.length === 0) {
    throw new ParameterError('categoricalSpace: choices must be a non-empty array of value lists');
  }
  return choices.map((options, i) => {
    if (!isArray(options) || options.length === 0) {
      throw new ParameterError(
        `categoricalSpace: choices[${i}] must be a non-empty array (got ${describeValue(options)})`,
      );
    }
    if (new Set(options).size !== options.length) {
      throw new ParameterError(
        `categoricalSpace: choices[${i}] must not repeat a value (got ${describeValue(options)})`,
      );
    }
    for (const v of options) {
      if (!['string', 'number', 'boolean'].includes(typeof v)) {
        throw new ParameterError(
          `categoricalSpace: choices[${i}] must hold strings, numbers or booleans (got ${describeValue(v)})`,
        );
      }
    }
    return options.slice() as CategoryValue[];
  });
}
