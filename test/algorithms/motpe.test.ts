// The multi-objective TPE: its good group (non-dominated rank, hypervolume subset selection,
// failed trials never good), the kernel weights by hypervolume contribution, the TPE's proposals
// with one objective, and the same proposals whatever the evaluations' order of arrival.
import { describe, expect, it } from 'vitest';
import {
  contributionWeights,
  greedyHypervolumeSubset,
  localReferencePoint,
} from '../../src/algorithms/motpe/hypervolume-subset.js';
import { multiObjectiveGoodGroup } from '../../src/algorithms/motpe/good-group.js';
import { evolves, nextParents } from '../../src/algorithms/motpe/evolution.js';
import { motpe, type MotpeParams } from '../../src/algorithms/motpe/motpe.js';
import { tpe } from '../../src/algorithms/tpe/tpe.js';
import { parseState, stringifyState } from '../../src/core/json.js';
import { createRng } from '../../src/core/rng.js';
import type { ObjectiveEvaluation } from '../../src/multi-objective/evaluation.js';
import { mixedSpace } from '../../src/core/spaces/mixed.js';
import { realSpace } from '../../src/core/spaces/real.js';
import type { SolverContext } from '../../src/core/solver.js';
import { observation } from '../helpers/motpe.js';

describe('hypervolume subset selection', () => {
  it('takes the point adding the most hypervolume first, then the best complement', () => {
    // Reference (4, 4): (1, 3) adds 3, (2, 2) adds 4, (3, 1) adds 3. After (2, 2), (1, 3) and
    // (3, 1) each add 1 more; the first wins the tie.
    const points = [
      [1, 3],
      [2, 2],
      [3, 1],
    ];
    expect(greedyHypervolumeSubset(points, 2, [4, 4])).toEqual([1, 0]);
  });

  it("puts the reference point just beyond the worst values (Optuna's rule)", () => {
    expect(
      localReferencePoint([
        [1, -2],
        [3, -4],
      ]),
    ).toEqual([3.3000000000000003, -1.8]);
    expect(localReferencePoint([[0, 1]])).toEqual([1e-12, 1.1]);
  });

  it('weighs each point by its exclusive contribution, the largest 1', () => {
    const points = [
      [0, 2],
      [1, 1],
      [2, 0],
    ];
    // Reference (2.2, 2.2); exclusive boxes: (0,2): 1 x 0.2; (1,1): 1 x 1; (2,0): 0.2 x 1.
    const weights = contributionWeights(points);
    expect(weights[1]).toBe(1);
    expect(weights[0]).toBeCloseTo(0.2, 9);
    expect(weights[2]).toBeCloseTo(0.2, 9);
    expect(contributionWeights([[1, 1]])).toEqual([1]);
  });
});

describe('the good group', () => {
  const options = { goodFraction: 0.5, maxGood: 25 };

  it('fills whole fronts first and cuts the next by hypervolume', () => {
    const observations = [
      observation([5, 5]), // front 2
      observation([1, 4]), // front 1
      observation([4, 1]), // front 1
      observation([3, 6]), // front 2
      observation([6, 3]), // front 2
      observation([7, 7]), // front 3
    ];
    // gamma = 3: front 1 (two trials), then one of front 2: the one adding the most volume.
    const group = multiObjectiveGoodGroup(observations, options);
    expect([...group.members].sort()).toEqual([0, 1, 2]);
    expect(group.weights?.size).toBe(3);
  });

  it('never takes a failed trial, and ranks infeasible ones after feasible ones', () => {
    const observations = [
      observation([Infinity, Infinity], Infinity),
      observation([9, 9], 0.5),
      observation([8, 8]),
      observation([Infinity, Infinity], Infinity),
    ];
    const group = multiObjectiveGoodGroup(observations, { goodFraction: 1, maxGood: 25 });
    expect([...group.members].sort()).toEqual([1, 2]);
    expect(group.weights?.get(1)).toBe(1e-12);
    expect(group.weights?.get(2)).toBe(1);
  });
});

describe('motpe', () => {
  const space = realSpace({ lower: [0, 0, 0], upper: [1, 1, 1] });

  it('proposes as the univariate TPE when the problem has one objective', () => {
    const context: SolverContext<number[]> = { space, gradients: false, budget: {} };
    const params = { ...tpe.defaultParams, multivariate: false, batchSize: 5 };
    const runs = [motpe, tpe].map((solver) => {
      const state = solver.init(context, params, createRng(1));
      const rng = createRng(2);
      const asked: number[][] = [];
      for (let round = 0; round < 6; round++) {
        const batch = solver.ask(state, context, rng);
        solver.tell(
          state,
          context,
          batch,
          batch.map((x) => (x[0] as number) + (x[1] as number) ** 2),
          rng,
        );
        asked.push(...batch);
      }
      return asked;
    });
    expect(runs[0]).toEqual(runs[1]);
  });

  it('moves toward the front of a two-objective problem', () => {
    const objectives = [
      { name: 'a', direction: 'minimize' as const },
      { name: 'b', direction: 'minimize' as const },
    ];
    const context: SolverContext<number[]> = { space, gradients: false, budget: {}, objectives };
    // Both objectives want x2 = x3 = 0 (ZDT1-like); the front spreads along x1.
    const evaluate = (x: number[]) => {
      const g = 1 + 4 * ((x[1] as number) + (x[2] as number));
      return { values: [x[0] as number, g * (1 - Math.sqrt((x[0] as number) / g))], violation: 0 };
    };
    const state = motpe.init(context, motpe.defaultParams, createRng(1));
    const rng = createRng(3);
    const asked: number[][] = [];
    for (let round = 0; round < 10; round++) {
      const batch = motpe.ask(state, context, rng);
      motpe.tellObjectives?.(state, context, batch, batch.map(evaluate), rng);
      asked.push(...batch);
    }
    const distance = (xs: number[][]) =>
      xs.reduce((sum, x) => sum + (x[1] as number) + (x[2] as number), 0) / xs.length;
    // Random points average 1; the model's last 30 proposals sit much closer to the front.
    expect(distance(asked.slice(0, 10))).toBeGreaterThan(0.6);
    expect(distance(asked.slice(-30))).toBeLessThan(0.6 * distance(asked.slice(0, 10)));
  });

  it('keeps its state through a JSON round trip, failed trials included', () => {
    const objectives = [
      { name: 'a', direction: 'minimize' as const },
      { name: 'b', direction: 'minimize' as const },
    ];
    const context: SolverContext<number[]> = { space, gradients: false, budget: {}, objectives };
    const state = motpe.init(context, motpe.defaultParams, createRng(1));
    const rng = createRng(3);
    const batch = motpe.ask(state, context, rng);
    motpe.tellObjectives?.(
      state,
      context,
      batch,
      batch.map((x, i) =>
        i === 0
          ? { values: [Infinity, Infinity], violation: Infinity }
          : { values: [x[0] as number, x[1] as number], violation: 0 },
      ),
      rng,
    );
    expect(state.observations[0]?.status).toBe('failed');
    expect(state.observations[1]?.status).toBe('complete');
    const copy = parseState<typeof state>(stringifyState(state));
    expect(copy).toEqual(state);
    const next = (s: typeof state) => motpe.ask(s, context, createRng(9));
    expect(next(copy)).toEqual(next(state));
  });
  describe('the NSGA-II phase after evolutionAfter trials', () => {
    const objectives = [
      { name: 'a', direction: 'minimize' as const },
      { name: 'b', direction: 'minimize' as const },
    ];
    const evaluate = (x: number[]) => {
      const g = 1 + 4 * ((x[1] as number) + (x[2] as number));
      return { values: [x[0] as number, g * (1 - Math.sqrt((x[0] as number) / g))], violation: 0 };
    };
    const params: MotpeParams = {
      ...motpe.defaultParams,
      evolutionAfter: 20,
      evolutionPopulation: 8,
    };

    it('chooses parents among all finished trials, then updates them one trial at a time', () => {
      const context: SolverContext<number[]> = { space, gradients: false, budget: {}, objectives };
      const state = motpe.init(context, { ...params, batchSize: 4 }, createRng(1));
      const rng = createRng(5);
      for (let round = 0; round < 12; round++) {
        const told = state.observations.length;
        const batch = motpe.ask(state, context, rng);
        const parentsBefore = state.parents === undefined ? undefined : [...state.parents];
        if (parentsBefore !== undefined) {
          // Children are new points: none repeats a parent or another child of the batch.
          const keys = new Set(parentsBefore.map((i) => JSON.stringify(state.members[i])));
          for (const x of batch) expect(keys.has(JSON.stringify(x))).toBe(false);
          expect(new Set(batch.map((x) => JSON.stringify(x))).size).toBe(batch.length);
        }
        motpe.tellObjectives?.(state, context, batch, batch.map(evaluate), rng);
        const evaluations = state.observations.map((o) => o.evaluation);
        if (state.observations.length < 20) {
          expect(state.parents).toBeUndefined();
          continue;
        }
        // Replayed here trial by trial: all trials at the start, then parents plus the newest.
        let expected = parentsBefore;
        for (let k = Math.max(told, 19); k < state.observations.length; k++) {
          expected = nextParents(expected, state.observations.slice(0, k + 1), 8);
        }
        expect(state.parents).toEqual(expected);
        expect(state.parents).toHaveLength(8);
        if (parentsBefore === undefined) {
          // At the start every non-dominated trial so far is a parent (there are at most 8).
          const values = evaluations.map((e) => e.values as [number, number]);
          const front = values.flatMap((v, i) =>
            values.some((w) => w[0] <= v[0] && w[1] <= v[1] && (w[0] < v[0] || w[1] < v[1]))
              ? []
              : [i],
          );
          expect(front.length).toBeLessThanOrEqual(8);
          for (const i of front) expect(state.parents).toContain(i);
        }
      }
    });

    it('keeps the TPE with one or three objectives, conditional parameters, or evolutionAfter null', () => {
      const conditional = mixedSpace({
        parameters: {
          kind: { type: 'categorical', choices: ['a', 'b'] },
          x: { type: 'real', low: 0, high: 1 },
          y: { type: 'real', low: 0, high: 1, when: { kind: 'b' } },
        },
      });
      const cases: [SolverContext<unknown>, typeof params][] = [
        [{ space, gradients: false, budget: {} }, params],
        [
          {
            space,
            gradients: false,
            budget: {},
            objectives: [...objectives, { name: 'c', direction: 'minimize' as const }],
          },
          params,
        ],
        [{ space: conditional, gradients: false, budget: {}, objectives }, params],
        [
          { space, gradients: false, budget: {}, objectives },
          { ...params, evolutionAfter: null },
        ],
      ];
      for (const [context, caseParams] of cases) {
        expect(evolves(caseParams, context)).toBe(false);
      }
      expect(evolves(params, { space, gradients: false, budget: {}, objectives })).toBe(true);
    });

    it('drops the most crowded or dominated member when a trial joins the parents', () => {
      const trials = (list: ObjectiveEvaluation[]) => list.map((evaluation) => ({ evaluation }));
      const evaluations = [
        { values: [0, 1], violation: 0 },
        { values: [1, 0], violation: 0 },
        { values: [0.5, 0.5], violation: 0 },
        { values: [0.9, 0.9], violation: 0 },
      ];
      expect(nextParents(undefined, trials(evaluations), 3)).toEqual([0, 1, 2]);
      // A dominated newcomer leaves at once; a dominating one replaces the member it dominates.
      expect(nextParents([0, 1, 2], trials(evaluations), 3)).toEqual([0, 1, 2]);
      const better = [...evaluations.slice(0, 3), { values: [0.4, 0.4], violation: 0 }];
      expect(nextParents([0, 1, 2], trials(better), 3)).toEqual([0, 1, 3]);
      const failed = [
        ...evaluations.slice(0, 3),
        { values: [Infinity, Infinity], violation: Infinity },
      ];
      expect(nextParents([0, 1, 2], trials(failed), 3)).toEqual([0, 1, 2]);
    });
  });
});
