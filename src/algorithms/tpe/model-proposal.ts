// One proposal of a tree-structured Parzen estimator, shared by the TPE and the multi-objective
// TPE (which differ only in how they choose and weigh the good trials): random until enough
// trials have finished, then per group of coordinates the best of a few draws from the good
// density by the ratio good/rest, with trials still running counted as bad (constant liar).
import type { Rng } from '../../core/rng.js';
import type { SolverContext } from '../../core/solver.js';
import type { Space } from '../../core/space.js';
import {
  activeCoordinates,
  coordinatesOf,
  observedCoordinateGroups,
  type Coordinate,
} from './coordinates.js';
import { buildParzenEstimator } from './parzen.js';
import type { ParzenBuffers } from './parzen-buffers.js';
import { bestDraw } from './best-draw.js';
import { sampleParzen } from './parzen-density.js';
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
  const groups = settings.multivariate
    ? observedCoordinateGroups(coordinates.length, observations, running)
    : coordinates.map((_, d) => [d]);
  const vector = new Array<number>(coordinates.length).fill(0.5);
  // Few groups (the joint model's) keep storage each; many (one per coordinate) share one, whose
  // sizes then mostly repeat from group to group anyway.
  const own = groups.length <= OWN_STORAGE_GROUPS;
  for (const group of groups) {
    const storage = storageOf(own ? (group[0] as number) : -1);
    sampleGroup(
      group,
      coordinates,
      observations,
      running,
      good,
      isGood,
      settings,
      rng,
      vector,
      storage,
    );
  }
  return space.fromVector(vector);
}

/**
 * What sampleGroup reuses from ask to ask: the group's trial lists (each written from its start,
 * then cut to its count, which changes little between asks, so that V8 keeps their storage), and
 * the storage of its two estimators (each estimator lives only during one sampleGroup call), whose
 * views are handed out again while an estimator's size is unchanged. Arrays made on every call
 * were most of a proposal's garbage.
 */
interface GroupStorage {
  goodPoints: number[][];
  goodWeights: number[];
  restPoints: number[][];
  good: ParzenBuffers;
  rest: ParzenBuffers;
}

// Groups with storage of their own at most; beyond, they share one (bounded memory for the
// univariate model on many coordinates).
const OWN_STORAGE_GROUPS = 16;
const storages = new Map<number, GroupStorage>();

function storageOf(key: number): GroupStorage {
  let storage = storages.get(key);
  if (storage === undefined) {
    storage = { goodPoints: [], goodWeights: [], restPoints: [], good: new Map(), rest: new Map() };
    storages.set(key, storage);
  }
  return storage;
}

// The candidates of sampleGroup, reused likewise (every entry that is read is rewritten first):
// 24 arrays per group and ask were a large part of the garbage.
const scratch = { draws: [] as number[][] };

// The reused candidates: `count` arrays of `dimension` (rebuilt when either changes).
function reusedDraws(count: number, dimension: number): number[][] {
  const draws = scratch.draws;
  if (draws.length !== count || draws[0]?.length !== dimension) {
    scratch.draws = Array.from({ length: count }, () => new Array<number>(dimension).fill(0));
  }
  return scratch.draws;
}

// Samples the coordinates of `group` into `vector`: the best of `candidates` draws from the good
// density by log l(x) - log g(x), both fitted on the trials where the group is active
// (isGood[i]: whether trial i is one of the good ones), in `storage`.
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
  storage: GroupStorage,
): void {
  const first = group[0] as number;
  const { goodPoints, goodWeights, restPoints } = storage;
  let goodCount = 0;
  let restCount = 0;
  for (let i = 0; i < observations.length; i++) {
    const o = observations[i] as Observation;
    if (o.active[first] !== true) continue;
    if (isGood[i] === 1) {
      goodWeights[goodCount] = good.weights?.get(i) ?? 1;
      goodPoints[goodCount++] = o.vector;
    } else restPoints[restCount++] = o.vector;
  }
  for (const r of running) if (r.active[first] === true) restPoints[restCount++] = r.vector;
  goodPoints.length = goodCount;
  goodWeights.length = goodCount;
  restPoints.length = restCount;
  const bandwidth = settings.multivariate ? 'multivariate' : 'univariate';
  const l = buildParzenEstimator(
    goodPoints,
    group,
    coordinates,
    bandwidth,
    settings.priorWeight,
    good.weights === undefined ? undefined : goodWeights,
    storage.good,
  );
  const g = buildParzenEstimator(
    restPoints,
    group,
    coordinates,
    bandwidth,
    settings.priorWeight,
    undefined,
    storage.rest,
  );
  // A draw's entries outside the group are never read: the arrays are reused as they are.
  const candidates = settings.candidates;
  const draws = reusedDraws(candidates, coordinates.length);
  for (const draw of draws) sampleParzen(l, rng, draw);
  const best = draws[bestDraw(l, g, draws)] as number[];
  for (const d of group) {
    const coordinate = coordinates[d] as Coordinate;
    vector[d] =
      coordinate.kind === 'categorical'
        ? coordinate.encode(best[d] as number)
        : (best[d] as number);
  }
}
