// The multi-objective TPE's late phase: once enough trials have finished, each proposal is a
// child of a steady-state NSGA-II. Its parents are first the survivors (non-dominated rank, then
// crowding distance, cut one most-crowded member at a time) of every trial finished by then;
// afterwards each finished trial joins them and the worst of the parents and it leaves ((mu + 1)
// selection; Durillo, Nebro, Luna & Alba 2009 found the steady-state NSGA-II to converge faster
// than the generational one). Late in a long study the front is refined faster by recombining
// its members than by the TPE's densities, which spread over the whole front; Optuna's
// AutoSampler likewise hands multi-objective studies from its model-based samplers to NSGA-II
// after 250 trials.
import type { Rng } from '../../core/rng.js';
import type { SolverContext } from '../../core/solver.js';
import type { Space } from '../../core/space.js';
import type { ObjectiveEvaluation } from '../../multi-objective/evaluation.js';
import { makeOffspring } from '../nsga2/offspring.js';
import { nsgaDefaults } from '../nsga2/params.js';
import { rankAndCrowdingSurvival } from '../nsga2/survival.js';

/** When the NSGA-II phase starts, and how many parents it keeps. */
export interface EvolutionParams {
  evolutionAfter: number | null;
  evolutionPopulation: number;
}

/**
 * Whether the study reaches the NSGA-II phase at all: two objectives, a start given, and no
 * conditional parameter (the TPE keeps those studies throughout, as AutoSampler does). With three
 * objectives the TPE stayed better: on DTLZ2 at 1,000 evaluations the phase lowered the
 * hypervolume (0.62-0.66 against 0.69-0.71, seeds 1-3), crowding distance being a weak spread
 * measure beyond two objectives.
 */
export function evolves<X>(params: EvolutionParams, context: SolverContext<X>): boolean {
  if (params.evolutionAfter === null || context.objectives?.length !== 2) return false;
  const spec = (context.space as Space<unknown>).spec;
  return spec.kind !== 'mixed' || Object.values(spec.parameters).every((p) => p.when === undefined);
}

/** A finished trial as the phase reads it (the multi-objective TPE's observations). */
export interface EvaluatedTrial {
  readonly evaluation: ObjectiveEvaluation;
}

/**
 * The parents after the newest of the `finished` trials (the last) joined them: at the start of
 * the phase (`parents` undefined) the survivors of all trials, afterwards the survivors of the
 * parents and the newest. Indices into `finished`, in increasing order.
 */
export function nextParents(
  parents: readonly number[] | undefined,
  finished: readonly EvaluatedTrial[],
  population: number,
): number[] {
  const pool =
    parents === undefined ? finished.map((_, i) => i) : [...parents, finished.length - 1];
  const { survivors } = rankAndCrowdingSurvival(
    pool.map((i) => (finished[i] as EvaluatedTrial).evaluation),
    population,
    'iterative',
  );
  return survivors.map((s) => pool[s] as number).sort((a, b) => a - b);
}

/**
 * One child of `parents` (indices into `members` and `finished`): crowded binary tournaments,
 * SBX and polynomial mutation on real spaces (the space's own operators elsewhere), as
 * `nsga2`'s defaults. Children repeating a parent or a `pending` candidate are drawn again, as
 * NSGA-II's duplicates are.
 */
export function evolvedProposal<X>(
  members: readonly X[],
  finished: readonly EvaluatedTrial[],
  parents: readonly number[],
  space: Space<X>,
  pending: readonly X[],
  rng: Rng,
): X {
  const survival = rankAndCrowdingSurvival(
    parents.map((i) => (finished[i] as EvaluatedTrial).evaluation),
    parents.length,
    'iterative',
  );
  // Rank and crowding by position in `parents` (survival lists them front by front).
  const ranks = new Array<number>(parents.length);
  const crowding = new Array<number>(parents.length);
  survival.survivors.forEach((position, s) => {
    ranks[position] = survival.ranks[s] as number;
    crowding[position] = survival.crowding[s] as number;
  });
  const compare = (i: number, j: number): number =>
    (ranks[i] as number) - (ranks[j] as number) ||
    (crowding[j] as number) - (crowding[i] as number) ||
    0;
  const [child] = makeOffspring(
    parents.map((i) => members[i] as X),
    compare,
    space,
    { ...nsgaDefaults, populationSize: parents.length },
    1,
    rng,
    pending,
  );
  return child as X;
}
