// The multi-objective side of a study: what such a study refuses (a pruner, a target, a solver
// that learns from one value) and the Pareto front it reports with its hypervolume.
import { ConfigError, type ConfigIssue } from '../core/errors.js';
import type { AnySolver } from '../core/solver.js';
import type { ObjectiveDeclaration } from '../multi-objective/objectives.js';
import {
  paretoSummary,
  type EvaluatedCandidate,
  type ParetoSummary,
} from '../multi-objective/pareto-front.js';
import type { Budget } from './budget.js';
import {
  namedReferencePointIssues,
  singleObjectiveBudgetIssues,
  singleObjectiveSolverIssue,
} from './multi-objective-checks.js';
import type { FinishedStudyTrial } from './study-trial.js';

/** What a multi-objective study reports (`kiln tune --json`, best.json). */
export interface StudyFront<X> extends ParetoSummary<X> {
  /** The objectives, in the order of pareto.csv's columns. */
  objectives: ObjectiveDeclaration[];
}

/** The options of a study that a multi-objective one checks. */
export interface MultiObjectiveStudyOptions {
  solver: AnySolver;
  budget: Budget;
  pruner?: unknown;
  referencePoint?: Record<string, number>;
  source?: string;
}

/**
 * Refuses what a multi-objective study cannot do, naming the config field: pruning (it compares
 * one value per step; Optuna refuses it too), a target or stagnation budget (no single value to
 * reach or improve), a solver without `tellObjectives`, and a reference point that does not name
 * every objective with a finite number.
 * @throws ConfigError
 */
export function checkMultiObjectiveStudy(
  options: MultiObjectiveStudyOptions,
  objectives: readonly ObjectiveDeclaration[],
): void {
  const issues: ConfigIssue[] = [];
  if (options.pruner !== undefined)
    issues.push({
      path: '/pruner',
      message:
        'must be left out of a multi-objective study: pruners compare one intermediate value per step, and a trial here has several objectives',
    });
  issues.push(
    ...singleObjectiveBudgetIssues(options.budget, '/budget', 'of a multi-objective study'),
  );
  if (options.solver.tellObjectives === undefined)
    issues.push({
      ...singleObjectiveSolverIssue(options.solver.name),
      hint: 'leave the solver out to use motpe',
    });
  const reference = options.referencePoint;
  if (reference !== undefined)
    issues.push(
      ...namedReferencePointIssues(
        reference,
        objectives.map((o) => o.name),
        '/referencePoint',
      ),
    );
  if (issues.length > 0) throw new ConfigError(options.source ?? 'options', issues);
}

/** The Pareto front of the complete trials of a study, with its hypervolume. */
export function studyFront<X>(
  trials: readonly FinishedStudyTrial<X>[],
  objectives: readonly ObjectiveDeclaration[],
  referencePoint?: Record<string, number>,
): StudyFront<X> {
  const candidates = trials.flatMap((t) =>
    t.status === 'complete' && t.evaluation !== undefined
      ? [{ number: t.k + 1, parameters: t.params, evaluation: t.evaluation }]
      : [],
  );
  return frontOf(candidates, objectives, referencePoint);
}

/** The front of evaluated trials (complete ones, values in minimized terms), as a study reports it. */
export function frontOf<X>(
  candidates: readonly EvaluatedCandidate<X>[],
  objectives: readonly ObjectiveDeclaration[],
  referencePoint?: Record<string, number>,
): StudyFront<X> {
  return { objectives: [...objectives], ...paretoSummary(candidates, objectives, referencePoint) };
}
