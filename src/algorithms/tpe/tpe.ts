// Tree-structured Parzen estimator (Bergstra, Bardenet, Bengio & Kegl 2011, "Algorithms for
// Hyper-Parameter Optimization"; defaults after Watanabe 2023's tutorial and Optuna): after a
// few random trials, the observations are split into the best few ("good") and the rest; each
// coordinate gets one density per group, and candidates drawn from the good density are ranked
// by the ratio good/rest. Coordinates are modelled independently; a conditional parameter only
// learns from the trials where it was active. Made for small budgets of expensive trials.
import type { Rng } from '../../core/rng.js';
import { cappedBatchSize, defineSolver, type SolverContext } from '../../core/solver.js';
import { SPACE_KINDS, type Space } from '../../core/space.js';
import { activeCoordinates, coordinatesOf, type Coordinate } from './coordinates.js';
import {
  categoricalParzen,
  logNumericDensity,
  numericParzen,
  observationWeights,
  sampleCategorical,
  sampleNumeric,
} from './parzen.js';
import { MAX_BATCH_SIZE } from '../../core/limits.js';

/** Parameters of the TPE. */
export interface TpeParams {
  /**
   * Candidates asked at once, all drawn from the same model (a worker pool evaluates them
   * together); larger batches adapt less often.
   * @defaultValue 8
   */
  batchSize: number;
  /** Random trials before the model is used. @defaultValue 10 */
  startupTrials: number;
  /** Draws from the good density per coordinate, ranked by the density ratio. @defaultValue 24 */
  candidates: number;
  /** Fraction of the trials forming the good group (at least 1). @defaultValue 0.1 */
  goodFraction: number;
  /** Upper bound on the size of the good group. @defaultValue 25 */
  maxGood: number;
  /** Weight of the prior component of every density. @defaultValue 1 */
  priorWeight: number;
}

interface Observation {
  vector: number[];
  active: boolean[];
  value: number;
}

interface TpeState {
  params: TpeParams;
  observations: Observation[];
}

export const tpe = defineSolver<TpeParams, TpeState>({
  name: 'tpe',
  description:
    'Tree-structured Parzen estimator: model-based search for expensive trials (hyperparameters), with conditional parameters.',
  supports: SPACE_KINDS,
  defaultParams: {
    batchSize: 8,
    startupTrials: 10,
    candidates: 24,
    goodFraction: 0.1,
    maxGood: 25,
    priorWeight: 1,
  },
  paramsSchema: {
    type: 'object',
    properties: {
      batchSize: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_BATCH_SIZE,
        description: 'Candidates asked at once, drawn from the same model.',
      },
      startupTrials: {
        type: 'integer',
        minimum: 1,
        description: 'Random trials before the model is used.',
      },
      candidates: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_BATCH_SIZE,
        description: 'Draws from the good density, ranked by the good/rest ratio.',
      },
      goodFraction: {
        type: 'number',
        exclusiveMinimum: 0,
        maximum: 1,
        description: 'Fraction of trials forming the good group.',
      },
      maxGood: {
        type: 'integer',
        minimum: 1,
        description: 'Upper bound on the size of the good group.',
      },
      priorWeight: {
        type: 'number',
        exclusiveMinimum: 0,
        description: 'Weight of the prior component of every density.',
      },
    },
    additionalProperties: false,
  },
  init: (_context, params) => ({ params: { ...params }, observations: [] }),
  ask<X>(state: TpeState, context: SolverContext<X>, rng: Rng): X[] {
    const { params, observations } = state;
    const space = context.space;
    const batch: X[] = [];
    if (observations.length < params.startupTrials) {
      const size = cappedBatchSize(params.batchSize, context);
      for (let i = 0; i < size; i++) batch.push(space.sample(rng));
      return batch;
    }
    const coordinates = coordinatesOf(space);
    const goodCount = Math.min(
      params.maxGood,
      Math.max(1, Math.ceil(params.goodFraction * observations.length)),
    );
    // Stable order by value (ties keep trial order); failures (Infinity) land in the rest.
    const ranked = observations
      .map((o, i) => ({ o, i }))
      .sort((a, b) => a.o.value - b.o.value || a.i - b.i);
    const good = new Set(ranked.slice(0, goodCount).map((r) => r.i));
    // One pair of densities per coordinate, shared by the whole batch.
    const samplers = coordinates.map((coordinate, d) =>
      coordinateSampler(coordinate, d, observations, good, params),
    );
    const size = cappedBatchSize(params.batchSize, context);
    for (let b = 0; b < size; b++) {
      batch.push(space.fromVector(samplers.map((sample) => sample(rng))));
    }
    return batch;
  },
  tell<X>(state: TpeState, context: SolverContext<X>, candidates: X[], values: number[]): void {
    const space = context.space as Space<unknown>;
    candidates.forEach((x, i) => {
      state.observations.push({
        vector: space.toVector(x),
        active: activeCoordinates(space, x),
        value: values[i] as number,
      });
    });
  },
});

// The good and rest densities of coordinate d, and a sampler returning the best of
// `params.candidates` draws from the good density by the ratio good / rest.
function coordinateSampler(
  coordinate: Coordinate,
  d: number,
  observations: readonly Observation[],
  good: ReadonlySet<number>,
  params: TpeParams,
): (rng: Rng) => number {
  const goodPoints: number[] = [];
  const restPoints: number[] = [];
  observations.forEach((o, i) => {
    if (o.active[d] !== true) return;
    (good.has(i) ? goodPoints : restPoints).push(o.vector[d] as number);
  });
  const goodWeights = observationWeights(goodPoints.length);
  const restWeights = observationWeights(restPoints.length);
  if (coordinate.kind === 'categorical') {
    const toIndex = (u: number): number => coordinate.decode(u);
    const l = categoricalParzen(
      goodPoints.map(toIndex),
      goodWeights,
      coordinate.count,
      params.priorWeight,
    );
    const g = categoricalParzen(
      restPoints.map(toIndex),
      restWeights,
      coordinate.count,
      params.priorWeight,
    );
    const score = l.probabilities.map(
      (p, k) => Math.log(p) - Math.log(g.probabilities[k] as number),
    );
    return (rng) => {
      let best = 0;
      let bestScore = -Infinity;
      for (let k = 0; k < params.candidates; k++) {
        const index = sampleCategorical(l, rng);
        if ((score[index] as number) > bestScore) {
          bestScore = score[index] as number;
          best = index;
        }
      }
      return coordinate.encode(best);
    };
  }
  const { low, high } = coordinate;
  if (!(high > low)) return () => low;
  const l = numericParzen(goodPoints, goodWeights, low, high, params.priorWeight);
  const g = numericParzen(restPoints, restWeights, low, high, params.priorWeight);
  return (rng) => {
    let best = low;
    let bestScore = -Infinity;
    for (let k = 0; k < params.candidates; k++) {
      const x = sampleNumeric(l, rng);
      const score = logNumericDensity(l, x) - logNumericDensity(g, x);
      if (score > bestScore) {
        bestScore = score;
        best = x;
      }
    }
    return best;
  };
}
