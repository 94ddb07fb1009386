// What a problem with several objectives refuses, worded once for kiln run, tune and batch: a
// solver that learns from one value, a target or stagnation budget (no single best value to
// reach or improve), and a reference point by name that does not give each objective a number.
import { solvers } from '../algorithms/registry.js';
import { describeValue, type ConfigIssue } from '../core/errors.js';
import type { Budget } from './budget.js';

/** The solvers that take objective vectors (`tellObjectives`), by name. */
function multiObjectiveSolvers(): string[] {
  return solvers
    .names()
    .filter((name) => solvers.get(name).tellObjectives !== undefined)
    .sort();
}

/**
 * Why solver `solver` cannot run on `problem` (named as the message should show it), whose
 * objectives are `objectives`: it optimizes one objective; and which solvers can.
 */
export function singleObjectiveSolverMessage(
  solver: string,
  problem: string,
  objectives: readonly string[],
): string {
  const multi = multiObjectiveSolvers();
  const choices =
    multi.length > 1 ? `${multi.slice(0, -1).join(', ')} or ${multi.at(-1)}` : multi.join('');
  return `solver ${solver} optimizes one objective, and problem ${problem} has ${objectives.length} (${objectives.join(', ')}); use ${choices}`;
}

/**
 * The issue at `/solver/type` of a config whose solver `solver` optimizes one objective while its
 * problem has several; `why` (e.g. which objectives) follows the list of solvers that can.
 */
export function singleObjectiveSolverIssue(solver: string, why?: string): ConfigIssue {
  return {
    path: '/solver/type',
    message: `must be a solver that takes several objectives, one of ${multiObjectiveSolvers().join(', ')}${why === undefined ? '' : `: ${why}`} (got ${JSON.stringify(solver)})`,
  };
}

/** The budget fields that need a single objective: there is no single best value otherwise. */
export const SINGLE_OBJECTIVE_BUDGET_FIELDS = ['target', 'stagnation'] as const;

/**
 * An issue at `path/<field>` for each field of `budget` that needs a single objective, saying
 * `where` it must be left out (e.g. "of a multi-objective study").
 */
export function singleObjectiveBudgetIssues(
  budget: Budget,
  path: string,
  where: string,
): ConfigIssue[] {
  return SINGLE_OBJECTIVE_BUDGET_FIELDS.flatMap((field) =>
    budget[field] === undefined
      ? []
      : [
          {
            path: `${path}/${field}`,
            message: `must be left out ${where}: there is no single best value (got ${describeValue(budget[field])})`,
          },
        ],
  );
}

/**
 * The issues of reference point `reference` (if given) at `path` against `objectives` (their
 * names, in order): an array needs one finite number per objective in that order, an object
 * one finite number per objective by name and no other key.
 */
export function referencePointIssues(
  reference: unknown,
  objectives: readonly string[],
  path: string,
): ConfigIssue[] {
  if (reference === undefined) return [];
  if (Array.isArray(reference)) {
    if (reference.length !== objectives.length)
      return [
        {
          path,
          message: `must give one number per objective, ${objectives.length} in the order ${objectives.join(', ')} (got ${reference.length}: ${describeValue(reference)})`,
          hint: `or an object by name, {${objectives.map((n) => `"${n}": ...`).join(', ')}}`,
        },
      ];
    return objectives.flatMap((name, i) =>
      finiteReferenceIssues(reference[i] as unknown, name, `${path}/${i}`),
    );
  }
  if (reference !== null && typeof reference === 'object')
    return namedReferencePointIssues(reference as Record<string, unknown>, objectives, path);
  return [
    {
      path,
      message: `must be an array of one number per objective (${objectives.join(', ')}) or an object by name (got ${describeValue(reference)})`,
    },
  ];
}

/**
 * The issues of a reference point given as an object by objective name, at `path`: each of
 * `objectives` needs a finite number, and every key must name one of them.
 */
export function namedReferencePointIssues(
  reference: Readonly<Record<string, unknown>>,
  objectives: readonly string[],
  path: string,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const name of objectives)
    issues.push(...finiteReferenceIssues(reference[name], name, `${path}/${name}`));
  for (const name of Object.keys(reference))
    if (!objectives.includes(name))
      issues.push({
        path: `${path}/${name}`,
        message: `must name an objective, one of ${objectives.join(', ')} (got ${JSON.stringify(name)})`,
      });
  return issues;
}

// The issue of one objective's reference value, when it is not a finite number.
function finiteReferenceIssues(value: unknown, objective: string, path: string): ConfigIssue[] {
  if (value === undefined)
    return [{ path, message: `is missing: the reference value of objective ${objective}` }];
  if (typeof value === 'number' && Number.isFinite(value)) return [];
  return [
    {
      path,
      message: `must be a finite number, the reference value of objective ${objective} (got ${describeValue(value)})`,
    },
  ];
}
