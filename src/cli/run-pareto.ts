// The multi-objective side of `kiln run`: what such a run refuses, the reference point from the
// config, the summary lines of a Pareto front, and pareto.csv.
import { ConfigError, describeValue, type ConfigIssue } from '../core/errors.js';
import type { Problem } from '../core/problem.js';
import type { AnySolver } from '../core/solver.js';
import type { RunConfig } from '../config/run-config.js';
import { objectiveSign, type ObjectiveDeclaration } from '../multi-objective/objectives.js';
import { writeParetoCsv } from '../multi-objective/pareto-csv.js';
import type { RunResult } from '../runners/minimize.js';
import { checkReferencePoint, type ReferencePoint } from '../runners/pareto-archive.js';
import {
  referencePointIssues,
  singleObjectiveBudgetIssues,
  singleObjectiveSolverIssue,
} from '../runners/multi-objective-checks.js';
import { formatCount, formatNumber } from './format.js';

/**
 * Refuses, with the config field, what a run of a multi-objective problem cannot do: `maximize`
 * (each objective has its own direction), `target` and `stagnation` budgets (there is no single
 * best value) and a solver of one objective.
 * @throws ConfigError naming every such field of `source`
 */
export function checkMultiObjectiveRun(
  config: RunConfig,
  problem: Problem<unknown>,
  solver: AnySolver,
  params: object,
  source: string,
): void {
  const objectives = problem.objectives;
  if (objectives === undefined) return;
  const several = `problem ${problem.name} has ${objectives.length} objectives (${objectives.map((o) => o.name).join(', ')})`;
  const issues: ConfigIssue[] = [];
  if (config.problem.maximize !== undefined)
    issues.push({
      path: '/problem/maximize',
      message: `must be left out while ${several}: each is minimized or maximized by its own "direction" (got ${describeValue(config.problem.maximize)})`,
    });
  issues.push(...singleObjectiveBudgetIssues(config.budget, '/budget', `while ${several}`));
  if (solver.tellObjectives === undefined)
    issues.push(singleObjectiveSolverIssue(solver.name, several));
  const countIssue = solver.objectivesIssue?.(params, objectives.length);
  if (countIssue !== undefined) issues.push({ ...countIssue, path: `/solver${countIssue.path}` });
  if (issues.length > 0) throw new ConfigError(source, issues);
}

/** The config's reference point, checked against the problem's objectives. */
export function checkRunReferencePoint(
  config: RunConfig,
  problem: Problem<unknown>,
  source: string,
): ReferencePoint | undefined {
  const reference = config.referencePoint;
  if (reference === undefined) return undefined;
  const objectives = problem.objectives;
  if (objectives === undefined) {
    throw new ConfigError(source, [
      {
        path: '/referencePoint',
        message: `is for multi-objective problems only (problem ${problem.name} has one objective)`,
      },
    ]);
  }
  const issues = referencePointIssues(
    reference,
    objectives.map((o) => o.name),
    '/referencePoint',
  );
  if (issues.length > 0) throw new ConfigError(source, issues);
  return checkReferencePoint(reference, objectives, 'referencePoint');
}

/** The summary lines of a multi-objective run. */
export function paretoLines(result: RunResult<unknown>): string[] {
  const reference = result.referencePoint ?? undefined;
  const point =
    reference === undefined
      ? 'none (empty front)'
      : `(${Object.values(reference).map(formatNumber).join(', ')})${result.referencePointDerived === true ? ', derived from the front' : ''}`;
  const names = (result.objectives ?? []).map((o) => `${o.name} (${o.direction})`).join(', ');
  const size = result.paretoFront?.length ?? 0;
  const lines = [
    `  objectives    ${names}`,
    `  Pareto front  ${formatCount(size)} non-dominated configuration${size === 1 ? '' : 's'}`,
    `  hypervolume   ${formatNumber(result.hypervolume)}  reference ${point}`,
  ];
  const beyond = beyondReferenceNote(result.paretoFront ?? [], result.objectives, reference);
  if (beyond !== undefined) lines.push(`                ${beyond}`);
  if (result.igd !== undefined)
    lines.push(`  IGD           ${formatNumber(result.igd)} (to the exact front)`);
  return lines;
}

/**
 * Writes pareto.csv for a multi-objective run (nothing otherwise): a column for each of
 * `parameterColumns` (a module's named space), blank where a front member lacks a conditional
 * one, then any other parameter the front holds.
 */
export function writeParetoOutput(
  folder: string,
  result: RunResult<unknown>,
  parameterColumns: readonly string[] = [],
): void {
  if (result.paretoFront === undefined || result.objectives === undefined) return;
  writeParetoCsv(folder, result.paretoFront, result.objectives, 'evaluation', parameterColumns);
}

/**
 * A note when members of the front do not beat the reference point in every objective: they
 * add nothing to the hypervolume (all of them when it is 0), which a given reference point set
 * too tight causes.
 */
export function beyondReferenceNote(
  front: readonly { values: Readonly<Record<string, number>> }[],
  objectives: readonly ObjectiveDeclaration[] | undefined,
  reference: Readonly<Record<string, number>> | undefined,
): string | undefined {
  if (objectives === undefined || reference === undefined) return undefined;
  const outside = front.filter((entry) =>
    objectives.some(
      (o) =>
        objectiveSign(o) * ((entry.values[o.name] as number) - (reference[o.name] as number)) >= 0,
    ),
  ).length;
  if (outside === 0) return undefined;
  return `${formatCount(outside)} of the ${formatCount(front.length)} front members do not beat the reference point in every objective and add nothing to the hypervolume`;
}
