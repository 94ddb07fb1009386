// Simulated annealing (Kirkpatrick, Gelatt & Vecchi 1983; Metropolis et al. 1953 acceptance) on
// every space kind. Three paths share one module:
// - metropolis: neighbours of the current point through the space's operators, decided in
//   order by the Metropolis rule under a cooling schedule (geometric, linear, logarithmic, fast,
//   adaptive: see cooling-schedules.ts), initial temperature from sampled uphill moves
//   (Ben-Ameur 2004), Corana et al. 1987 step control on real spaces, reheats and restarts from
//   the best on stagnation (metropolis-chain.ts, cooling-cycle.ts);
// - moves: the same Metropolis chain on the problem's move model, many deltas per full
//   evaluation (move-chain.ts);
// - generalized: Tsallis & Stariolo 1996 generalized annealing with the strategy chain of Xiang
//   et al. 1997, the default on real spaces (generalized-chain.ts).
import { ParameterError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { SPACE_KINDS, type SpaceKind } from '../../core/space.js';
import { defineSolver, type SolverContext } from '../../core/solver.js';
import type { CoolingSettings } from './cooling-cycle.js';
import {
  askGeneralized,
  initGeneralized,
  tellGeneralized,
  type GeneralizedState,
} from './generalized-chain.js';
import {
  askMetropolis,
  initMetropolis,
  tellMetropolis,
  type MetropolisState,
} from './metropolis-chain.js';
import {
  askMoveChain,
  initMoveChain,
  moveKindFor,
  tellMoveChain,
  type MoveChainState,
} from './move-chain.js';
import { DEFAULT_PARAMS, PARAMS_SCHEMA, type SimulatedAnnealingParams } from './params.js';

export type { SimulatedAnnealingParams } from './params.js';

/** The state of a run: one of the three paths. */
export type SimulatedAnnealingState = MetropolisState | MoveChainState | GeneralizedState;

/** The final temperature ratio when none is given: low on real spaces, where steps shrink with T. */
const FINAL_RATIO_REAL = 1e-9;
const FINAL_RATIO_OTHER = 1e-3;

function coolingSettings(params: SimulatedAnnealingParams, kind: SpaceKind): CoolingSettings {
  return {
    schedule: params.coolingSchedule,
    movesPerTemperature: params.movesPerTemperature,
    finalTemperatureRatio:
      params.finalTemperatureRatio ?? (kind === 'real' ? FINAL_RATIO_REAL : FINAL_RATIO_OTHER),
    coolingRate: params.coolingRate ?? null,
    targetAcceptance: params.targetAcceptance,
    reheatAfter: params.reheatAfter,
    reheatTemperatureRatio: params.reheatTemperatureRatio,
    restartAfter: params.restartAfter,
  };
}

/**
 * Simulated annealing. On real spaces the default is generalized annealing (heavy-tailed
 * visiting steps, a zero-temperature refinement ending each cycle); elsewhere Metropolis
 * annealing over the space's neighbour moves, or over the problem's move model (2-opt/Or-opt on
 * tours, swaps on assignments, flips on bits) when it has one.
 *
 * Run length: with an evaluation budget, one cooling cycle spans the run (on the move-model
 * path, `movesPerEvaluation` moves per evaluation). With only seconds, a target or stagnation,
 * the run is a sequence of cooling cycles of doubling length, each restarting from the best at
 * `reheatTemperatureRatio` times the initial temperature (the adaptive schedule follows its
 * target acceptance curve over each cycle; logarithmic and fast need no length). Batches (`batchSize` neighbours of the current point) are decided in order,
 * so that a run is the same whatever evaluates them.
 *
 * @example
 * ```ts
 * const result = await minimize(problem, 'simulated-annealing', {
 *   budget: { seconds: 10 },
 *   params: { coolingSchedule: 'adaptive' },
 * });
 * ```
 */
export const simulatedAnnealing = defineSolver<SimulatedAnnealingParams, SimulatedAnnealingState>({
  name: 'simulated-annealing',
  description:
    'Simulated annealing: Metropolis with five cooling schedules and an automatic initial temperature, incremental moves on TSP/QAP/bits, generalized (Tsallis) annealing on real spaces.',
  supports: SPACE_KINDS,
  defaultParams: DEFAULT_PARAMS,
  paramsSchema: PARAMS_SCHEMA,
  init<X>(context: SolverContext<X>, params: SimulatedAnnealingParams): SimulatedAnnealingState {
    const kind = context.space.kind;
    if (params.variant === 'generalized' && kind !== 'real') {
      throw new ParameterError(
        `simulated-annealing: variant "generalized" needs a real space (got a ${kind} space); use "metropolis" or "auto"`,
      );
    }
    if (params.variant === 'generalized' || (params.variant === 'auto' && kind === 'real')) {
      return initGeneralized(context, params);
    }
    const settings = coolingSettings(params, kind);
    const moveKind = params.useMoveModel ? moveKindFor(kind, context.moves) : undefined;
    if (moveKind !== undefined) return initMoveChain(context, params, settings, moveKind);
    return initMetropolis(context, params, settings);
  },
  ask<X>(state: SimulatedAnnealingState, context: SolverContext<X>, rng: Rng): X[] {
    switch (state.kind) {
      case 'generalized':
        return askGeneralized(state, context, rng);
      case 'moves':
        return askMoveChain(state, context, rng);
      case 'metropolis':
        return askMetropolis(state, context, rng);
    }
  },
  tell<X>(
    state: SimulatedAnnealingState,
    context: SolverContext<X>,
    candidates: X[],
    values: number[],
    rng: Rng,
  ): void {
    switch (state.kind) {
      case 'generalized':
        tellGeneralized(state, context, candidates, values, rng);
        return;
      case 'moves':
        tellMoveChain(state, candidates, values);
        return;
      case 'metropolis':
        tellMetropolis(state, context, candidates, values, rng);
        return;
    }
  },
});
