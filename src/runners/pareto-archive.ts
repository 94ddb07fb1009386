// The multi-objective side of a run: every feasible non-dominated configuration so far (an
// archive updated per evaluation), turned at the end into paretoFront, hypervolume and IGD.
import { ParameterError, describeValue } from '../core/errors.js';
import type { Problem } from '../core/problem.js';
import { dominates } from '../multi-objective/dominance.js';
import { failedEvaluation, type ObjectiveEvaluation } from '../multi-objective/evaluation.js';
import { invertedGenerationalDistance } from '../multi-objective/igd.js';
import type { ObjectiveDeclaration } from '../multi-objective/objectives.js';
import {
  parameterKey,
  paretoSummary,
  type EvaluatedCandidate,
  type ParetoFrontEntry,
} from '../multi-objective/pareto-front.js';
import { copyCandidate } from '../core/candidate-copy.js';

/** A hypervolume reference point: by objective name, or an array in objective order (user's terms). */
export type ReferencePoint = Readonly<Record<string, number>> | readonly number[];

/** The multi-objective fields of a run's result. */
export interface ParetoResult<X> {
  objectives: ObjectiveDeclaration[];
  /** The feasible non-dominated configurations of the whole run, by the first objective. */
  paretoFront: ParetoFrontEntry<X>[];
  /** Hypervolume of `paretoFront` against `referencePoint`. */
  hypervolume: number;
  /** In the user's terms; derived from the front when not given (see `referencePointDerived`). */
  referencePoint: Record<string, number> | null;
  referencePointDerived: boolean;
  /** Inverted generational distance to the problem's exact front, when it has one. */
  igd?: number;
}

/** Checks a reference point against the objectives; returns it by objective name. */
export function checkReferencePoint(
  reference: unknown,
  objectives: readonly ObjectiveDeclaration[],
  where = 'options.referencePoint',
): Record<string, number> {
  const names = objectives.map((o) => o.name);
  const values: unknown[] | undefined = Array.isArray(reference)
    ? (reference as unknown[])
    : reference !== null && typeof reference === 'object'
      ? names.map((n) => (reference as Record<string, unknown>)[n])
      : undefined;
  const extra =
    reference !== null && typeof reference === 'object' && !Array.isArray(reference)
      ? Object.keys(reference).filter((k) => !names.includes(k))
      : [];
  if (
    values === undefined ||
    values.length !== names.length ||
    extra.length > 0 ||
    values.some((v) => typeof v !== 'number' || !Number.isFinite(v))
  ) {
    throw new ParameterError(
      `${where} must give a finite number for each objective (${names.join(', ')}), as an array or an object by name (got ${describeValue(reference)})`,
    );
  }
  return Object.fromEntries(names.map((n, i) => [n, values[i] as number]));
}

/** The archive of one run. */
export class ParetoArchive<X> {
  private members: EvaluatedCandidate<X>[] = [];

  constructor(readonly objectives: readonly ObjectiveDeclaration[]) {}

  /**
   * The evaluations of a batch for the solver: each candidate's, or a failed one's where the
   * evaluation failed; feasible ones join the archive. `firstNumber` numbers the batch's first.
   */
  record(
    candidates: readonly X[],
    evaluations: readonly (ObjectiveEvaluation | undefined)[] | undefined,
    errors: readonly (string | undefined)[] | undefined,
    firstNumber: number,
  ): ObjectiveEvaluation[] {
    return candidates.map((x, i) => {
      const evaluation = evaluations?.[i];
      if (evaluation === undefined || errors?.[i] !== undefined) {
        return failedEvaluation(this.objectives.length);
      }
      if (evaluation.violation === 0) this.add(firstNumber + i, x, evaluation);
      return evaluation;
    });
  }

  /** The number of archived points. */
  get size(): number {
    return this.members.length;
  }

  private add(number: number, x: X, evaluation: ObjectiveEvaluation): void {
    const values = evaluation.values;
    const key = parameterKey(x);
    for (const member of this.members) {
      const kept = member.evaluation.values;
      if (dominates(kept, values)) return;
      if (kept.every((v, j) => v === values[j]) && parameterKey(member.parameters) === key) return;
    }
    this.members = this.members.filter((m) => !dominates(values, m.evaluation.values));
    this.members.push({ number, parameters: copyCandidate(x), evaluation });
  }

  /** The run's Pareto front, hypervolume and IGD. */
  result(problem: Problem<X>, reference: ReferencePoint | undefined): ParetoResult<X> {
    const named =
      reference === undefined ? undefined : checkReferencePoint(reference, this.objectives);
    const summary = paretoSummary(this.members, this.objectives, named);
    const result: ParetoResult<X> = { objectives: this.objectives.slice(), ...summary };
    if (problem.referenceFront !== undefined) {
      result.igd = invertedGenerationalDistance(
        this.members.map((m) => m.evaluation.values),
        problem.referenceFront(),
      );
    }
    return result;
  }
}
