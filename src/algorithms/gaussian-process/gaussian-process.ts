// Bayesian optimization with a Gaussian process (Jones, Schonlau & Welch 1998, "Efficient global
// optimization of expensive black-box functions"; with several objectives ParEGO, Knowles 2006):
// after a few random trials, each trial goes where the expected improvement of a Gaussian process
// fitted to the finished trials is largest. Trials still running count as having the model's mean
// ("kriging believer", Ginsbourger et al. 2010), so that trials asked together spread out, and in
// studies the TPE's lag schedule keeps a study the same for any number of workers. Spaces other
// than real boxes are searched through their vector embedding, each candidate scored where it
// decodes. A proposal costs O(n^3) in the n modelled trials: for budgets of up to a few hundred
// trials, where each trial is expensive.
import type { Rng } from '../../core/rng.js';
import { defineSolver, type FinishedTrial, type SolverContext } from '../../core/solver.js';
import { SPACE_KINDS, type Space } from '../../core/space.js';
import { failedEvaluation } from '../../multi-objective/evaluation.js';
import { LAG_PARAMS_PROPERTIES, laggedModel, observeObjectives } from '../tpe/lagged-model.js';
import { pointKey, searchAcquisition } from './acquisition-search.js';
import { fitGaussianProcess, predict, refitGaussianProcess } from './gp-regression.js';
import { scalarizedValues, type ModelledTrial } from './scalarized-values.js';

/** Parameters of the Gaussian-process sampler. */
export interface GaussianProcessParams {
  /**
   * Studies: trial k is proposed from the trials before k - lag, the lag trials in between
   * counted as running. Up to `lag` workers stay busy; the result does not depend on how many.
   * Smaller than the TPE's 8, because each finished trial moves the model more: on ZDT1 at 100
   * trials the median hypervolume was 108.7 with lag 1, 104.9 with 2, 105.7 with 4 and 103.0
   * with 8 (5 seeds, bench/README.md). @defaultValue 4
   */
  lag: number;
  /** Candidates asked at once outside studies (`kiln run`, `minimize`). @defaultValue 8 */
  batchSize: number;
  /** Finished trials with a value before the model is used (random trials until then). @defaultValue 10 */
  startupTrials: number;
  /** Uniform random points the expected improvement is scored at. @defaultValue 1000 */
  randomPoints: number;
  /**
   * Points per stage of the local search of the expected improvement (five stages from the best
   * trials, three refining the best point). @defaultValue 600
   */
  localPoints: number;
  /**
   * The model is fitted on at most this many trials, the best by the modelled value (a fit costs
   * O(n^3)). @defaultValue 300
   */
  maxModelledTrials: number;
}

interface GaussianProcessState {
  params: GaussianProcessParams;
  trials: ModelledTrial[];
}

// The local search starts from this many of the best modelled trials.
const LOCAL_STARTS = 5;

export const gaussianProcess = defineSolver<GaussianProcessParams, GaussianProcessState>({
  name: 'gaussian-process',
  description:
    'Bayesian optimization with a Gaussian process and expected improvement (ParEGO with several objectives): for expensive objectives and budgets of up to a few hundred trials; asynchronous in studies.',
  supports: SPACE_KINDS,
  defaultParams: {
    lag: 4,
    batchSize: 8,
    startupTrials: 10,
    randomPoints: 1000,
    localPoints: 600,
    maxModelledTrials: 300,
  },
  paramsSchema: {
    type: 'object',
    properties: {
      ...LAG_PARAMS_PROPERTIES,
      startupTrials: {
        type: 'integer',
        minimum: 2,
        description: 'Finished trials with a value before the model is used.',
      },
      randomPoints: {
        type: 'integer',
        minimum: 1,
        maximum: 1_000_000,
        description: 'Uniform random points the expected improvement is scored at.',
      },
      localPoints: {
        type: 'integer',
        minimum: 0,
        maximum: 1_000_000,
        description: 'Points per stage of the local search of the expected improvement.',
      },
      maxModelledTrials: {
        type: 'integer',
        minimum: 2,
        maximum: 5000,
        description: 'The model is fitted on at most this many trials, the best ones.',
      },
    },
    additionalProperties: false,
  },
  init: (_context, params) => ({ params: { ...params }, trials: [] }),
  ...laggedModel<GaussianProcessParams, GaussianProcessState>(observe, propose),
  tellObjectives: observeObjectives<GaussianProcessParams, GaussianProcessState>(observe),
});

function observe<X>(
  state: GaussianProcessState,
  context: SolverContext<X>,
  trial: FinishedTrial<X>,
): void {
  const space = context.space as Space<unknown>;
  const failed = trial.status === 'failed' || Number.isNaN(trial.value);
  const objectives = context.objectives?.length ?? 1;
  const evaluation =
    trial.evaluation ?? (objectives > 1 && failed ? failedEvaluation(objectives) : undefined);
  state.trials.push({
    vector: space.toVector(trial.params),
    value: failed ? Infinity : trial.value,
    ...(evaluation === undefined
      ? {}
      : { evaluation: { values: [...evaluation.values], violation: evaluation.violation } }),
  });
}

function propose<X>(
  state: GaussianProcessState,
  context: SolverContext<X>,
  pending: readonly X[],
  rng: Rng,
): X {
  const { params, trials } = state;
  const space = context.space;
  const objectives = context.objectives?.length ?? 1;
  let withValue = 0;
  for (const trial of trials)
    if ((trial.evaluation?.violation ?? (Number.isFinite(trial.value) ? 0 : Infinity)) === 0)
      withValue++;
  if (withValue < params.startupTrials) return space.sample(rng);
  const values = scalarizedValues(trials, objectives, rng);
  if (values === undefined) return space.sample(rng);
  const box = unitBox(space);
  const modelled = bestIndices(values, params.maxModelledTrials);
  const dimension = box.lower.length;
  const inputs = new Float64Array((modelled.length + pending.length) * dimension);
  modelled.forEach((index, row) =>
    box.toUnit((trials[index] as ModelledTrial).vector, inputs, row * dimension),
  );
  const standardized = standardize(capUpperTail(modelled.map((index) => values[index] as number)));
  const fitted = fitGaussianProcess(
    inputs.subarray(0, modelled.length * dimension),
    standardized,
    dimension,
  );
  if (fitted === undefined) return space.sample(rng);
  let model = fitted;
  const best = Math.min(...standardized);
  const starts = modelled
    .slice(0, LOCAL_STARTS)
    .map((_, row) => inputs.slice(row * dimension, (row + 1) * dimension));
  if (pending.length > 0) {
    // Kriging believer: the running trials as if they had returned the model's mean.
    const believed = new Float64Array(modelled.length + pending.length);
    believed.set(standardized);
    const prediction = new Float64Array(2);
    const scratch = new Float64Array(modelled.length);
    pending.forEach((x, p) => {
      const row = modelled.length + p;
      box.toUnit(space.toVector(x), inputs, row * dimension);
      predict(fitted, inputs.subarray(row * dimension, (row + 1) * dimension), scratch, prediction);
      believed[row] = prediction[0] as number;
    });
    model = refitGaussianProcess(model, inputs, believed) ?? model;
  }
  const snap = space.kind === 'real' ? undefined : (point: Float64Array) => box.snap(point);
  // On spaces that decode to a grid, a trial already evaluated or running is not asked again
  // (the model's noise leaves it some expected improvement).
  const taken = new Set<string>();
  if (snap !== undefined) {
    const unit = new Float64Array(dimension);
    for (const x of [...trials.map((t) => t.vector), ...pending.map((p) => space.toVector(p))]) {
      box.toUnit(x, unit, 0);
      taken.add(pointKey(unit));
    }
  }
  const point = searchAcquisition(
    model,
    {
      randomPoints: params.randomPoints,
      localPoints: params.localPoints,
      starts,
      best,
      ...(snap === undefined ? {} : { snap, taken }),
    },
    rng,
  );
  return space.fromVector(box.fromUnit(point));
}

// The trials with the `limit` lowest values (all when fewer), best first; ties by trial order.
function bestIndices(values: Float64Array, limit: number): number[] {
  const order = Array.from(values.keys());
  order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  return order.slice(0, limit);
}

// The values capped at m + 5 s, with m the median and s the spread of the better half (m minus
// the lowest value; 1 when that is 0). A few diverged trials (a loss of 1e9) or the values failed
// trials are given then no longer flatten the others once standardized, while a smooth function
// keeps its shape (a quadratic bowl's highest values are within the cap).
function capUpperTail(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)] as number;
  const cap = middle + TAIL_CAP * (middle - (sorted[0] as number) || 1);
  return values.map((v) => (v > cap ? cap : v));
}

// The cap above the median, in spreads of the better half.
const TAIL_CAP = 5;

// Mean 0 and standard deviation 1 (a constant list stays at 0).
function standardize(values: readonly number[]): Float64Array {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  const deviation = Math.sqrt(squares / values.length);
  return Float64Array.from(values, (v) => (deviation > 0 ? (v - mean) / deviation : 0));
}

// The space's vector embedding mapped onto [0, 1] per coordinate (a coordinate of zero width
// stays at 0), and back; `snap` moves a unit point onto the embedding of what it decodes to.
function unitBox<X>(space: Space<X>) {
  const lower = space.vectorLower;
  const width = space.vectorUpper.map((upper, j) => upper - (lower[j] as number));
  const toUnit = (vector: readonly number[], out: Float64Array, offset: number): void => {
    vector.forEach((v, j) => {
      const w = width[j] as number;
      const u = w > 0 ? (v - (lower[j] as number)) / w : 0;
      out[offset + j] = u < 0 ? 0 : u > 1 ? 1 : u;
    });
  };
  const fromUnit = (point: Float64Array): number[] =>
    Array.from(point, (u, j) => (lower[j] as number) + u * (width[j] as number));
  const snap = (point: Float64Array): void =>
    toUnit(space.toVector(space.fromVector(fromUnit(point))), point, 0);
  return { lower, toUnit, fromUnit, snap };
}
