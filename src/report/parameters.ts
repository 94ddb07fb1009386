// The parameters of a study as its report draws them: numeric (linear or log) or categorical,
// with their ranges, read from the journaled space or, for older journals, from the trials.
import { isRecord } from '../core/guards.js';
import type { CategoryValue, SpaceSpec } from '../core/space.js';
import { maxOf, minOf } from '../core/extremes.js';

/** One parameter of a study. */
export interface ParameterInfo {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Drawn and estimated on a log scale. */
  log: boolean;
  integer: boolean;
  /** Range of a numeric parameter. */
  low: number;
  high: number;
  /** Labels of a categorical parameter's choices, in order. */
  choices: string[];
  /** Active in only some trials (a `when` condition). */
  conditional: boolean;
}

/** A trial's parameters by name (vectors as x0, x1, ...). */
export type FlatParameters = Record<string, CategoryValue>;

/** Parameters by name: records as they are, vectors as x0, x1, ... */
export function flattenParameters(params: unknown): FlatParameters {
  if (Array.isArray(params))
    return Object.fromEntries(params.map((v, i) => [`x${i}`, v as CategoryValue]));
  if (isRecord(params)) return params as FlatParameters;
  return { value: params as CategoryValue };
}

/** The label of a categorical value (also what the table shows). */
export const choiceLabel = (value: CategoryValue): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

const numeric = (name: string, low: number, high: number, log: boolean, integer: boolean) => ({
  name,
  kind: 'numeric' as const,
  log: log && low > 0,
  integer,
  low,
  high,
  choices: [],
  conditional: false,
});

const categorical = (name: string, choices: readonly CategoryValue[]): ParameterInfo => ({
  name,
  kind: 'categorical',
  log: false,
  integer: false,
  low: 0,
  high: Math.max(0, choices.length - 1),
  choices: choices.map(choiceLabel),
  conditional: false,
});

function fromSpace(space: SpaceSpec): ParameterInfo[] {
  switch (space.kind) {
    case 'mixed':
      return Object.entries(space.parameters).map(([name, spec]) => {
        const info =
          spec.type === 'real' || spec.type === 'integer'
            ? numeric(name, spec.low, spec.high, spec.log === true, spec.type === 'integer')
            : categorical(name, spec.type === 'boolean' ? [false, true] : spec.choices);
        return { ...info, conditional: spec.when !== undefined };
      });
    case 'real':
    case 'integer':
      return space.lower.map((low, i) =>
        numeric(`x${i}`, low, space.upper[i] as number, false, space.kind === 'integer'),
      );
    case 'categorical':
      return space.choices.map((choices, i) => categorical(`x${i}`, choices));
    default:
      // Permutations and bit strings have no per-parameter meaning worth a slice plot.
      return [];
  }
}

function inferred(trials: readonly FlatParameters[]): ParameterInfo[] {
  const values = new Map<string, CategoryValue[]>();
  for (const params of trials)
    for (const [name, value] of Object.entries(params)) {
      const list = values.get(name) ?? [];
      list.push(value);
      values.set(name, list);
    }
  return [...values].map(([name, list]) => {
    const info = list.every((v) => typeof v === 'number' && Number.isFinite(v))
      ? numeric(
          name,
          minOf(list as number[]),
          maxOf(list as number[]),
          false,
          list.every((v) => Number.isInteger(v)),
        )
      : categorical(
          name,
          [...new Map(list.map((v) => [choiceLabel(v), v])).entries()]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([, v]) => v),
        );
    return { ...info, conditional: list.length < trials.length };
  });
}

/**
 * The parameters of a study: from its journaled space when there is one, else inferred from the
 * trials; numeric ranges widened to the values actually seen.
 */
export function studyParameters(
  space: SpaceSpec | undefined,
  trials: readonly FlatParameters[],
): ParameterInfo[] {
  const list = space === undefined ? inferred(trials) : fromSpace(space);
  return list.map((info) => {
    if (info.kind === 'categorical') {
      const seen = new Set(info.choices);
      const extra = new Set<string>();
      for (const params of trials) {
        const value = params[info.name];
        if (value !== undefined && !seen.has(choiceLabel(value))) extra.add(choiceLabel(value));
      }
      return extra.size === 0
        ? info
        : { ...info, choices: [...info.choices, ...[...extra].sort()] };
    }
    let { low, high } = info;
    for (const params of trials) {
      const value = params[info.name];
      if (typeof value === 'number' && Number.isFinite(value)) {
        low = Math.min(low, value);
        high = Math.max(high, value);
      }
    }
    return { ...info, low, high, log: info.log && low > 0 };
  });
}

/**
 * Where `value` sits in the parameter's range, in [0, 1] (log-scaled parameters by their log;
 * category i of n at the centre of its band, (i + 0.5) / n); NaN when the trial does not have it.
 */
export function parameterPosition(info: ParameterInfo, value: CategoryValue | undefined): number {
  if (value === undefined) return NaN;
  if (info.kind === 'categorical') {
    const index = info.choices.indexOf(choiceLabel(value));
    if (index < 0) return NaN;
    return (index + 0.5) / info.choices.length;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return NaN;
  if (info.high === info.low) return 0.5;
  const t = info.log
    ? (Math.log(value) - Math.log(info.low)) / (Math.log(info.high) - Math.log(info.low))
    : (value - info.low) / (info.high - info.low);
  return Math.min(1, Math.max(0, t));
}
