// The tree-structured Parzen estimator: its densities, and that the model beats random search
// on a small mixed problem with conditional parameters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomSearch } from '../../src/algorithms/random-search/random-search.js';
import { tpe } from '../../src/algorithms/tpe/tpe.js';
import { buildParzenEstimator, observationWeights } from '../../src/algorithms/tpe/parzen.js';
import { BANDWIDTH_FACTOR } from '../../src/algorithms/tpe/parzen-widths.js';
import {
  largestTerms,
  logParzenDensities,
  logParzenDensity,
  sampleParzen,
  termsLogDensity,
} from '../../src/algorithms/tpe/parzen-density.js';
import {
  expNonPositive,
  largestTerm,
  logSumExp,
  logSumExpBelow,
  logSumExpBounds,
} from '../../src/algorithms/tpe/bounded-exp.js';
import { observedCoordinateGroups, type Coordinate } from '../../src/algorithms/tpe/coordinates.js';
import { goodTrials, type Observation } from '../../src/algorithms/tpe/split.js';
import { createRng } from '../../src/core/rng.js';
import { mixedSpace } from '../../src/core/spaces/index.js';
import type { Problem } from '../../src/core/problem.js';
import type { ParameterValues } from '../../src/core/space.js';
import { minimize } from '../../src/runners/minimize.js';

const unit: Coordinate = { kind: 'numeric', low: 0, high: 1 };
const threeChoices: Coordinate = {
  kind: 'categorical',
  count: 3,
  encode: (i) => (i + 0.5) / 3,
  decode: (u) => Math.min(2, Math.floor(u * 3)),
};

// The groups by their definition, computed afresh: coordinates active in exactly the same trials
// form a group, groups in order of their first coordinate.
function coordinateGroups(dimension: number, actives: readonly (readonly boolean[])[]): number[][] {
  const same = (a: number, b: number) =>
    actives.every((active) => (active[a] === true) === (active[b] === true));
  const groups: number[][] = [];
  for (let d = 0; d < dimension; d++) {
    const group = groups.find((g) => same(g[0] as number, d));
    if (group === undefined) groups.push([d]);
    else group.push(d);
  }
  return groups;
}

describe('Parzen estimators', () => {
  it('weigh the newest 25 observations fully and ramp older ones up from 1/n', () => {
    expect(observationWeights(3)).toEqual([1, 1, 1]);
    const weights = observationWeights(35);
    expect(weights.slice(10)).toEqual(new Array(25).fill(1));
    expect(weights[0]).toBeCloseTo(1 / 35, 12);
    expect(weights[9]).toBeCloseTo(1, 12);
    for (let i = 1; i < 10; i++) expect(weights[i]).toBeGreaterThan(weights[i - 1]!);
  });

  for (const bandwidth of ['multivariate', 'univariate'] as const) {
    it(`integrate to one over the domain and stay inside it (${bandwidth})`, () => {
      const density = buildParzenEstimator([[0.2], [0.25], [0.9]], [0], [unit], bandwidth, 1);
      let integral = 0;
      const steps = 20000;
      for (let k = 0; k < steps; k++)
        integral += Math.exp(logParzenDensity(density, [(k + 0.5) / steps])) / steps;
      expect(integral).toBeCloseTo(1, 3);
      const rng = createRng(1);
      const point = [0];
      for (let k = 0; k < 1000; k++) {
        sampleParzen(density, rng, point);
        expect(point[0]).toBeGreaterThanOrEqual(0);
        expect(point[0]).toBeLessThanOrEqual(1);
      }
      // Kernels narrow enough to show the mode (the joint widths follow the points' spread).
      const gathered = buildParzenEstimator([[0.2], [0.25], [0.3]], [0], [unit], bandwidth, 1);
      expect(logParzenDensity(gathered, [0.25])).toBeGreaterThan(logParzenDensity(gathered, [0.6]));
    });
  }

  it('use Scott widths on the spread jointly and neighbour gaps alone, magic-clipped', () => {
    const many = Array.from({ length: 20 }, (_, i) => [(i + 0.5) / 20]);
    const joint = buildParzenEstimator(many, [0], [unit], 'multivariate', 1);
    const deviation = Math.sqrt(many.reduce((s, [v]) => s + (v! - 0.5) ** 2, 0) / 19);
    expect(joint.sigmas[0]).toBeCloseTo(BANDWIDTH_FACTOR * 20 ** (-1 / 5) * deviation, 12);
    expect(joint.sigmas[19]).toBe(joint.sigmas[0]);
    expect(joint.sigmas[20]).toBe(1); // the prior kernel
    expect(joint.means[20]).toBe(0.5);
    // Gathered points: clipped from below at range / min(100, n + 2).
    const gathered = buildParzenEstimator(
      [[0.5], [0.5001], [0.5002]],
      [0],
      [unit],
      'multivariate',
      1,
    );
    expect(gathered.sigmas[0]).toBeCloseTo(1 / 5, 12);
    // One point: Optuna's 0.2 x range.
    const single = buildParzenEstimator([[0.3]], [0], [unit], 'multivariate', 1);
    expect(single.sigmas[0]).toBeCloseTo(1 / 3, 12); // 0.2 clipped up to 1 / min(100, 3)
    const points = [[0.1], [0.3], [0.8]];
    const alone = buildParzenEstimator(points, [0], [unit], 'univariate', 1);
    // The prior's centre 0.5 counts as a neighbour (Optuna's _calculate_numerical_params): sorted
    // 0.1, 0.3, 0.5, 0.8; ends take their inner gap (0.2 and 0.3), 0.3 the larger of 0.2 and 0.2.
    expect([...alone.sigmas.slice(0, 3)].map((s) => +s.toFixed(12))).toEqual([0.2, 0.2, 0.3]);
  });

  it('narrow the joint kernels as the points gather', () => {
    const spread = Array.from({ length: 30 }, (_, i) => [(i + 0.5) / 30, 0.5]);
    const gathered = spread.map(([v]) => [0.4 + v! / 5, 0.5]);
    const wide = buildParzenEstimator(spread, [0, 1], [unit, unit], 'multivariate', 1);
    const narrow = buildParzenEstimator(gathered, [0, 1], [unit, unit], 'multivariate', 1);
    expect(narrow.sigmas[0]!).toBeCloseTo(wide.sigmas[0]! / 5, 12);
  });

  it('score many points in one pass as one by one, reusing buffers', () => {
    const rng = createRng(3);
    const coordinates = [unit, threeChoices, unit];
    const points = Array.from({ length: 40 }, () => [
      rng.next(),
      threeChoices.encode(rng.int(3)),
      rng.next(),
    ]);
    const buffers = new Map();
    buildParzenEstimator(
      points.slice(0, 5),
      [0, 1, 2],
      coordinates,
      'multivariate',
      1,
      undefined,
      buffers,
    );
    const reused = buildParzenEstimator(
      points,
      [0, 1, 2],
      coordinates,
      'multivariate',
      1,
      undefined,
      buffers,
    );
    const fresh = buildParzenEstimator(points, [0, 1, 2], coordinates, 'multivariate', 1);
    const queries = Array.from({ length: 7 }, () => [rng.next(), rng.int(3), rng.next()]);
    const together = new Float64Array(7);
    logParzenDensities(reused, queries, together);
    queries.forEach((query, i) => expect(together[i]).toBe(logParzenDensity(fresh, query)));
    // Against the sum written out with Math.exp.
    const direct = (query: number[]) => {
      let sum = 0;
      for (let k = 0; k <= points.length; k++) {
        let log = fresh.constants[k]!;
        for (const [j, d] of [0, 2].entries()) {
          const z = (query[d]! - fresh.means[k * 2 + j]!) * fresh.inverseWidths[k * 2 + j]!;
          log -= z * z;
        }
        const observed = fresh.choices[k]!;
        log +=
          observed < 0
            ? -Math.log(3)
            : observed === query[1]
              ? fresh.logObserved[0]!
              : fresh.logOther[0]!;
        sum += Math.exp(log);
      }
      return Math.log(sum);
    };
    queries.forEach((query, i) => expect(together[i]).toBeCloseTo(direct(query), 7));
  });

  it('finish one point from its largest term, bit for bit, the largest term bounding it below', () => {
    const rng = createRng('largest terms');
    const coordinates = [unit, threeChoices, unit];
    for (const bandwidth of ['multivariate', 'univariate'] as const) {
      const points = Array.from({ length: 40 }, () => [
        rng.next(),
        threeChoices.encode(rng.int(3)),
        rng.next(),
      ]);
      const estimator = buildParzenEstimator(points, [0, 1, 2], coordinates, bandwidth, 1);
      const queries = Array.from({ length: 24 }, () => [rng.next(), rng.int(3), rng.next()]);
      const all = new Float64Array(queries.length);
      logParzenDensities(estimator, queries, all);
      const tops = new Float64Array(queries.length);
      largestTerms(estimator, queries, tops);
      // Finished in a scrambled order: each point reads only its own terms.
      for (const i of [5, 0, 23, 11, 7, 19, 2]) {
        expect(termsLogDensity(estimator, i, tops[i]!)).toBe(all[i]);
        expect(tops[i]!).toBeLessThanOrEqual(all[i]!);
      }
    }
  });

  it('take e^x on [-64, 0] to 1e-8 relative error', () => {
    for (let x = 0; x >= -64; x -= 0.0537) {
      expect(Math.abs(expNonPositive(x) / Math.exp(x) - 1)).toBeLessThan(1e-8);
    }
    expect(expNonPositive(0)).toBe(1);
    expect(expNonPositive(-65)).toBe(0);
  });

  it('take a log-sum-exp over a slice of terms, -Infinity when every term is', () => {
    const terms = Float64Array.from([9, -1, 2.5, -Infinity, 0.25, 7]);
    const reference = Math.log(Math.exp(-1) + Math.exp(2.5) + Math.exp(0.25));
    expect(logSumExp(terms, 1, 5)).toBeCloseTo(reference, 8);
    expect(logSumExp(terms, 2, 3)).toBe(2.5);
    expect(logSumExp(terms, 3, 4)).toBe(-Infinity);
    expect(logSumExp(terms, 3, 3)).toBe(-Infinity);
  });

  it('bracket a log-sum-exp, as computed, within 1/64 without an exponential per term', () => {
    // Terms as a density's are: a cluster near the largest, a tail, -Infinity for a weight of 0.
    const term = fc.oneof(
      fc.double({ min: -40, max: 5, noNaN: true }),
      fc.double({ min: -1e5, max: 5, noNaN: true }),
      fc.constant(-Infinity),
    );
    const bounds = new Float64Array(2);
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 3000 }), (values) => {
        const terms = Float64Array.from(values);
        const top = largestTerm(terms, 0, terms.length);
        const exact = logSumExpBelow(terms, 0, terms.length, top);
        logSumExpBounds(terms, 0, terms.length, top, bounds);
        const [lower, upper] = bounds as unknown as [number, number];
        if (top === -Infinity) return lower === -Infinity && upper === -Infinity;
        // Terms farther than 32 below the largest: 0 in the lower bound, e^-32 in the upper.
        const far = Math.log1p(terms.length * Math.exp(-32));
        const gap = 1 / 64 + 2e-6 + far + 1e-12;
        return lower <= exact && exact <= upper && upper - lower <= gap;
      }),
    );
    // Terms at the edges of the bins, where one of the two bounds is the term itself.
    for (const offset of [0, 1e-12, -1e-12]) {
      const edges = Float64Array.from({ length: 2049 }, (_, b) =>
        b === 0 ? 3 : 3 - b / 64 + offset,
      );
      const top = largestTerm(edges, 0, edges.length);
      logSumExpBounds(edges, 0, edges.length, top, bounds);
      const exact = logSumExpBelow(edges, 0, edges.length, top);
      expect(bounds[0]).toBeLessThanOrEqual(exact);
      expect(bounds[1]).toBeGreaterThanOrEqual(exact);
    }
  });

  it('put a joint kernel on each observation, so that a pair of coordinates is modelled together', () => {
    // Good points in two clusters on the diagonal: the joint density prefers (0.1, 0.1) to
    // (0.1, 0.9), though each coordinate alone is the same at both.
    const points = Array.from({ length: 20 }, (_, i) => {
      const centre = i < 10 ? 0.1 : 0.9;
      return [centre + (i % 5) * 0.01, centre - (i % 3) * 0.01];
    });
    const joint = buildParzenEstimator(points, [0, 1], [unit, unit], 'multivariate', 1);
    expect(logParzenDensity(joint, [0.1, 0.1])).toBeGreaterThan(
      logParzenDensity(joint, [0.1, 0.9]) + 1,
    );
  });

  it('smooth categorical kernels with prior / n_kernels per choice plus 1 on the observed one', () => {
    const density = buildParzenEstimator(
      [[threeChoices.encode(0)], [threeChoices.encode(2)]],
      [0],
      [threeChoices],
      'multivariate',
      1,
    );
    const share = 1 / 3;
    expect(density.choices[0]).toBe(0);
    expect(density.choices[1]).toBe(2);
    expect(density.choices[2]).toBe(-1); // the prior: uniform
    expect(Math.exp(density.logObserved[0]!)).toBeCloseTo((share + 1) / (3 * share + 1), 12);
    expect(Math.exp(density.logOther[0]!)).toBeCloseTo(share / (3 * share + 1), 12);
    let total = 0;
    for (let c = 0; c < 3; c++) total += Math.exp(logParzenDensity(density, [c]));
    expect(total).toBeCloseTo(1, 12);
  });
});

describe('the TPE split and groups', () => {
  const trial = (value: number, status: Observation['status'], step?: number): Observation => ({
    vector: [0],
    active: [true],
    value,
    status,
    ...(step === undefined ? {} : { step }),
  });

  it('ranks complete trials first, then pruned ones by the deeper step, then by value', () => {
    const observations = [
      trial(0.1, 'pruned', 3),
      trial(0.5, 'complete'),
      trial(0.2, 'pruned', 9),
      trial(0.3, 'pruned', 9),
      trial(Infinity, 'failed'),
      ...Array.from({ length: 25 }, () => trial(0, 'pruned', 1)),
    ];
    // gamma(30) = 3: the complete 0.5 trial, then the pruned ones that reached step 9.
    expect(goodTrials(observations, { goodFraction: 0.1, maxGood: 25 })).toEqual([1, 2, 3]);
  });

  it('find the same good group for a list that grows trial by trial as for a fresh list', () => {
    // Few distinct values, so that ties (kept in trial order) are common.
    const finished = fc.oneof(
      fc.record({ value: fc.integer({ min: 0, max: 5 }), status: fc.constant('complete') }),
      fc.record({ value: fc.integer({ min: 0, max: 5 }), status: fc.constant('pruned') }),
      fc.constant({ value: Infinity, status: 'failed' }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(finished, { maxLength: 9 }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0.05, max: 0.6, noNaN: true }),
        fc.integer({ min: 1, max: 6 }),
        (steps, goodFraction, maxGood) => {
          const options = { goodFraction, maxGood };
          const growing: Observation[] = [];
          for (const step of steps) {
            growing.push(...step.map((t, i) => trial(t.value, t.status, i % 3)));
            expect(goodTrials(growing, options)).toEqual(goodTrials([...growing], options));
          }
        },
      ),
    );
  });

  it('groups the coordinates that are active in the same trials', () => {
    const actives = [
      [true, true, false, false],
      [true, true, true, true],
      [true, true, false, true],
    ];
    const trials = actives.map((active) => ({ active }));
    expect(observedCoordinateGroups(4, trials, [])).toEqual([[0, 1], [2], [3]]);
  });

  it('find the same groups when refined trial by trial as when computed afresh', () => {
    // Activity patterns over 6 coordinates, few enough distinct ones that groups form.
    const pattern = fc.array(fc.boolean(), { minLength: 6, maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(fc.array(pattern, { maxLength: 12 }), { minLength: 1, maxLength: 5 }),
        fc.array(pattern, { maxLength: 3 }),
        (steps, runningActives) => {
          // One list that grows step by step, as a study's observations do.
          const observations: { active: boolean[] }[] = [];
          const running = runningActives.map((active) => ({ active }));
          for (const step of steps) {
            observations.push(...step.map((active) => ({ active })));
            const all = [...observations, ...running].map((o) => o.active);
            expect(observedCoordinateGroups(6, observations, running)).toEqual(
              coordinateGroups(6, all),
            );
          }
          // A list that shrank is read again from its start.
          observations.splice(observations.length >> 1);
          const all = [...observations, ...running].map((o) => o.active);
          expect(observedCoordinateGroups(6, observations, running)).toEqual(
            coordinateGroups(6, all),
          );
        },
      ),
    );
  });
});

describe('tpe', () => {
  const space = mixedSpace({
    parameters: {
      optimizer: { type: 'categorical', choices: ['a', 'b', 'c'] },
      rate: { type: 'real', low: 1e-4, high: 1, log: true },
      momentum: { type: 'real', low: 0, high: 1, when: { optimizer: 'a' } },
      size: { type: 'integer', low: 1, high: 64, log: true },
    },
  });
  // Best at optimizer a, rate 1e-2, momentum 0.9, size 8.
  const problem: Problem<ParameterValues> = {
    name: 'toy',
    space,
    evaluate: (x) =>
      (x.optimizer === 'a' ? 0 : 1) +
      Math.log10((x.rate as number) / 1e-2) ** 2 +
      (x.optimizer === 'a' ? ((x.momentum as number) - 0.9) ** 2 : 0) +
      0.1 * Math.log2((x.size as number) / 8) ** 2,
  };

  it('finds better configurations than random search with the same trials', async () => {
    const medians = async (solver: typeof tpe | typeof randomSearch) => {
      const values: number[] = [];
      for (let seed = 0; seed < 9; seed++) {
        values.push(
          (await minimize(problem, solver, { budget: { evaluations: 80 }, seed })).bestValue,
        );
      }
      return values.sort((a, b) => a - b)[4]!;
    };
    const [model, random] = [await medians(tpe), await medians(randomSearch)];
    expect(model).toBeLessThan(random);
  });

  it('settles on the best branch of a conditional space in most runs', async () => {
    let branchA = 0;
    for (let seed = 0; seed < 9; seed++) {
      const result = await minimize(problem, tpe, { budget: { evaluations: 100 }, seed });
      if (result.best?.optimizer === 'a' && 'momentum' in result.best) branchA++;
    }
    expect(branchA).toBeGreaterThanOrEqual(6);
  });
});
