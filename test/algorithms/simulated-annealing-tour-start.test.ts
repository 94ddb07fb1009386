// The start of annealing on tours: the run starts from the Lin-Kernighan optimum of the greedy
// tour, at a temperature asked of a share of the initial acceptance, and its cycles end at a
// higher final temperature ratio unless one is given; without the polish, the old start.
import { describe, expect, it } from 'vitest';
import type { MoveChainState } from '../../src/algorithms/simulated-annealing/move-chain.js';
import { simulatedAnnealing } from '../../src/algorithms/simulated-annealing/simulated-annealing.js';
import {
  SHORT_CYCLE_PER_ELEMENT,
  fittedAcceptance,
} from '../../src/algorithms/simulated-annealing/time-plan.js';
import { polishTour } from '../../src/algorithms/simulated-annealing/tour-polish.js';
import {
  POLISHED_START_FINAL_RATIO,
  POLISHED_START_SHARE,
  startAcceptance,
} from '../../src/algorithms/simulated-annealing/tour-start.js';
import type { MoveModel } from '../../src/core/problem.js';
import { createRng } from '../../src/core/rng.js';
import type { SolverContext } from '../../src/core/solver.js';
import { tspProblem } from '../../src/problems/tsp/problem.js';

const problem = tspProblem({ instance: 'eil76' });
const moves = problem.moves as MoveModel;
const context: SolverContext<number[]> = {
  space: problem.space,
  gradients: false,
  budget: { evaluations: 20 },
  moves,
};

/** A run's state after its first annealing ask (the start is then polished and calibrated). */
function started(params: object): MoveChainState {
  const rng = createRng(7);
  const all = { ...simulatedAnnealing.defaultParams, movesPerEvaluation: 500, ...params };
  const state = simulatedAnnealing.init(context, all, rng) as MoveChainState;
  for (let k = 0; k < 2; k++) {
    const [x] = simulatedAnnealing.ask(state, context, rng);
    simulatedAnnealing.tell(
      state,
      context,
      [x as number[]],
      [problem.evaluate(x as number[]) as number],
      rng,
    );
  }
  return state;
}

describe('the acceptance of the start temperature', () => {
  const chain = (polish: boolean, moveKind: MoveChainState['moveKind']): MoveChainState =>
    ({ moveKind, polish, initialAcceptance: 0.8 }) as MoveChainState;
  const long = SHORT_CYCLE_PER_ELEMENT * 100;

  it('is a share of initialAcceptance at a polished tour start, fitted to short cycles', () => {
    expect(startAcceptance(chain(true, 'tour'), long, 100)).toBeCloseTo(
      0.8 * POLISHED_START_SHARE,
      12,
    );
    expect(startAcceptance(chain(true, 'tour'), long / 4, 100)).toBe(
      fittedAcceptance(0.8 * POLISHED_START_SHARE, long / 4, 100),
    );
    expect(startAcceptance(chain(true, 'tour'), 1, 100)).toBe(0.02);
  });

  it('is initialAcceptance fitted to the cycle without the polish, and as given off tours', () => {
    expect(startAcceptance(chain(false, 'tour'), long, 100)).toBe(0.8);
    expect(startAcceptance(chain(false, 'tour'), long / 4, 100)).toBeCloseTo(0.2, 12);
    expect(startAcceptance(chain(true, 'swap'), 1, 100)).toBe(0.8);
  });
});

describe('a run on tours from its polished start', () => {
  it('starts from the Lin-Kernighan optimum of the greedy tour', () => {
    const greedy = moves.construct?.() as number[];
    const polished = polishTour(greedy, problem.evaluate(greedy) as number, moves, createRng(1));
    expect(started({}).bestValue).toBeLessThanOrEqual(polished);
    expect(started({ polish: false }).bestValue).toBeGreaterThan(polished);
  });

  it('starts cooler than without the polish, and ends its cycles at a higher ratio', () => {
    const polished = started({});
    const plain = started({ polish: false });
    expect(polished.cooling?.initialTemperature).toBeLessThan(
      plain.cooling?.initialTemperature ?? 0,
    );
    expect(polished.settings.finalTemperatureRatio).toBe(POLISHED_START_FINAL_RATIO);
    expect(plain.settings.finalTemperatureRatio).toBe(1e-3);
    expect(started({ finalTemperatureRatio: 1e-4 }).settings.finalTemperatureRatio).toBe(1e-4);
  });
});
