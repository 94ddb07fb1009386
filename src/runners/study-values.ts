// The objective values of a multi-objective study's trials in its journal: written in the user's
// terms in the order of the objectives (with the constraint violation when positive), read back
// into the minimized evaluation the solver and the front use.
import type { ObjectiveEvaluation } from '../multi-objective/evaluation.js';
import { objectiveSign, type ObjectiveDeclaration } from '../multi-objective/objectives.js';
import type { TrialRecord } from './study-journal.js';

/** The journal fields of a trial's objective values: none in a single-objective study. */
export function recordValues(
  trial: { status: TrialRecord['status']; evaluation?: ObjectiveEvaluation },
  objectives: readonly ObjectiveDeclaration[] | undefined,
): Pick<TrialRecord, 'values' | 'violation'> {
  if (objectives === undefined) return {};
  const evaluation = trial.evaluation;
  if (trial.status !== 'complete' || evaluation === undefined) return { values: null };
  const values = evaluation.values.map((v, i) => {
    const user = objectiveSign(objectives[i] as ObjectiveDeclaration) * v;
    return user === 0 ? 0 : user;
  });
  return evaluation.violation > 0 ? { values, violation: evaluation.violation } : { values };
}

/** The minimized evaluation of a journaled complete trial of a multi-objective study. */
export function evaluationFromRecord(
  record: TrialRecord,
  objectives: readonly ObjectiveDeclaration[] | undefined,
): ObjectiveEvaluation | undefined {
  if (objectives === undefined || record.status !== 'complete') return undefined;
  const values = record.values;
  if (!Array.isArray(values) || values.length !== objectives.length) return undefined;
  return {
    values: values.map((v, i) => objectiveSign(objectives[i] as ObjectiveDeclaration) * v),
    violation: record.violation ?? 0,
  };
}
