// The multi-objective checks of a batch config: a problem entry's declared objectives (as kiln
// tune checks them), a module's reference point and targets against them, the budget fields that
// need a single objective (as kiln tune refuses them), and the solvers that optimize one
// objective (as kiln run refuses them): every solver of a batch runs on every problem.
import { solvers } from '../algorithms/registry.js';
import type { ConfigIssue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { objectivesIssues } from '../multi-objective/objectives.js';
import { declaredObjectiveNames } from '../problems/declared-objectives.js';
import type { Budget } from '../runners/budget.js';
import {
  SINGLE_OBJECTIVE_BUDGET_FIELDS,
  singleObjectiveBudgetIssues,
  singleObjectiveSolverMessage,
} from '../runners/multi-objective-checks.js';

/** How messages name problem entry `entry` at `path`: `/problems/1 (zdt1)`. */
export function entryLabel(entry: Record<string, unknown>, path: string): string {
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
    issues.push(...objectivesIssues(entry.objectives, `${path}/objectives`));
  const names = declaredObjectiveNames(entry);
  if (names !== undefined) issues.push(...budgetIssues(entry, path, names, budget));
  if ('module' in entry && Array.isArray(entry.objectives))
    issues.push(...moduleObjectiveIssues(entry, path));
  else if ('module' in entry && entry.referencePoint !== undefined)
    issues.push({
      path: `${path}/referencePoint`,
      message: 'is for modules with several objectives: declare "objectives", or leave it out',
    });
  return issues;
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
function moduleObjectiveIssues(entry: Record<string, unknown>, path: string): ConfigIssue[] {
  const objectives = entry.objectives as unknown[];
  const names = objectives.map((o) => (isRecord(o) ? String(o.name) : '?')).join(', ');
  const issues: ConfigIssue[] = [];
  const reference = entry.referencePoint;
  if (reference === undefined)
    issues.push({
      path: `${path}/referencePoint`,
      message: `is required for a module with several objectives: runs are compared by the hypervolume of their fronts against it (one number per objective: ${names})`,
    });
  else if (Array.isArray(reference) && reference.length !== objectives.length)
    issues.push({
      path: `${path}/referencePoint`,
      message: `must give one number per objective, ${objectives.length} in the order ${names} (got ${reference.length})`,
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
