// The non-dominated set of a run or study as reported: each entry's parameters, its objective
// values by name in the user's terms, and its evaluation (run) or trial (study) number.
import type { ObjectiveEvaluation } from './evaluation.js';
import { hypervolume } from './hypervolume.js';
import { nonDominatedIndices } from './non-dominated-sort.js';
import { objectiveSign, userValues, type ObjectiveDeclaration } from './objectives.js';
import { deriveReferencePoint } from './reference-point.js';

/** One entry of `paretoFront` (kiln run/tune JSON, pareto.csv). */
export interface ParetoFrontEntry<X = unknown> {
  /** 1-based number of the evaluation (kiln run) or trial (kiln tune) that found it. */
  readonly number: number;
  readonly parameters: X;
  /** Objective values by objective name, in the user's terms (maximized ones positive). */
  readonly values: Record<string, number>;
}

/** An evaluated candidate, as a run or study keeps it for its front. */
export interface EvaluatedCandidate<X> {
  readonly number: number;
  readonly parameters: X;
  readonly evaluation: ObjectiveEvaluation;
}

/** The Pareto front of a run or study with its hypervolume. */
export interface ParetoSummary<X> {
  /**
   * The feasible non-dominated configurations (one entry per distinct parameter set), by the
   * first objective (user's terms), then number.
   */
  readonly paretoFront: ParetoFrontEntry<X>[];
  /** The hypervolume of the front against `referencePoint` (0 for an empty front). */
  readonly hypervolume: number;
  /**
   * In the user's terms, by objective name; derived from the front when not given; null when
   * neither given nor derivable (an empty front).
   */
  readonly referencePoint: Record<string, number> | null;
  /** True when the reference point was derived from the front rather than given. */
  readonly referencePointDerived: boolean;
}

/**
 * A string identifying a configuration: equal parameters (records in any key order, vectors,
 * scalars) give equal keys, so a configuration evaluated several times counts once on a front.
 */
export function parameterKey(parameters: unknown): string {
  return JSON.stringify(parameters, (_name, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : value,
  );
}

/**
 * One item per configuration (equal {@link parameterKey}s), the lowest-numbered of each, in
 * first-seen order: how a front counts a configuration evaluated several times.
 */
export function firstPerConfiguration<T>(
  items: readonly T[],
  parametersOf: (item: T) => unknown,
  numberOf: (item: T) => number,
): T[] {
  const kept = new Map<string, T>();
  for (const item of items) {
    const key = parameterKey(parametersOf(item));
    const other = kept.get(key);
    if (other === undefined || numberOf(item) < numberOf(other)) kept.set(key, item);
  }
  return [...kept.values()];
}

/**
 * The feasible non-dominated subset of `candidates` and its hypervolume. Distinct
 * configurations whose values tie are all kept; a configuration evaluated several times appears
 * once, as its lowest-numbered non-dominated evaluation. `reference` is in the user's terms, by
 * objective name; without one, {@link deriveReferencePoint} chooses it from the front.
 */
export function paretoSummary<X>(
  candidates: readonly EvaluatedCandidate<X>[],
  objectives: readonly ObjectiveDeclaration[],
  reference?: Readonly<Record<string, number>>,
): ParetoSummary<X> {
  const feasible = candidates.filter((c) => c.evaluation.violation === 0);
  const front = nonDominatedIndices(feasible.map((c) => c.evaluation)).map(
    (i) => feasible[i] as EvaluatedCandidate<X>,
  );
  const sorted = firstPerConfiguration(
    front,
    (c) => c.parameters,
    (c) => c.number,
  ).sort(
    (a, b) =>
      objectiveSign(objectives[0] as ObjectiveDeclaration) *
        ((a.evaluation.values[0] as number) - (b.evaluation.values[0] as number)) ||
      a.number - b.number,
  );
  const points = sorted.map((c) => c.evaluation.values);
  const minimizedReference =
    reference === undefined
      ? deriveReferencePoint(points)
      : objectives.map((o) => objectiveSign(o) * (reference[o.name] as number));
  return {
    paretoFront: sorted.map((c) => ({
      number: c.number,
      parameters: c.parameters,
      values: userValues(c.evaluation.values, objectives),
    })),
    hypervolume: minimizedReference === undefined ? 0 : hypervolume(points, minimizedReference),
    referencePoint:
      minimizedReference === undefined ? null : userValues(minimizedReference, objectives),
    referencePointDerived: reference === undefined,
  };
}
