// The multi-objective side of a study report: each trial's objective values in minimized terms,
// which trials form the Pareto front (feasible, dominated by no other, one per configuration),
// and the hypervolume of the trials so far at checkpoints through the study.
import { nonDominatedIndices } from '../multi-objective/non-dominated-sort.js';
import { hypervolume } from '../multi-objective/hypervolume.js';
import { firstPerConfiguration } from '../multi-objective/pareto-front.js';
import { deriveReferencePoint } from '../multi-objective/reference-point.js';
import type { ObjectiveDeclaration } from '../multi-objective/objectives.js';
import type { ReportTrial } from './study-model.js';
import { maxOf } from '../core/extremes.js';

/** A complete trial with its objective values. */
export interface ValuedTrial {
  trial: ReportTrial;
  /** Values in the user's terms. */
  values: number[];
  /** Values in minimized terms (maximized objectives negated). */
  minimized: number[];
  feasible: boolean;
}

/** The trials of a multi-objective study as the Pareto charts read them. */
export interface ParetoModel {
  objectives: ObjectiveDeclaration[];
  valued: ValuedTrial[];
  /** Numbers of the trials on the front, by the first objective. */
  front: Set<number>;
  /** The front's trials, by the first objective (user's terms), then number. */
  frontTrials: ValuedTrial[];
}

/** The Pareto model of `trials` with objectives `objectives`. */
export function paretoModel(
  trials: readonly ReportTrial[],
  objectives: readonly ObjectiveDeclaration[],
): ParetoModel {
  const signs = objectives.map((o) => (o.direction === 'maximize' ? -1 : 1));
  const valued: ValuedTrial[] = [];
  for (const trial of trials) {
    if (trial.status !== 'complete' || trial.values === null) continue;
    if (trial.values.length !== objectives.length) continue;
    valued.push({
      trial,
      values: trial.values,
      minimized: trial.values.map((v, i) => (signs[i] as number) * v),
      feasible: trial.violation === 0,
    });
  }
  const feasible = valued.filter((v) => v.feasible);
  const indices = nonDominatedIndices(feasible.map((v) => ({ values: v.minimized, violation: 0 })));
  // As tune counts it: one entry per configuration, its lowest-numbered trial on the front.
  const frontTrials = firstPerConfiguration(
    indices.map((i) => feasible[i] as ValuedTrial),
    (v) => v.trial.params,
    (v) => v.trial.number,
  ).sort(
    (a, b) =>
      (a.minimized[0] as number) - (b.minimized[0] as number) || a.trial.number - b.trial.number,
  );
  return {
    objectives: [...objectives],
    valued,
    front: new Set(frontTrials.map((v) => v.trial.number)),
    frontTrials,
  };
}

/** Checkpoints of the hypervolume history at most. */
const HISTORY_POINTS = 200;

/**
 * The hypervolume of the feasible trials up to each checkpoint (trial numbers), against the
 * reference point derived from the final front (in minimized terms), so that the curve ends at
 * the study's hypervolume when no reference point was given.
 */
export function hypervolumeHistory(
  model: ParetoModel,
  reference?: readonly number[],
): { reference: number[] | undefined; points: [number, number][] } {
  const feasible = model.valued.filter((v) => v.feasible);
  const chosen = reference ?? deriveReferencePoint(model.frontTrials.map((v) => v.minimized));
  if (chosen === undefined || feasible.length === 0)
    return { reference: chosen === undefined ? undefined : [...chosen], points: [] };
  const last = maxOf(feasible.map((v) => v.trial.number));
  const step = Math.max(1, Math.ceil(last / HISTORY_POINTS));
  const points: [number, number][] = [];
  for (let checkpoint = step; ; checkpoint += step) {
    const at = Math.min(checkpoint, last);
    const seen = feasible.filter((v) => v.trial.number <= at).map((v) => v.minimized);
    points.push([at, hypervolume(seen, chosen)]);
    if (at === last) break;
  }
  return { reference: [...chosen], points };
}
