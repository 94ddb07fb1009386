// CMA-ES: the default constants against values computed independently from Hansen's formulas,
// one update replayed against a trajectory recorded with the `cmaes` package, the restart
// regimes, termination, and solving a few problems.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cmaEs, reflectUnit, type CmaEsState } from '../../src/algorithms/cma-es/cma-es.js';
import {
  decompositionGap,
  resampleLimit,
  type CmaRun,
  sampleGeneration,
  startRun,
  updateDistribution,
} from '../../src/algorithms/cma-es/distribution.js';
import { createLedger, nextRun, recordRun } from '../../src/algorithms/cma-es/restarts.js';
import {
  defaultPopulationSize,
  strategyParameters,
} from '../../src/algorithms/cma-es/strategy-parameters.js';
import { terminationReason } from '../../src/algorithms/cma-es/termination.js';
import { parseState, stringifyState } from '../../src/core/json.js';
import type { Problem } from '../../src/core/problem.js';
import { createRng, type Rng } from '../../src/core/rng.js';
import { realSpace } from '../../src/core/spaces/index.js';
import { minimize } from '../../src/runners/minimize.js';

// Computed in Python (float64) from eq. 48-56 of Hansen's tutorial, negative weights included.
const EXPECTED = {
  2: {
    lambda: 6,
    mu: 3,
    mueff: 2.0286114646100617,
    c1: 0.1548153998964136,
    cmu: 0.057859085071916304,
    cs: 0.44620498737831715,
    ds: 1.4462049873783172,
    cc: 0.6245545390268264,
    chi: 1.254272742818995,
    weights: [
      0.6370425712412168, 0.28457025743803294, 0.07838717132075033, -0.28638378259655295,
      -0.7649580940851275, -1.1559817781589212,
    ],
  },
  10: {
    lambda: 10,
    mu: 5,
    mueff: 3.1672992814107026,
    c1: 0.015283824524751714,
    cmu: 0.02015428276120838,
    cs: 0.2844285879463675,
    ds: 1.2844285879463675,
    cc: 0.29499038303562225,
    chi: 3.0847265651690123,
    weights: [
      0.45627264690340597, 0.2707530970017852, 0.16223111715866978, 0.08523354710016448,
      0.025509591835974777, -0.08532086250759853, -0.236476601148097, -0.3674136577116645,
      -0.4829083267842344, -0.5862218287788354,
    ],
  },
  30: {
    lambda: 14,
    mu: 7,
    mueff: 4.287135066190703,
    c1: 0.002032567555409164,
    cmu: 0.004902115344258389,
    cs: 0.1600303777712012,
    ds: 1.160030377771201,
    cc: 0.1208343808271565,
    chi: 5.431871828887874,
    weights: [
      0.36114811172448114, 0.23690947946564317, 0.16423453845333721, 0.11267084720680524,
      0.07267494101230595, 0.039995906194499296, 0.012366175942927797, -0.035639144082980585,
      -0.10068071157320653, -0.15886237629065939, -0.2114940940732921, -0.25954308786386565,
      -0.3037438774277962, -0.34466741659061806,
    ],
  },
} as const;

const close = (actual: number, expected: number, tolerance = 1e-15): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );
};

describe('cma-es strategy parameters', () => {
  for (const n of [2, 10, 30] as const) {
    it(`equal the formulas at n = ${n}`, () => {
      const e = EXPECTED[n];
      const lambda = defaultPopulationSize(n);
      expect(lambda).toBe(e.lambda);
      const c = strategyParameters(n, lambda);
      expect(c.parents).toBe(e.mu);
      close(c.effectiveMass, e.mueff);
      close(c.rankOneRate, e.c1);
      close(c.rankMuRate, e.cmu);
      close(c.stepSizeLearningRate, e.cs);
      close(c.stepSizeDamping, e.ds);
      close(c.pathLearningRate, e.cc);
      close(c.expectedNormLength, e.chi);
      expect(c.weights).toHaveLength(lambda);
      c.weights.forEach((w, i) => close(w, e.weights[i] as number));
      close(
        c.weights.slice(0, c.parents).reduce((s, w) => s + w, 0),
        1,
      );
    });
  }
});

interface Trajectory {
  initialMean: number[];
  initialStepSize: number;
  populationSize: number;
  generations: {
    points: number[][];
    values: number[];
    mean: number[];
    stepSize: number;
    stepPath: number[];
    covariancePath: number[];
    covariance: number[][];
  }[];
}

describe('cma-es update', () => {
  it('replays a trajectory recorded with the cmaes package, generation by generation', () => {
    const url = new URL('../fixtures/cma-es/trajectory.json', import.meta.url);
    const trajectory = JSON.parse(readFileSync(url, 'utf8')) as Trajectory;
    const run = startRun(
      trajectory.initialMean,
      trajectory.initialStepSize,
      trajectory.populationSize,
    );
    const rng = createRng(1);
    for (const generation of trajectory.generations) {
      // Sampling refreshes the eigendecomposition; the recorded points then replace the draws.
      sampleGeneration(run, rng);
      run.points = generation.points.map((p) => p.slice());
      updateDistribution(run, generation.values);
      generation.mean.forEach((m, i) => close(run.mean[i] as number, m, 1e-12));
      close(run.stepSize, generation.stepSize, 1e-12);
      generation.stepPath.forEach((p, i) => close(run.stepPath[i] as number, p, 1e-12));
      generation.covariancePath.forEach((p, i) => close(run.covariancePath[i] as number, p, 1e-12));
      generation.covariance.forEach((row, i) =>
        row.forEach((c, j) => close((run.covariance[i] as number[])[j] as number, c, 1e-12)),
      );
    }
  });
});

describe('cma-es restarts', () => {
  it('IPOP multiplies the population at every restart', () => {
    const ledger = createLedger(10);
    const rng = createRng(1);
    const sizes = [1, 2, 3].map(() => nextRun(ledger, 'ipop', 2, rng).populationSize);
    expect(sizes).toEqual([20, 40, 80]);
  });

  it('BIPOP runs the regime that has used fewer evaluations, small runs within [default, large]', () => {
    const ledger = createLedger(10);
    const rng = createRng(3);
    // The first run counts in the small regime's budget: with no large run yet, a large one follows.
    recordRun(ledger, 1000);
    const first = nextRun(ledger, 'bipop', 2, rng);
    expect(first).toEqual({ populationSize: 20, stepSizeFactor: 1, generationLimit: null });
    recordRun(ledger, 4000);
    let smallEvaluations = 1000;
    while (ledger.evaluationsSmall < ledger.evaluationsLarge) {
      const next = nextRun(ledger, 'bipop', 2, rng);
      expect(ledger.regime).toBe('small');
      // floor(10 (20 / (2 x 10))^(U^2)): half the large population, here the default.
      expect(next.populationSize).toBe(10);
      expect(next.stepSizeFactor).toBeGreaterThanOrEqual(0.01);
      expect(next.stepSizeFactor).toBeLessThanOrEqual(1);
      // A small run may use at most half of what the large regime has used.
      expect(next.generationLimit).toBe(Math.floor(2000 / next.populationSize));
      recordRun(ledger, 800);
      smallEvaluations += 800;
    }
    expect(smallEvaluations).toBe(4200);
    expect(nextRun(ledger, 'bipop', 2, rng)).toEqual({
      populationSize: 40,
      stepSizeFactor: 1,
      generationLimit: null,
    });
  });

  it('BIPOP small runs draw lambda between the default and half the large population', () => {
    const ledger = createLedger(10);
    const rng = createRng(8);
    recordRun(ledger, 100);
    for (let i = 0; i < 4; i++) nextRun(ledger, 'ipop', 2, rng);
    expect(ledger.largePopulation).toBe(160);
    ledger.regime = 'large';
    recordRun(ledger, 100_000);
    const sizes = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const next = nextRun(ledger, 'bipop', 2, rng);
      expect(ledger.regime).toBe('small');
      expect(next.populationSize).toBeGreaterThanOrEqual(10);
      expect(next.populationSize).toBeLessThanOrEqual(80);
      sizes.add(next.populationSize);
    }
    expect(Math.max(...sizes)).toBeGreaterThan(60);
  });

  it('reports convergence without restarts, and restarts from a new mean with them', async () => {
    const flat: Problem<number[]> = {
      name: 'flat',
      space: realSpace({ lower: [0, 0, 0], upper: [1, 1, 1] }),
      evaluate: () => 1,
    };
    const once = await minimize(flat, cmaEs, {
      budget: { evaluations: 50_000 },
      seed: 1,
      params: { restarts: 'none' },
    });
    expect(once.stopReason).toBe('converged');
    expect(once.evaluations).toBeLessThan(1000);
    const restarted = await minimize(flat, cmaEs, { budget: { evaluations: 3000 }, seed: 1 });
    expect(restarted.stopReason).toBe('evaluations');
  });
});

describe('cma-es sampling', () => {
  it("decomposes C every max(1, floor(1 / (10 n (c1 + cmu)))) generations (Hansen's lazy gap)", () => {
    for (const [n, lambda] of [
      [2, 6],
      [10, 10],
      [30, 14],
      [300, 21],
      [1000, 24],
    ] as const) {
      const c = strategyParameters(n, lambda);
      const formula = Math.floor(1 / (10 * n * (c.rankOneRate + c.rankMuRate)));
      expect(decompositionGap(c)).toBe(Math.max(1, formula));
    }
    expect(decompositionGap(strategyParameters(10, 10))).toBe(1);
    expect(decompositionGap(strategyParameters(1000, 24))).toBeGreaterThan(1);
  });
});

describe('cma-es termination', () => {
  it('stops on a flat history and on a collapsed step, not on a fresh run', () => {
    const run = startRun([0.5, 0.5], 0.3, 6);
    const tolerances = { functionTolerance: 1e-12, stepTolerance: 1e-12 };
    expect(terminationReason(run, tolerances)).toBeNull();
    run.recentBest = new Array<number>(40).fill(2);
    expect(terminationReason(run, tolerances)).toBe('function-tolerance');
    run.recentBest = [];
    run.stepSize = 1e-15;
    expect(terminationReason(run, tolerances)).toBe('step-tolerance');
  });

  it('stops when the best and k-th best values are equal in over a third of recent generations', () => {
    // n = 2, lambda = 6: window 10 + ceil(60 / 6) = 20 generations, k = 1 + ceil(0.1 + 1.5) = 3.
    const run = startRun([0.5, 0.5], 0.3, 6);
    const tolerances = { functionTolerance: 0, stepTolerance: 1e-12 };
    const rng = createRng(2);
    for (let g = 0; g < 20; g++) {
      sampleGeneration(run, rng);
      // Distinct best values each generation; a plateau behind the best in 7 of 20.
      const plateau = g % 3 === 0;
      updateDistribution(run, [g, plateau ? g : g + 1, plateau ? g : g + 2, 50, 60, 70]);
    }
    expect(run.equalBest.reduce((s, f) => s + f, 0)).toBe(7);
    expect(terminationReason(run, tolerances)).toBe('equal-values');
    run.equalBest = run.equalBest.map((f, i) => (i < 14 ? 0 : f));
    expect(terminationReason(run, tolerances)).not.toBe('equal-values');
  });

  it('stops on stagnation: neither the best nor the median values improved over the window', () => {
    // n = 2, lambda = 6: the window is 120 + 10 = 130 generations.
    const run = startRun([0.5, 0.5], 0.3, 6);
    const tolerances = { functionTolerance: 0, stepTolerance: 0 };
    run.generation = 130;
    const noisy = Array.from({ length: 130 }, (_, i) => 1 + ((i * 7919) % 13) / 13);
    run.bestHistory = noisy.slice();
    run.medianHistory = noisy.map((v) => v + 1);
    expect(terminationReason(run, tolerances)).toBe('stagnation');
    // Improving medians alone keep the run going.
    run.medianHistory = noisy.map((v, i) => v + 1 - i / 10);
    expect(terminationReason(run, tolerances)).toBeNull();
    // Too short a history: no verdict yet.
    run.medianHistory = noisy.map((v) => v + 1).slice(1);
    run.bestHistory = noisy.slice(1);
    expect(terminationReason(run, tolerances)).toBeNull();
  });

  it('stops a small BIPOP run at its generation limit', () => {
    const run = startRun([0.5, 0.5], 0.3, 6, 3);
    const tolerances = { functionTolerance: 1e-12, stepTolerance: 1e-12 };
    run.generation = 2;
    expect(terminationReason(run, tolerances)).toBeNull();
    run.generation = 3;
    expect(terminationReason(run, tolerances)).toBe('generation-limit');
  });
});

describe('cma-es bounds', () => {
  it('resamples points outside the unit box and clips after 10 n failed draws', () => {
    const inside = startRun([0.9, 0.9, 0.9], 0.3, 50);
    const points = sampleGeneration(inside, createRng(4), 'resample');
    expect(points).toHaveLength(50);
    for (const point of points) for (const x of point) expect(x >= 0 && x <= 1).toBe(true);
    // Far outside: no draw lands inside, so every point is clipped onto the box.
    const outside = startRun([5, -5, 0.5], 1e-3, 6);
    for (const point of sampleGeneration(outside, createRng(4), 'resample')) {
      expect(point[0]).toBe(1);
      expect(point[1]).toBe(0);
      expect(Math.abs((point[2] as number) - 0.5)).toBeLessThan(0.01);
    }
    // Reflection leaves the draws as they are (folded only when decoded).
    const reflected = sampleGeneration(startRun([5, -5, 0.5], 1e-3, 6), createRng(4), 'reflect');
    expect(reflected.every((p) => (p[0] as number) > 4)).toBe(true);
  });

  it('redraws a sample at most min(10 n, 300) times', () => {
    // Every deviate of this generator is 0 (one draw each), so each draw is the mean: outside.
    const drawsOfGeneration = (n: number): number => {
      let calls = 0;
      const zeros = { next: () => (calls++, 0.25) } as unknown as Rng;
      const run = startRun(new Array<number>(n).fill(2), 0.1, 2);
      const points = sampleGeneration(run, zeros, 'resample');
      expect(points.every((point) => point.every((x) => x === 1))).toBe(true);
      return calls / (2 * n);
    };
    expect(resampleLimit(3)).toBe(30);
    expect(resampleLimit(30)).toBe(300);
    expect(resampleLimit(1000)).toBe(300);
    for (const n of [3, 30, 31, 100]) expect(drawsOfGeneration(n)).toBe(1 + resampleLimit(n));
  });

  it('draws the same points whatever order it last checked the coordinates in', () => {
    // Near the lower face in coordinates 3 and 5: most draws leave the box there, so the run's
    // workspace learns to check them first. A copy restored from JSON starts from 0, 1, 2...
    const mean = [0.5, 0.5, 0.5, 0.02, 0.5, 0.01, 0.5, 0.5];
    const learned = startRun(mean, 0.2, 10);
    sampleGeneration(learned, createRng(4), 'resample');
    const fresh = parseState<CmaRun>(stringifyState(learned));
    expect(sampleGeneration(fresh, createRng(5), 'resample')).toEqual(
      sampleGeneration(learned, createRng(5), 'resample'),
    );
  });

  it('keeps every evaluated point inside the bounds with either handling', async () => {
    const space = realSpace({ lower: [-1, 2, 0], upper: [1, 3, 10] });
    for (const boundHandling of ['resample', 'reflect'] as const) {
      const seen: number[][] = [];
      const problem: Problem<number[]> = {
        name: 'corner',
        space,
        evaluate: (x) => {
          seen.push(x);
          return -x[0]! - x[1]! - x[2]!;
        },
      };
      await minimize(problem, cmaEs, {
        budget: { evaluations: 2000 },
        seed: 3,
        params: { boundHandling },
      });
      for (const x of seen) {
        x.forEach((v, i) => {
          expect(v).toBeGreaterThanOrEqual(space.vectorLower[i] as number);
          expect(v).toBeLessThanOrEqual(space.vectorUpper[i] as number);
        });
      }
    }
  });
});

describe('cma-es as a solver', () => {
  it('folds coordinates back into the unit box by reflection', () => {
    expect([0.25, 1.25, -0.25, 2.25, -1.75, 1].map(reflectUnit)).toEqual([
      0.25, 0.75, 0.25, 0.25, 0.25, 1,
    ]);
  });

  it('solves an ill-conditioned ellipsoid and Rosenbrock in 10-D', async () => {
    const d = 10;
    const space = realSpace({
      lower: new Array<number>(d).fill(-5),
      upper: new Array<number>(d).fill(5),
    });
    const ellipsoid: Problem<number[]> = {
      name: 'ellipsoid',
      space,
      evaluate: (x) => x.reduce((s, v, i) => s + 10 ** ((6 * i) / (d - 1)) * (v - 1) ** 2, 0),
    };
    const rosenbrock: Problem<number[]> = {
      name: 'rosenbrock',
      space,
      evaluate: (x) => {
        let s = 0;
        for (let i = 0; i < d - 1; i++)
          s +=
            100 * ((x[i + 1] as number) - (x[i] as number) ** 2) ** 2 + (1 - (x[i] as number)) ** 2;
        return s;
      },
    };
    for (const problem of [ellipsoid, rosenbrock]) {
      const result = await minimize(problem, cmaEs, { budget: { evaluations: 20_000 }, seed: 2 });
      expect(result.bestValue).toBeLessThan(1e-10);
    }
  });

  it('asks whole generations whose size follows the restarts', () => {
    const sizes: number[] = [];
    const space = realSpace({ lower: [-1, -1], upper: [1, 1] });
    const problem: Problem<number[]> = {
      name: 'abs',
      space,
      evaluate: (x) => Math.abs(x[0] as number) + Math.abs(x[1] as number),
    };
    const rng = createRng(5);
    const context = { space, gradients: false, budget: {} };
    const state: CmaEsState = cmaEs.init(
      context,
      { ...cmaEs.defaultParams, restarts: 'ipop' },
      rng,
    );
    for (let g = 0; g < 400; g++) {
      const xs = cmaEs.ask(state, context, rng);
      sizes.push(xs.length);
      cmaEs.tell(
        state,
        context,
        xs,
        xs.map((x) => problem.evaluate(x) as number),
        rng,
      );
    }
    expect(sizes[0]).toBe(6);
    expect(new Set(sizes).size).toBeGreaterThan(1);
    expect(state.stops.length).toBeGreaterThan(0);
    // IPOP: 6, then 12, 24, 48... (never a size that is not the default times a power of two).
    expect(sizes.every((s) => Number.isInteger(Math.log2(s / 6)))).toBe(true);
  });
});
