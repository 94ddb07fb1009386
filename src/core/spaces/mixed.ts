// The mixed space of named parameters (real, integer, categorical, boolean; log scale;
// conditional activation), the space of hyperparameter searches.
import { reflect } from '../../algorithms/operators/real.js';
import { ParameterError } from '../errors.js';
import type { Rng } from '../rng.js';
import type {
  CategoryValue,
  MutateOptions,
  NeighborOptions,
  ParameterSpec,
  ParameterValues,
  PerturbOptions,
  Space,
  SpaceSpec,
} from '../space.js';
import { describeParameterIssues, parameterIssues } from './parameter-issues.js';

/** Options of {@link mixedSpace}: the parameters by name, in display order. */
export interface MixedSpaceOptions {
  parameters: Record<string, ParameterSpec>;
}

// Each parameter maps to one coordinate u in [0, 1] of the vector embedding.
interface Codec {
  name: string;
  spec: ParameterSpec;
  decode(u: number): CategoryValue;
  encode(value: CategoryValue): number;
  valid(value: unknown): boolean;
  fallback: CategoryValue;
  numeric: boolean;
}

/**
 * Named parameters of mixed types. A candidate is a record holding exactly the active
 * parameters: a parameter with `when` is active only when its condition holds.
 */
export function mixedSpace(options: MixedSpaceOptions): Space<ParameterValues> {
  const parameters = options.parameters;
  const issues = parameterIssues(parameters);
  if (issues.length > 0) throw new ParameterError(describeParameterIssues(issues));
  const codecs = Object.entries(parameters).map(([name, spec]) => makeCodec(name, spec));
  const byName = new Map(codecs.map((c) => [c.name, c]));
  const order = activationOrder(codecs, byName);
  const dimension = codecs.length;
  const spec: SpaceSpec = { kind: 'mixed', parameters: structuredClone(parameters) };

  const isActive = (codec: Codec, values: ParameterValues): boolean => {
    const when = codec.spec.when;
    if (when === undefined) return true;
    return Object.entries(when).every(([parent, allowed]) => {
      if (!(parent in values)) return false;
      const value = values[parent] as CategoryValue;
      return Array.isArray(allowed) ? allowed.includes(value) : allowed === value;
    });
  };

  // Rebuilds a candidate in declared order: active parameters get `pick(codec)` when
  // missing or invalid, inactive ones are dropped.
  const settle = (
    values: Record<string, CategoryValue | undefined>,
    pick: (codec: Codec) => CategoryValue,
  ): ParameterValues => {
    const settled: ParameterValues = {};
    for (const codec of order) {
      if (!isActive(codec, settled)) continue;
      const value = values[codec.name];
      settled[codec.name] = value !== undefined && codec.valid(value) ? value : pick(codec);
    }
    const ordered: ParameterValues = {};
    for (const codec of codecs) {
      if (codec.name in settled) ordered[codec.name] = settled[codec.name] as CategoryValue;
    }
    return ordered;
  };

  const sampleOne = (codec: Codec, rng: Rng): CategoryValue => codec.decode(rng.next());
  const moveOne = (codec: Codec, value: CategoryValue, scale: number, rng: Rng): CategoryValue => {
    if (!codec.numeric) return otherChoice(codec, value, rng);
    const next = codec.decode(reflect(codec.encode(value) + rng.normal(0, scale), 0, 1));
    if (next !== value || codec.spec.type !== 'integer') return next;
    // An integer step too small to change the value moves by one instead.
    const { low, high } = codec.spec;
    const direction = rng.bool() ? 1 : -1;
    const stepped = (value as number) + direction;
    if (stepped >= low && stepped <= high) return stepped;
    return Math.min(high, Math.max(low, (value as number) - direction));
  };
  const otherChoice = (codec: Codec, value: CategoryValue, rng: Rng): CategoryValue => {
    const choices = codec.spec.type === 'categorical' ? codec.spec.choices : [false, true];
    if (choices.length < 2) return value;
    const current = choices.indexOf(value);
    let k = rng.int(choices.length - 1);
    if (k >= current) k++;
    return choices[k] as CategoryValue;
  };
  const activeCodecs = (x: ParameterValues): Codec[] => codecs.filter((c) => c.name in x);

  return {
    kind: 'mixed',
    dimension,
    vectorLower: new Array<number>(dimension).fill(0),
    vectorUpper: new Array<number>(dimension).fill(1),
    spec,
    sample: (rng) => settle({}, (codec) => sampleOne(codec, rng)),
    contains(x: unknown): x is ParameterValues {
      if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
      const record = x as Record<string, unknown>;
      for (const key of Object.keys(record)) if (!byName.has(key)) return false;
      const seen: ParameterValues = {};
      for (const codec of order) {
        const active = isActive(codec, seen);
        const present = codec.name in record;
        if (active !== present) return false;
        if (!present) continue;
        if (!codec.valid(record[codec.name])) return false;
        seen[codec.name] = record[codec.name] as CategoryValue;
      }
      return true;
    },
    repair: (x) => settle(coerce(x, byName), (codec) => codec.fallback),
    neighbor(x, rng, opts?: NeighborOptions) {
      const active = activeCodecs(x);
      const codec = rng.pick(active);
      const moved = {
        ...x,
        [codec.name]: moveOne(codec, x[codec.name] as CategoryValue, opts?.scale ?? 0.1, rng),
      };
      return settle(moved, (c) => sampleOne(c, rng));
    },
    perturb(x, rng, opts?: PerturbOptions) {
      const strength = opts?.strength ?? 0.3;
      const moved: ParameterValues = { ...x };
      for (const codec of activeCodecs(x)) {
        const value = x[codec.name] as CategoryValue;
        if (codec.numeric) moved[codec.name] = moveOne(codec, value, strength, rng);
        else if (rng.next() < strength) moved[codec.name] = otherChoice(codec, value, rng);
      }
      return settle(moved, (c) => sampleOne(c, rng));
    },
    mutate(x, rng, opts?: MutateOptions) {
      const active = activeCodecs(x);
      const rate = opts?.rate ?? 1 / Math.max(1, active.length);
      const moved: ParameterValues = { ...x };
      for (const codec of active) {
        if (rng.next() < rate)
          moved[codec.name] = moveOne(codec, x[codec.name] as CategoryValue, 0.2, rng);
      }
      return settle(moved, (c) => sampleOne(c, rng));
    },
    crossover(a, b, rng) {
      const first: Record<string, CategoryValue | undefined> = {};
      const second: Record<string, CategoryValue | undefined> = {};
      for (const codec of codecs) {
        const fromA = a[codec.name] ?? b[codec.name];
        const fromB = b[codec.name] ?? a[codec.name];
        const swap = rng.next() < 0.5;
        first[codec.name] = swap ? fromB : fromA;
        second[codec.name] = swap ? fromA : fromB;
      }
      return [settle(first, (c) => sampleOne(c, rng)), settle(second, (c) => sampleOne(c, rng))];
    },
    key: (x) => JSON.stringify(codecs.filter((c) => c.name in x).map((c) => [c.name, x[c.name]])),
    toVector: (x) => codecs.map((c) => (c.name in x ? c.encode(x[c.name] as CategoryValue) : 0.5)),
    fromVector(v) {
      const decoded: ParameterValues = {};
      codecs.forEach((codec, i) => {
        const u = v[i] ?? 0.5;
        decoded[codec.name] = codec.decode(Number.isNaN(u) ? 0.5 : u < 0 ? 0 : u > 1 ? 1 : u);
      });
      return settle(decoded, (c) => c.fallback);
    },
  };
}

// Keeps the values that can be coerced into their parameter's domain (clamping, rounding).
function coerce(
  x: ParameterValues,
  byName: Map<string, Codec>,
): Record<string, CategoryValue | undefined> {
  const out: Record<string, CategoryValue | undefined> = {};
  for (const [name, value] of Object.entries(x ?? {})) {
    const codec = byName.get(name);
    if (codec === undefined) continue;
    if (codec.valid(value)) out[name] = value;
    else if (codec.numeric && typeof value === 'number' && !Number.isNaN(value))
      out[name] = codec.decode(codec.encode(value));
  }
  return out;
}

// Specs reaching here passed parameterIssues: the codecs trust them.
function makeCodec(name: string, spec: ParameterSpec): Codec {
  switch (spec.type) {
    case 'real':
    case 'integer':
      return numericCodec(name, spec);
    case 'categorical': {
      const choices = spec.choices;
      const k = choices.length;
      const fallback: CategoryValue = spec.default ?? (choices[0] as CategoryValue);
      return {
        name,
        spec,
        numeric: false,
        fallback,
        decode: (u) => choices[Math.min(k - 1, Math.floor(u * k))] as CategoryValue,
        encode: (value) => (Math.max(0, choices.indexOf(value)) + 0.5) / k,
        valid: (value) => choices.includes(value as CategoryValue),
      };
    }
    case 'boolean':
      return {
        name,
        spec,
        numeric: false,
        fallback: spec.default ?? false,
        decode: (u) => u >= 0.5,
        encode: (value) => (value === true ? 0.75 : 0.25),
        valid: (value) => typeof value === 'boolean',
      };
  }
}

function numericCodec(
  name: string,
  spec: Extract<ParameterSpec, { type: 'real' | 'integer' }>,
): Codec {
  const { low, high } = spec;
  const integer = spec.type === 'integer';
  // Integers widen by 0.5 on both sides so that rounding gives each value an equal share.
  const a = integer ? low - 0.5 : low;
  const b = integer ? high + 0.5 : high;
  const toScale = spec.log === true ? Math.log : (t: number) => t;
  const fromScale = spec.log === true ? Math.exp : (t: number) => t;
  const sa = toScale(a);
  const sb = toScale(b);
  const finish = (t: number): number => {
    const r = integer ? Math.round(t) : t;
    return r < low ? low : r > high ? high : r;
  };
  const decode = (u: number): number => finish(fromScale(sa + u * (sb - sa)));
  const encode = (value: CategoryValue): number => {
    if (sb === sa) return 0.5;
    const u = (toScale(value as number) - sa) / (sb - sa);
    return u < 0 ? 0 : u > 1 ? 1 : u;
  };
  const fallback = spec.default ?? decode(0.5);
  const valid = (value: unknown): boolean =>
    typeof value === 'number' &&
    value >= low &&
    value <= high &&
    (!integer || Number.isInteger(value));
  return { name, spec, numeric: true, fallback, decode, encode, valid };
}

// Orders parameters so that every condition's parents come first.
function activationOrder(codecs: Codec[], byName: Map<string, Codec>): Codec[] {
  const ordered: Codec[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (codec: Codec): void => {
    // parameterIssues refused cycles already: a parameter being visited is never met again.
    if (state.has(codec.name)) return;
    state.set(codec.name, 'visiting');
    for (const parent of Object.keys(codec.spec.when ?? {})) visit(byName.get(parent) as Codec);
    state.set(codec.name, 'done');
    ordered.push(codec);
  };
  for (const codec of codecs) visit(codec);
  return ordered;
}
