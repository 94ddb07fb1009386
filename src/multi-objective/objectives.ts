// Objective declarations of multi-objective problems: names and directions, their config schema
// and the check of a declaration list.
import { ConfigError, describeValue, type ConfigIssue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { JsonSchema } from '../core/solver.js';

/** Whether an objective is to be made small or large. */
export type ObjectiveDirection = 'minimize' | 'maximize';

/** One objective of a multi-objective problem, as a config declares it. */
export interface ObjectiveDeclaration {
  /** The objective's name: a key of the object a module objective returns, a column of pareto.csv. */
  readonly name: string;
  /** @defaultValue "minimize" */
  readonly direction: ObjectiveDirection;
}

/** Objective names: letters, digits, `_`, `-` and `.`, starting with a letter (CSV and JSON keys). */
export const OBJECTIVE_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_.-]*$';

/** The JSON Schema of an `objectives` array (two or more declarations). */
export const objectivesSchema: JsonSchema = {
  type: 'array',
  description:
    'The objectives, in the order a module objective returns them as an array: [{"name": "error", "direction": "minimize"}, {"name": "bytes", "direction": "minimize"}].',
  minItems: 2,
  items: {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', pattern: OBJECTIVE_NAME_PATTERN, description: 'The objective name.' },
      direction: {
        enum: ['minimize', 'maximize'],
        default: 'minimize',
        description: 'Whether to minimize or maximize the objective.',
      },
    },
    additionalProperties: false,
  },
};

/**
 * Names an objective cannot take: the columns kiln writes beside the objectives in trials.csv and
 * pareto.csv, and `constraints`, the key of a module objective's constraint values.
 */
export const RESERVED_OBJECTIVE_NAMES: readonly string[] = [
  'trial',
  'evaluation',
  'status',
  'violation',
  'durationMs',
  'constraints',
];

/**
 * The issues of an `objectives` value at JSON path `path` (two or more declarations with valid,
 * distinct names and a direction, none reserved nor a parameter's name), and the declarations
 * with the default direction filled in.
 */
export function objectiveIssues(
  value: unknown,
  path: string,
  parameterNames: readonly string[] = [],
): { issues: ConfigIssue[]; declarations: ObjectiveDeclaration[] } {
  if (!Array.isArray(value) || value.length < 2) {
    const message = `must be an array of at least 2 objectives (got ${describeValue(value)})`;
    return { issues: [{ path, message }], declarations: [] };
  }
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  const declarations: ObjectiveDeclaration[] = [];
  value.forEach((entry: unknown, i) => {
    const where = `${path}/${i}`;
    if (!isRecord(entry) || typeof entry.name !== 'string') {
      issues.push({
        path: where,
        message: `must be {"name": ..., "direction": ...} (got ${describeValue(entry)})`,
      });
      return;
    }
    const { name } = entry;
    const direction = entry.direction ?? 'minimize';
    if (!new RegExp(OBJECTIVE_NAME_PATTERN).test(name)) {
      issues.push({
        path: `${where}/name`,
        message: `must start with a letter and hold only letters, digits, _, - and . (got ${JSON.stringify(name)})`,
      });
    } else if (seen.has(name)) {
      issues.push({
        path: `${where}/name`,
        message: `must be unique (got ${JSON.stringify(name)} twice)`,
      });
    } else if (RESERVED_OBJECTIVE_NAMES.includes(name)) {
      issues.push({
        path: `${where}/name`,
        message: `must be a name other than ${RESERVED_OBJECTIVE_NAMES.join(', ')}, which kiln uses itself (got ${JSON.stringify(name)}); rename the objective`,
      });
    } else if (parameterNames.includes(name)) {
      issues.push({
        path: `${where}/name`,
        message: `must differ from the parameter names, whose columns sit beside it in trials.csv and pareto.csv (got ${JSON.stringify(name)}, a parameter of the space)`,
      });
    }
    seen.add(name);
    if (direction !== 'minimize' && direction !== 'maximize') {
      issues.push({
        path: `${where}/direction`,
        message: `must be "minimize" or "maximize" (got ${describeValue(direction)})`,
      });
      return;
    }
    declarations.push({ name, direction });
  });
  return { issues, declarations };
}

/**
 * Checks an `objectives` value read from a config (at JSON path `path` of `source`): two or more
 * declarations with distinct names. Fills in the default direction.
 * @throws ConfigError naming each wrong entry
 */
export function checkObjectives(
  value: unknown,
  source: string,
  path = '/objectives',
  parameterNames: readonly string[] = [],
): ObjectiveDeclaration[] {
  const { issues, declarations } = objectiveIssues(value, path, parameterNames);
  if (issues.length > 0) throw new ConfigError(source, issues);
  return declarations;
}

/** -1 for a maximized objective, 1 for a minimized one: the factor to and from minimized terms. */
export function objectiveSign(declaration: ObjectiveDeclaration): 1 | -1 {
  return declaration.direction === 'maximize' ? -1 : 1;
}

/** Minimized-terms values back in the user's terms, keyed by objective name. */
export function userValues(
  values: readonly number[],
  objectives: readonly ObjectiveDeclaration[],
): Record<string, number> {
  const named: Record<string, number> = {};
  objectives.forEach((objective, i) => {
    named[objective.name] = objectiveSign(objective) * (values[i] as number);
  });
  return named;
}

/** The default names of a problem's objectives: f1, f2, ... (test problems). */
export function numberedObjectives(count: number): ObjectiveDeclaration[] {
  return Array.from({ length: count }, (_, i) => ({ name: `f${i + 1}`, direction: 'minimize' }));
}

/** The parameter names of a config's space: its keys when it is a record of parameters. */
export function parameterNamesOf(space: unknown): string[] {
  return isRecord(space) ? Object.keys(space) : [];
}
