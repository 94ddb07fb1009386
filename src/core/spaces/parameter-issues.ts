// Every mistake in the named parameters of a mixed space, found at once: bounds (swapped,
// infinite or infinitely far apart, not integers, log scale through zero), choices, defaults and
// `when` conditions (unknown parents, impossible values, cycles). Paths are JSON pointers inside the parameters.
import { describeValue, type ConfigIssue } from '../errors.js';
import { isRecord } from '../guards.js';
import { closestName } from '../suggest.js';

const TYPES = ['real', 'integer', 'categorical', 'boolean'];

/** The hint of a range whose width overflows to Infinity (samples would be Infinity or NaN). */
export const WIDE_HINT = 'a width past about 1.8e308 overflows; rescale the variable';

type Value = string | number | boolean;

/** The issues of `parameters` (none when every spec is sound); paths start with `/<name>`. */
export function parameterIssues(parameters: unknown): ConfigIssue[] {
  if (!isRecord(parameters) || Object.keys(parameters).length === 0) {
    return [
      {
        path: '',
        message: `must be a non-empty object of parameters (got ${describeValue(parameters)})`,
      },
    ];
  }
  const issues: ConfigIssue[] = [];
  const values = new Map<string, { type: string; valid: (v: unknown) => boolean; list: string }>();
  for (const [name, spec] of Object.entries(parameters)) {
    const at = `/${escape(name)}`;
    if (!isRecord(spec)) {
      issues.push({ path: at, message: `must be a parameter object (got ${describeValue(spec)})` });
      continue;
    }
    if (!TYPES.includes(spec.type as string)) {
      issues.push({
        path: `${at}/type`,
        message: `must be one of ${TYPES.join(', ')} (got ${describeValue(spec.type)})`,
      });
      continue;
    }
    const domain =
      spec.type === 'categorical'
        ? choiceIssues(spec, at, issues)
        : spec.type === 'boolean'
          ? { valid: (v: unknown) => typeof v === 'boolean', list: 'true, false' }
          : rangeIssues(spec, at, spec.type === 'integer', issues);
    if (domain === undefined) continue;
    values.set(name, { type: spec.type as string, ...domain });
    if (spec.default !== undefined && !domain.valid(spec.default))
      issues.push({
        path: `${at}/default`,
        message: `must be a value of the parameter (${domain.list}) (got ${describeValue(spec.default)})`,
      });
  }
  for (const [name, spec] of Object.entries(parameters)) {
    if (isRecord(spec) && spec.when !== undefined) conditionIssues(name, spec.when, values, issues);
  }
  issues.push(...cycleIssues(parameters));
  return issues;
}

function rangeIssues(
  spec: Record<string, unknown>,
  at: string,
  integer: boolean,
  issues: ConfigIssue[],
): { valid: (v: unknown) => boolean; list: string } | undefined {
  const { low, high } = spec;
  const before = issues.length;
  for (const [field, value] of [
    ['low', low],
    ['high', high],
  ] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value))
      issues.push({
        path: `${at}/${field}`,
        message: `must be a finite number (got ${describeValue(value)})`,
      });
    else if (integer && !Number.isInteger(value))
      issues.push({ path: `${at}/${field}`, message: `must be an integer (got ${value})` });
  }
  if (issues.length > before) return undefined;
  const lo = low as number;
  const hi = high as number;
  if (lo > hi)
    issues.push({
      path: `${at}/low`,
      message: `must be <= high (got ${lo} > ${hi})`,
      hint: 'did you swap low and high?',
    });
  else if (!Number.isFinite(hi - lo))
    issues.push({
      path: `${at}/high`,
      message: `must keep high - low finite (got ${hi} - ${lo})`,
      hint: WIDE_HINT,
    });
  const logLow = integer ? 1 : 0;
  if (spec.log === true && !(integer ? lo >= logLow : lo > logLow))
    issues.push({
      path: `${at}/low`,
      message: `must be ${integer ? '>= 1' : '> 0'} on a log scale (got ${lo})`,
      hint: 'a log scale cannot reach 0; raise low or drop "log"',
    });
  return {
    valid: (v) => typeof v === 'number' && v >= lo && v <= hi && (!integer || Number.isInteger(v)),
    list: `${integer ? 'an integer' : 'a number'} in [${lo}, ${hi}]`,
  };
}

function choiceIssues(
  spec: Record<string, unknown>,
  at: string,
  issues: ConfigIssue[],
): { valid: (v: unknown) => boolean; list: string } | undefined {
  const choices = spec.choices;
  if (!Array.isArray(choices) || choices.length === 0) {
    issues.push({
      path: `${at}/choices`,
      message: `must be a non-empty array (got ${describeValue(choices)})`,
    });
    return undefined;
  }
  if (new Set(choices).size !== choices.length)
    issues.push({
      path: `${at}/choices`,
      message: `must not repeat a value (got ${describeValue(choices)})`,
    });
  return {
    valid: (v) => choices.includes(v),
    list: choices.map((c) => describeValue(c)).join(', '),
  };
}

function conditionIssues(
  name: string,
  when: unknown,
  values: Map<string, { type: string; valid: (v: unknown) => boolean; list: string }>,
  issues: ConfigIssue[],
): void {
  const at = `/${escape(name)}/when`;
  if (!isRecord(when)) {
    issues.push({
      path: at,
      message: `must be an object of parameter values (got ${describeValue(when)})`,
    });
    return;
  }
  for (const [parent, allowed] of Object.entries(when)) {
    const path = `${at}/${escape(parent)}`;
    const domain = values.get(parent);
    if (domain === undefined) {
      const guess = closestName(parent, values.keys());
      issues.push({
        path,
        message: `names no parameter of the space (known: ${[...values.keys()].join(', ')})`,
        ...(guess === undefined ? {} : { hint: `did you mean ${JSON.stringify(guess)}?` }),
      });
      continue;
    }
    if (parent === name) {
      issues.push({
        path,
        message: 'must name another parameter (a parameter cannot depend on itself)',
      });
      continue;
    }
    if (domain.type === 'real') {
      issues.push({
        path,
        message: `cannot depend on ${parent}, a real parameter (use categorical, boolean or integer parents)`,
      });
      continue;
    }
    for (const value of (Array.isArray(allowed) ? allowed : [allowed]) as Value[]) {
      if (!domain.valid(value))
        issues.push({
          path,
          message: `must list values of ${parent} (got ${describeValue(value)}; its values: ${domain.list})`,
        });
    }
  }
}

// Conditions must not form a cycle (a parameter active only when itself is active).
function cycleIssues(parameters: Record<string, unknown>): ConfigIssue[] {
  const parents = (name: string): string[] => {
    const spec = parameters[name];
    const when = isRecord(spec) && isRecord(spec.when) ? spec.when : {};
    return Object.keys(when).filter((p) => p !== name && p in parameters);
  };
  const state = new Map<string, 'visiting' | 'done'>();
  const issues: ConfigIssue[] = [];
  const visit = (name: string, path: string[]): void => {
    const mark = state.get(name);
    if (mark === 'done') return;
    if (mark === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      issues.push({
        path: `/${escape(name)}/when`,
        message: `conditions form a cycle (${cycle.join(' -> ')})`,
      });
      return;
    }
    state.set(name, 'visiting');
    for (const parent of parents(name)) visit(parent, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of Object.keys(parameters)) visit(name, []);
  return issues;
}

// JSON pointer escaping of one path segment.
function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The issues as one message for library callers (configs report them with their file). */
export function describeParameterIssues(issues: readonly ConfigIssue[]): string {
  const count = issues.length === 1 ? '1 error' : `${issues.length} errors`;
  const lines = issues.map(
    (issue) =>
      `  parameters${issue.path} ${issue.message}${issue.hint === undefined ? '' : ` (${issue.hint})`}`,
  );
  return `search space: ${count}\n${lines.join('\n')}`;
}
