// lq-CMA-ES's evaluation of a generation (Hansen 2019): the candidates are ranked by the
// surrogate and evaluated best first, a few at a time, until the surrogate ranks the most
// recent evaluated points as their true values do (Kendall's tau >= 0.85); the update then
// ranks the whole generation by the surrogate. A generation is several asks and tells, each
// batch the same for any number of workers.
import { minOf } from '../../core/extremes.js';
import type { CmaRun } from './distribution.js';
import {
  TRUNCATION_RATIO,
  addToArchive,
  archiveCapacity,
  canModel,
  fitLqModel,
  kendallTau,
  predict,
  type LqArchive,
  type LqModel,
} from './lq-model.js';

/** The surrogate's part of a CMA-ES state (plain data). */
export interface SurrogateState {
  archive: LqArchive;
  model: LqModel | null;
  /** The generation under evaluation, or null between generations. */
  generation: SurrogateGeneration | null;
}

interface SurrogateGeneration {
  /** True value of each of the run's points once evaluated, else null. */
  values: (number | null)[];
  /** The points out for evaluation. */
  asked: number[];
  /** How many of the generation's points should be evaluated before the next check. */
  wanted: number;
}

/** The rank correlation above which the surrogate ranks the rest of a generation. */
export const TAU_THRESHOLD = 0.85;
/** Share of a generation evaluated unconditionally (2%, so one point up to lambda = 49). */
const MIN_EVALUATED_SHARE = 0.02;
/** Fewest archive points a model is trusted with (the first generation evaluates up to these). */
const MIN_MODEL_SIZE = 3;

/** An empty surrogate, for a new run. */
export function newSurrogate(): SurrogateState {
  return { archive: { points: [], values: [] }, model: null, generation: null };
}

/**
 * The indices of `run.points` to evaluate next: those the surrogate ranks best among the points
 * not yet evaluated, up to the number the generation wants. `fresh` says that `run.points` were
 * just sampled, starting a generation.
 */
export function surrogateAsk(state: SurrogateState, run: CmaRun, fresh: boolean): number[] {
  const lambda = run.points.length;
  if (fresh || state.generation === null) {
    const size = state.archive.values.length;
    const wanted = Math.floor(
      1 + Math.max(lambda * MIN_EVALUATED_SHARE, MIN_MODEL_SIZE / TRUNCATION_RATIO - size),
    );
    state.generation = { values: new Array<number | null>(lambda).fill(null), asked: [], wanted };
  }
  const generation = state.generation;
  let open: number[] = [];
  for (let k = 0; k < lambda; k++) if (generation.values[k] === null) open.push(k);
  const model = state.archive.values.length > 1 ? state.model : null;
  if (model !== null) {
    const scratch = new Float64Array(model.coefficients.length);
    const predicted = open.map((k) => predict(model, run.points[k]!, scratch));
    const byPrediction = open.map((_, i) => i);
    byPrediction.sort((a, b) => predicted[a]! - predicted[b]! || a - b);
    const unranked = open;
    open = byPrediction.map((i) => unranked[i]!);
  }
  const evaluated = lambda - open.length;
  generation.asked = open.slice(0, Math.max(1, generation.wanted - evaluated));
  return generation.asked;
}

/**
 * Takes the values of the asked points, refits the surrogate, and returns the values to rank the
 * whole generation by with the number of its points evaluated, or null when more points must be
 * evaluated first. These are the true
 * values once every point is evaluated, else the surrogate's values shifted so that their
 * minimum is the best true value (a failed point stays +Infinity).
 */
export function surrogateTell(
  state: SurrogateState,
  run: CmaRun,
  told: readonly number[],
): { values: number[]; evaluated: number } | null {
  const generation = state.generation;
  if (generation === null) throw new Error('cma-es: surrogate told values it did not ask for');
  const n = run.mean.length;
  const lambda = run.points.length;
  const capacity = archiveCapacity(n, lambda);
  generation.asked.forEach((k, i) => {
    const value = Number.isNaN(told[i]!) ? Infinity : told[i]!;
    generation.values[k] = value;
    if (Number.isFinite(value)) addToArchive(state.archive, run.points[k]!, value, capacity);
  });
  generation.asked = [];
  state.model = fitLqModel(state.archive, run.mean, distributionScales(run)) ?? null;
  const evaluated = generation.values.filter((v) => v !== null).length;
  if (evaluated === lambda) {
    state.generation = null;
    return { values: generation.values as number[], evaluated };
  }
  const trusted =
    state.model !== null &&
    canModel(state.archive.values.length, n) &&
    recentTau(state.archive, state.model, evaluated, lambda) >= TAU_THRESHOLD;
  if (!trusted) {
    generation.wanted += Math.ceil(generation.wanted / 2);
    return null;
  }
  state.generation = null;
  return { values: surrogateValues(state.model!, run.points, generation.values), evaluated };
}

/** Kendall's tau of the model against the true values of the most recent archive points. */
function recentTau(archive: LqArchive, model: LqModel, evaluated: number, lambda: number): number {
  const count = Math.min(
    archive.values.length,
    Math.floor(Math.max(15, Math.min(1.2 * evaluated, 0.75 * lambda))),
  );
  const truth = archive.values.slice(0, count);
  const scratch = new Float64Array(model.coefficients.length);
  const modelled = archive.points.slice(0, count).map((x) => predict(model, x, scratch));
  return kendallTau(truth, modelled);
}

function surrogateValues(
  model: LqModel,
  points: readonly number[][],
  values: readonly (number | null)[],
): number[] {
  const scratch = new Float64Array(model.coefficients.length);
  const modelled = points.map((x) => predict(model, x, scratch));
  let bestTrue = Infinity;
  for (const v of values) if (v !== null && v < bestTrue) bestTrue = v;
  const lowest = minOf(modelled);
  return modelled.map((m, k) => {
    if (values[k] === Infinity) return Infinity;
    return Number.isFinite(bestTrue) ? m - lowest + bestTrue : m;
  });
}

/** Each coordinate's standard deviation under the run's distribution, sigma sqrt(C_ii). */
function distributionScales(run: CmaRun): number[] {
  return run.covariance.map((row, i) => run.stepSize * Math.sqrt(Math.max(row[i]!, 0)));
}
