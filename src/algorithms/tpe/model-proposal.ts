// One proposal of a tree-structured Parzen estimator, shared by the TPE and the multi-objective
// TPE (which differ only in how they choose and weigh the good trials): random until enough
// trials have finished, then per group of coordinates the best of a few draws from the good
// density by the ratio good/rest, with trials still running counted as bad (constant liar).
import type { Rng } from '../../core/rng.js';
import type { SolverContext } from '../../core/solver.js';
import type { Space } from '../../core/space.js';
import {
  activeCoordinates,
  coordinateGroups,
  coordinatesOf,
  type Coordinate,
} from './coordinates.js';
import { buildParzenEstimator } from './parzen.js';
import type { ParzenBuffers } from './parzen-buffers.js';
import { logParzenDensities, sampleParzen } from './parzen-density.js';
import type { Observation } from './split.js';

/** The settings of the density model (a subset of the TPE's parameters). */
export interface ModelSettings {
  multivariate: boolean;
  startupTrials: number;
  candidates: number;
  priorWeight: number;
}

/** The good trials (indices into the observations) and, optionally, their kernel weights. */
export interface GoodGroup {
  members: ReadonlySet<number>;
  /** Weight of each member's kernel; absent: the default observation weights. */
  weights?: ReadonlyMap<number, number>;
}

/**
 * Proposes a candidate from `observations` (finished trials, in trial order) while `pending`
 * candidates are running; `split` chooses the good trials once the model is used.
 */
export function proposeFromModel<X>(
  observations: readonly Observation[],
  settings: ModelSettings,
  context: SolverContext<X>,
  pending: readonly X[],
  rng: Rng,
  split: () => GoodGroup,
): X {
  const space = context.space;
  let modelled = 0;
  for (const observation of observations) if (observation.status !== 'failed') modelled++;
  if (modelled < settings.startupTrials) return space.sample(rng);
  const coordinates = coordinatesOf(space);
  const running = pending.map((x) => ({
    vector: space.toVector(x),
    active: activeCoordinates(space as Space<unknown>, x),
  }));
  const good = split();
  // Membership by index: one array read per trial and group instead of a set look-up.
  const isGood = new Uint8Array(observations.length);
  for (const i of good.members) isGood[i] = 1;
  const actives = new Array<boolean[]>(observations.length + running.length);
  observations.forEach((o, i) => (actives[i] = o.active));
  running.forEach((r, i) => (actives[observations.length + i] = r.active));
  const groups = settings.multivariate
    ? coordinateGroups(coordinates.length, actives)
    : coordinates.map((_, d) => [d]);
  const vector = new Array<number>(coordinates.length).fill(0.5);
  for (const group of groups)
    sampleGroup(group, coordinates, observations, running, good, isGood, settings, rng, vector);
  return space.fromVector(vector);
}

// Storage of the two estimators of a group, reused from group to group and ask to ask (each
// estimator lives only during one sampleGroup call).
const goodBuffers: ParzenBuffers = new Map();
const restBuffers: ParzenBuffers = new Map();

// Samples the coordinates of `group` into `vector`: the best of `candidates` draws from the good
// density by log l(x) - log g(x), both fitted on the trials where the group is active
// (isGood[i]: whether trial i is one of the good ones).
function sampleGroup(
  group: readonly number[],
  coordinates: readonly Coordinate[],
  observations: readonly Observation[],
  running: readonly { vector: number[]; active: boolean[] }[],
  good: GoodGroup,
  isGood: Uint8Array,
  settings: ModelSettings,
  rng: Rng,
  vector: number[],
): void {
  const first = group[0] as number;
  const goodPoints: number[][] = [];
  const goodWeights: number[] = [];
  const restPoints: number[][] = [];
  observations.forEach((o, i) => {
    if (o.active[first] !== true) return;
    if (isGood[i] === 1) {
      goodPoints.push(o.vector);
      goodWeights.push(good.weights?.get(i) ?? 1);
    } else restPoints.push(o.vector);
  });
  for (const r of running) if (r.active[first] === true) restPoints.push(r.vector);
  const bandwidth = settings.multivariate ? 'multivariate' : 'univariate';
  const l = buildParzenEstimator(
    goodPoints,
    group,
    coordinates,
    bandwidth,
    settings.priorWeight,
    good.weights === undefined ? undefined : goodWeights,
    goodBuffers,
  );
  const g = buildParzenEstimator(
    restPoints,
    group,
    coordinates,
    bandwidth,
    settings.priorWeight,
    undefined,
    restBuffers,
  );
  const draws = Array.from({ length: settings.candidates }, () =>
    new Array<number>(coordinates.length).fill(0),
  );
  for (const draw of draws) sampleParzen(l, rng, draw);
  const logGood = new Float64Array(draws.length);
  const logRest = new Float64Array(draws.length);
  logParzenDensities(l, draws, logGood);
  logParzenDensities(g, draws, logRest);
  let chosen = 0;
  let bestScore = (logGood[0] as number) - (logRest[0] as number);
  for (let c = 1; c < draws.length; c++) {
    const score = (logGood[c] as number) - (logRest[c] as number);
    if (score > bestScore) {
      bestScore = score;
      chosen = c;
    }
  }
  const best = draws[chosen] as number[];
  for (const d of group) {
    const coordinate = coordinates[d] as Coordinate;
    vector[d] =
      coordinate.kind === 'categorical'
        ? coordinate.encode(best[d] as number)
        : (best[d] as number);
  }
}
