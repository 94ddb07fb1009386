// JSON Schema validation with ajv, and translation of ajv's errors into ConfigIssues that say
// where, what is allowed and what was given.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { describeValue, type ConfigIssue } from '../core/errors.js';
import type { JsonSchema } from '../core/solver.js';
import { closestName } from '../core/suggest.js';

const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, useDefaults: false });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/** Validates `data` against `schema`; returns every issue found (none when valid). */
export function validateAgainst(schema: JsonSchema, data: unknown, pathPrefix = ''): ConfigIssue[] {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(data)) return [];
  return translateErrors(validate.errors ?? [], pathPrefix);
}

/** Turns ajv errors into issues, dropping the bookkeeping errors of if/then and anyOf branches. */
export function translateErrors(errors: readonly ErrorObject[], pathPrefix = ''): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const error of narrowTaggedUnions(errors)) {
    const issue = translate(error, pathPrefix);
    if (issue === undefined) continue;
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

// The property every branch of a oneOf fixes with `const` (a tagged union such as
// {"type": "asha", ...} or {"method": "k-fold", ...}), if there is one.
function unionTag(branches: unknown): string | undefined {
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  return Object.keys(propertiesOf(branches[0])).find((name) =>
    branches.every((branch) => propertiesOf(branch)[name]?.const !== undefined),
  );
}

// The `properties` of a branch schema (none: empty).
function propertiesOf(branch: unknown): Record<string, { const?: unknown }> {
  return (
    ((branch as JsonSchema).properties as Record<string, { const?: unknown }> | undefined) ?? {}
  );
}

// The JSON type of a value as a schema's `type` names it.
function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

// The index of the branch of a oneOf whose distinct `type` the data has (-1: none; undefined:
// the branches are not told apart by type).
function branchOfType(branches: unknown, data: unknown): number | undefined {
  if (!Array.isArray(branches)) return undefined;
  const types = branches.map((branch) => (branch as JsonSchema).type);
  if (!types.every((type) => typeof type === 'string') || new Set(types).size < types.length) {
    return undefined;
  }
  const type = jsonType(data);
  return types.findIndex((t) => t === type || (t === 'number' && type === 'integer'));
}

// Errors of the branches of `union` other than `index`, and the union's own summary, removed.
function keepBranch(errors: ErrorObject[], union: ErrorObject, index: number): ErrorObject[] {
  const prefix = `${union.schemaPath}/`;
  return errors.filter(
    (error) =>
      error !== union &&
      (!error.schemaPath.startsWith(prefix) ||
        Number(error.schemaPath.slice(prefix.length).split('/')[0]) === index),
  );
}

// A union's errors narrowed to the branch the data names, without the "matches no form"
// summary. Tagged unions (every branch fixes one property with `const`): the branch of the
// data's tag, or one error on a missing or unknown tag. Unions of distinct types (an array or an
// object): the branch of the data's type, or one error listing the types.
function narrowTaggedUnions(errors: readonly ErrorObject[]): ErrorObject[] {
  let kept = [...errors];
  for (const union of errors) {
    if (union.keyword !== 'oneOf') continue;
    const tag = unionTag(union.schema);
    const data = union.data;
    const typed = tag === undefined ? branchOfType(union.schema, data) : undefined;
    if (typed !== undefined) {
      kept = keepBranch(kept, union, typed);
      if (typed === -1) {
        const types = (union.schema as JsonSchema[]).map((branch) => branch.type as string);
        kept.push({ ...union, keyword: 'type', params: { type: types.join(',') } });
      }
      continue;
    }
    if (tag === undefined || typeof data !== 'object' || data === null) continue;
    const branches = union.schema as JsonSchema[];
    const value = (data as Record<string, unknown>)[tag];
    const tags = branches.map((branch) => propertiesOf(branch)[tag]?.const);
    const index = tags.indexOf(value);
    kept = keepBranch(kept, union, index);
    if (index !== -1) continue;
    kept.push(
      value === undefined
        ? { ...union, keyword: 'required', params: { missingProperty: tag } }
        : {
            ...union,
            keyword: 'enum',
            instancePath: `${union.instancePath}/${tag}`,
            params: { allowedValues: tags },
            data: value,
          },
    );
  }
  return kept;
}

function translate(error: ErrorObject, prefix: string): ConfigIssue | undefined {
  const path = prefix + error.instancePath;
  const got = `(got ${describeValue(error.data)})`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
    case 'anyOf':
    case 'oneOf':
    case 'not':
      return error.keyword === 'if'
        ? undefined
        : { path, message: `must match one of the allowed forms ${got}` };
    case 'required':
      return { path: `${path}/${String(params.missingProperty)}`, message: 'is required' };
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = Object.keys(
        (error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {},
      );
      const guess = closestName(name, known);
      return {
        path: `${path}/${name}`,
        message: `is not allowed here; allowed: ${known.join(', ') || 'nothing'}`,
        ...(guess === undefined ? {} : { hint: `did you mean ${JSON.stringify(guess)}?` }),
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => describeValue(v));
      const guess =
        typeof error.data === 'string'
          ? closestName(error.data, (params.allowedValues as unknown[]).map(String))
          : undefined;
      return {
        path,
        message: `must be one of ${allowed.join(', ')} ${got}`,
        ...(guess === undefined ? {} : { hint: `did you mean ${JSON.stringify(guess)}?` }),
      };
    }
    case 'const':
      return { path, message: `must be ${describeValue(params.allowedValue)} ${got}` };
    case 'type': {
      // A block given by its type's name alone ("solver": "tpe"), or an objective by its name
      // alone ("error"): show the block to write.
      const properties = error.parentSchema?.properties as Record<string, unknown> | undefined;
      const key =
        params.type !== 'object' || typeof error.data !== 'string'
          ? undefined
          : ['type', 'name'].find((field) => properties?.[field] !== undefined);
      return {
        path,
        message: `must be ${article(String(params.type))} ${got}`,
        ...(key === undefined ? {} : { hint: `write {"${key}": ${JSON.stringify(error.data)}}` }),
      };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        path,
        message: `must be ${String(params.comparison)} ${String(params.limit)} ${got}`,
      };
    case 'minItems':
      return {
        path,
        message: `must have at least ${String(params.limit)} items ${got}`,
        // A list of one objective is a single-objective study written the long way.
        ...(/(^|\/)objectives$/.test(path)
          ? {
              hint: 'for one objective leave "objectives" out, and set "maximize": true in the problem block to maximize it',
            }
          : {}),
      };
    case 'maxItems':
      return { path, message: `must have at most ${String(params.limit)} items ${got}` };
    case 'minProperties':
      return { path, message: `must set at least ${String(params.limit)} field(s) ${got}` };
    case 'minLength':
      return { path, message: `must not be empty ${got}` };
    case 'pattern':
      return { path, message: `must match ${String(params.pattern)} ${got}` };
    default:
      return { path, message: `${error.message ?? 'is invalid'} ${got}` };
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    integer: 'an integer',
    number: 'a number',
    string: 'a string',
    boolean: 'a boolean',
    object: 'an object',
    array: 'an array',
    null: 'null',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}
