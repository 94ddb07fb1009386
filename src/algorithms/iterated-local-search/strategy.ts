// Which local search and which kick iterated local search uses on a problem: `auto` resolved
// from the space kind and the move model, explicit choices checked against what the problem has.
import { ProblemError } from '../../core/errors.js';
import type { MoveModel } from '../../core/problem.js';
import type { SpaceKind } from '../../core/space.js';
import type {
  IlsAcceptance,
  IlsLocalSearch,
  IlsPerturbation,
  IteratedLocalSearchParams,
} from './params.js';

export type LocalSearchKind = Exclude<IlsLocalSearch, 'auto'>;
export type PerturbationKind = Exclude<IlsPerturbation, 'auto'>;
export type AcceptanceKind = Exclude<IlsAcceptance, 'auto'>;

const WHERE = 'iterated-local-search';

/** The local search `params.localSearch` stands for on this problem; throws when it cannot run. */
export function resolveLocalSearch(
  kind: SpaceKind,
  moves: MoveModel | undefined,
  choice: IlsLocalSearch,
): LocalSearchKind {
  const hasSwap = moves?.swap !== undefined || moves?.swapTable !== undefined;
  if (choice === 'auto') {
    if (kind === 'real') return 'quasi-newton';
    if (kind === 'permutation' && moves?.distance !== undefined) return 'lin-kernighan';
    if (kind === 'permutation' && hasSwap) return 'swap';
    if (kind === 'binary' && moves?.flip !== undefined) return 'flip';
    return 'neighbor';
  }
  const fail = (needs: string): never => {
    throw new ProblemError(`${WHERE}: localSearch ${choice} needs ${needs} (got a ${kind} space)`);
  };
  switch (choice) {
    case 'quasi-newton':
    case 'pattern':
      if (kind !== 'real') fail('a real space; use neighbor on other spaces');
      break;
    case 'lin-kernighan':
    case 'two-opt':
      if (kind !== 'permutation' || moves?.distance === undefined)
        fail('a permutation problem whose move model has distance (a TSP)');
      break;
    case 'swap':
      if (kind !== 'permutation' || !hasSwap)
        fail('a permutation problem whose move model has swap or swapTable');
      break;
    case 'flip':
      if (kind !== 'binary' || moves?.flip === undefined)
        fail('a binary problem whose move model has flip');
      break;
    case 'neighbor':
      break;
  }
  return choice;
}

/** The kick `params.perturbation` stands for; throws when it does not fit the space. */
export function resolvePerturbation(
  kind: SpaceKind,
  localSearch: LocalSearchKind,
  choice: IlsPerturbation,
): PerturbationKind {
  if (choice === 'auto') {
    if (kind === 'real') return 'gaussian';
    if (kind !== 'permutation') return 'space';
    return localSearch === 'two-opt' || localSearch === 'lin-kernighan'
      ? 'double-bridge'
      : 'random-swaps';
  }
  if ((choice === 'double-bridge' || choice === 'random-swaps') && kind !== 'permutation') {
    throw new ProblemError(
      `${WHERE}: perturbation ${choice} needs a permutation space (got ${kind})`,
    );
  }
  if (choice === 'gaussian' && kind !== 'real') {
    throw new ProblemError(
      `${WHERE}: perturbation gaussian needs a real space (got ${kind}); use space`,
    );
  }
  return choice;
}

/** The acceptance rule `params.acceptance` stands for. */
export function resolveAcceptance(
  localSearch: LocalSearchKind,
  choice: IlsAcceptance,
): AcceptanceKind {
  if (choice !== 'auto') return choice;
  if (localSearch === 'lin-kernighan') return 'annealing';
  return localSearch === 'swap' ? 'restart' : 'better-or-equal';
}

/**
 * The annealing acceptance's temperature (relative to the current value) when
 * `params.temperature` is null: on tours 0.3 / n, so that a new local optimum a third of a mean
 * edge longer is accepted with probability 1/e whatever the number of cities (measured on
 * TSPLIB 262-2,392 cities, bench/README.md), else 0.01.
 */
export function resolveTemperature(
  localSearch: LocalSearchKind,
  dimension: number,
  choice: number | null,
): number {
  if (choice !== null) return choice;
  return localSearch === 'lin-kernighan' || localSearch === 'two-opt' ? 0.3 / dimension : 0.01;
}

/**
 * The annealing acceptance's cooling (final temperature as a fraction of the first) when
 * `params.finalTemperatureRatio` is null: 0.3 on tours, where the late iterations of a budget
 * then settle near the best (at 60 CPU-seconds, 2 seeds: fnl4461 0.06% instead of 0.23% at a
 * constant temperature, pcb3038 0.15% against 0.14%; 0.1 and 0.03 did better on fnl4461 but
 * worse on pcb3038, bench/README.md), else 1 (no cooling).
 */
export function resolveFinalTemperatureRatio(
  localSearch: LocalSearchKind,
  choice: number | null,
): number {
  if (choice !== null) return choice;
  return localSearch === 'lin-kernighan' || localSearch === 'two-opt' ? 0.3 : 1;
}

/**
 * Up to this many cities a double bridge cuts anywhere in the tour; above, its segments hold at
 * most 50 cities so that the flips of its repair stay short. Measured with alpha-nearness
 * candidates (bench/README.md): cuts anywhere take pr1002 from 0.36% to 0.11% and the clustered
 * d1291 from 1.74% to 0.45% after 4,000 iterations, while on vm1748, pcb3038 and fnl4461 they
 * make an iteration 2 to 3 times dearer for no better tour per CPU-second.
 */
export const LOCAL_KICK_CITIES = 1500;

/** The kick strength when `perturbationStrength` is null. */
export function defaultStrength(
  perturbation: PerturbationKind,
  dimension: number,
  params: IteratedLocalSearchParams,
): number | null {
  if (params.perturbationStrength !== null) return params.perturbationStrength;
  switch (perturbation) {
    case 'gaussian':
      return 0.3;
    case 'random-swaps':
      return Math.max(2, Math.round(dimension / 10));
    case 'double-bridge':
      return dimension <= LOCAL_KICK_CITIES ? 0 : 50;
    case 'space':
      return null;
  }
}
