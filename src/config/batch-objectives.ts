// The multi-objective checks of a batch config: a problem entry's declared objectives (as kiln
// tune checks them), its reference point against them (an array in their order or an object by
// name), a module's targets, the budget fields that need a single objective (as kiln tune refuses
// them), and the solvers that optimize one objective (as kiln run refuses them): every solver of
// a batch runs on every problem.
import { solvers } from '../algorithms/registry.js';
import type { ConfigIssue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { objectiveIssues } from '../multi-objective/objectives.js';
import { declaredObjectiveNames } from '../problems/declared-objectives.js';
import { problems } from '../problems/registry.js';
import type { Budget } from '../runners/budget.js';
import {
  SINGLE_OBJECTIVE_BUDGET_FIELDS,
  referencePointIssues,
  singleObjectiveBudgetIssues,
  singleObjectiveSolverMessage,
} from '../runners/multi-objective-checks.js';

// How messages name problem entry `entry` at `path`: `/problems/1 (zdt1)`.
function entryLabel(entry: Record<string, unknown>, path: string): string {
  const name = [entry.name, entry.type, entry.module].find((v) => typeof v === 'string');
  return name === undefined ? path : `${path} (${name})`;
}

/**
 * The issues of problem entry `entry` (at JSON path `path`) that concern its objectives; `budget`
 * is the config's common budget.
 */
export function entryObjectiveIssues(
  entry: Record<string, unknown>,
  path: string,
  budget: Budget | undefined,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (Array.isArray(entry.objectives))
    issues.push(...objectiveIssues(entry.objectives, `${path}/objectives`).issues);
  const names = declaredObjectiveNames(entry);
  if (names === undefined) return [...issues, ...singleObjectiveReferenceIssues(entry, path)];
  issues.push(...budgetIssues(entry, path, names, budget));
  if ('module' in entry) issues.push(...moduleObjectiveIssues(entry, path, names));
  // A grid over DTLZ2's number of objectives: each problem's reference point is checked by its run.
  if (!(isRecord(entry.grid) && entry.grid.objectives !== undefined))
    issues.push(...referencePointIssues(entry.referencePoint, names, `${path}/referencePoint`));
  return issues;
}

// A reference point given to a problem of one objective.
function singleObjectiveReferenceIssues(
  entry: Record<string, unknown>,
  path: string,
): ConfigIssue[] {
  if (entry.referencePoint === undefined) return [];
  const where = `${path}/referencePoint`;
  if ('module' in entry)
    return [
      {
        path: where,
        message: 'is for modules with several objectives: declare "objectives", or leave it out',
      },
    ];
  const type = entry.type;
  if (typeof type !== 'string' || !problems.has(type)) return [];
  return [
    {
      path: where,
      message: `is for multi-objective problems only (${type} has one objective): leave it out`,
    },
  ];
}

/**
 * An issue at each solver entry that optimizes one objective, for each problem entry with
 * several: such a pair can only fail.
 */
export function solverObjectiveIssues(
  problemEntries: readonly unknown[],
  solverEntries: readonly unknown[],
): ConfigIssue[] {
  const single = solverEntries.flatMap((entry, j) =>
    isRecord(entry) &&
    typeof entry.type === 'string' &&
    solvers.has(entry.type) &&
    solvers.get(entry.type).tellObjectives === undefined
      ? [{ type: entry.type, path: `/solvers/${j}` }]
      : [],
  );
  const multi = problemEntries.flatMap((entry, i) => {
    if (!isRecord(entry)) return [];
    const names = declaredObjectiveNames(entry);
    return names === undefined ? [] : [{ label: entryLabel(entry, `/problems/${i}`), names }];
  });
  return single.flatMap((solver) =>
    multi.map((problem) => ({
      path: solver.path,
      message: singleObjectiveSolverMessage(solver.type, problem.label, problem.names),
      hint: 'every solver of a batch runs on every problem',
    })),
  );
}

// A multi-objective module entry: its runs are compared by hypervolume, which needs one
// reference point given in the entry (a module has no conventional one), and no target of its
// own (a batch-wide target does not apply to multi-objective problems).
function moduleObjectiveIssues(
  entry: Record<string, unknown>,
  path: string,
  names: readonly string[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (entry.referencePoint === undefined)
    issues.push({
      path: `${path}/referencePoint`,
      message: `is required for a module with several objectives: runs are compared by the hypervolume of their fronts against it (one number per objective: ${names.join(', ')})`,
    });
  for (const field of ['target', 'targetGapPercent'])
    if (entry[field] !== undefined)
      issues.push({
        path: `${path}/${field}`,
        message: `must be left out for a module with several objectives: runs are compared by hypervolume`,
      });
  return issues;
}

// The target and stagnation of a multi-objective entry's budget, its own or the common one's.
function budgetIssues(
  entry: Record<string, unknown>,
  path: string,
  names: readonly string[],
  common: Budget | undefined,
): ConfigIssue[] {
  const own: Budget = isRecord(entry.budget) ? entry.budget : {};
  const inherited: Budget = {};
  for (const field of SINGLE_OBJECTIVE_BUDGET_FIELDS)
    if (own[field] === undefined && common?.[field] !== undefined) inherited[field] = common[field];
  const objectives = `several objectives (${names.join(', ')})`;
  return [
    ...singleObjectiveBudgetIssues(own, `${path}/budget`, `for a problem with ${objectives}`),
    ...singleObjectiveBudgetIssues(
      inherited,
      '/budget',
      `while problem ${entryLabel(entry, path)} has ${objectives}`,
    ).map((issue) => ({
      ...issue,
      hint: 'the budget of a single-objective entry can set it for that entry alone',
    })),
  ];
}
