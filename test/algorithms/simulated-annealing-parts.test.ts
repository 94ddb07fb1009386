// Simulated annealing's parts: cooling schedules and cycles (temperature sequences, reheats,
// restarts), the automatic initial temperature, exact acceptance rules, step control, the
// generalized visiting distribution, adapted covariance steps and in-place tour moves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generalizedProbability,
  metropolisAccepts,
  metropolisProbability,
} from '../../src/algorithms/simulated-annealing/acceptance.js';
import {
  recordTrial,
  startCooling,
  type CoolingSettings,
} from '../../src/algorithms/simulated-annealing/cooling-cycle.js';
import {
  adaptiveTemperature,
  scheduledTemperature,
  targetAcceptanceAt,
} from '../../src/algorithms/simulated-annealing/cooling-schedules.js';
import {
  createCovarianceSteps,
  sampleStep,
  updateSteps,
} from '../../src/algorithms/simulated-annealing/covariance-steps.js';
import {
  initialTemperature,
  kirkpatrickTemperature,
  uphillAcceptance,
} from '../../src/algorithms/simulated-annealing/initial-temperature.js';
import { coranaStep, successScale } from '../../src/algorithms/simulated-annealing/step-control.js';
import {
  applyOrOptInPlace,
  reverseTourSegment,
} from '../../src/algorithms/simulated-annealing/tour-moves.js';
import {
  iterationBelowRatio,
  studentT,
  visitingDegrees,
  visitingScale,
  visitingTemperature,
  wrapIntoRange,
} from '../../src/algorithms/simulated-annealing/visiting-distribution.js';
import { applyOrOpt, applyTwoOpt } from '../../src/algorithms/operators/permutation.js';
import { createRng, type Rng } from '../../src/core/rng.js';

/** An Rng whose next() returns the given values in turn (only next() is supported). */
function scriptedRng(values: number[]): Rng {
  const queue = values.slice();
  const rng = createRng(0);
  return Object.assign(Object.create(rng) as Rng, {
    next: () => {
      const value = queue.shift();
      if (value === undefined) throw new Error('scriptedRng: no more values');
      return value;
    },
  });
}

const settings = (overrides: Partial<CoolingSettings> = {}): CoolingSettings => ({
  schedule: 'geometric',
  movesPerTemperature: 5,
  finalTemperatureRatio: 1e-3,
  coolingRate: null,
  targetAcceptance: 0.44,
  reheatAfter: 0,
  reheatTemperatureRatio: 0.1,
  restartAfter: 0,
  ...overrides,
});

describe('cooling schedules', () => {
  it('geometric: T0 r^(k/K), from T0 to T0 * finalRatio; with a cooling rate, T0 a^k', () => {
    const temperatures = Array.from({ length: 11 }, (_, k) =>
      scheduledTemperature('geometric', 100, k, 10, 1e-3),
    );
    expect(temperatures[0]).toBe(100);
    expect(temperatures[10]).toBeCloseTo(0.1, 12);
    for (let k = 1; k <= 10; k++) {
      expect((temperatures[k] as number) / (temperatures[k - 1] as number)).toBeCloseTo(
        Math.pow(1e-3, 0.1),
        12,
      );
    }
    expect(scheduledTemperature('geometric', 100, 3, 10, 1e-3, 0.9)).toBeCloseTo(72.9, 12);
  });

  it('linear: equal steps from T0 down to T0 * finalRatio', () => {
    const temperatures = Array.from({ length: 5 }, (_, k) =>
      scheduledTemperature('linear', 10, k, 4, 0.2),
    );
    expect(temperatures).toEqual([10, 8, 6, 4, 2].map((t) => expect.closeTo(t, 12) as number));
  });

  it('logarithmic: T0 ln 2 / ln(k + 2); fast: T0 / (1 + k)', () => {
    expect(scheduledTemperature('logarithmic', 5, 0, 100, 1e-3)).toBeCloseTo(5, 12);
    expect(scheduledTemperature('logarithmic', 5, 1, 100, 1e-3)).toBeCloseTo(
      (5 * Math.LN2) / Math.log(3),
      12,
    );
    expect(scheduledTemperature('logarithmic', 5, 1000, 100, 1e-3)).toBeCloseTo(
      (5 * Math.LN2) / Math.log(1002),
      12,
    );
    expect([0, 1, 4, 99].map((k) => scheduledTemperature('fast', 8, k, 10, 1e-3))).toEqual([
      8, 4, 1.6, 0.08,
    ]);
  });

  it('adaptive: rises below the target acceptance, falls above it, holds at the target', () => {
    expect(adaptiveTemperature(1, 0.1, 0.44)).toBeGreaterThan(1);
    expect(adaptiveTemperature(1, 0.9, 0.44)).toBeLessThan(1);
    expect(adaptiveTemperature(3, 0.44, 0.44)).toBe(3);
    // Lam & Delosme's curve: 1 at the start, the target from 15% to 65%, target / 440 at the end.
    expect(targetAcceptanceAt(0, 0.44)).toBeCloseTo(1, 12);
    expect(targetAcceptanceAt(0.3, 0.44)).toBe(0.44);
    expect(targetAcceptanceAt(0.64, 0.44)).toBe(0.44);
    expect(targetAcceptanceAt(1, 0.44)).toBeCloseTo(0.44 / 440, 12);
  });
});

describe('cooling cycles', () => {
  it('follows the schedule level by level over a planned run', () => {
    for (const schedule of ['geometric', 'linear', 'logarithmic', 'fast'] as const) {
      const state = startCooling(settings({ schedule }), 50, 100, 0);
      const seen: number[] = [state.temperature];
      for (let trial = 1; trial <= 99; trial++) {
        recordTrial(state, false, false);
        if (trial % 5 === 0) seen.push(state.temperature);
      }
      const expected = Array.from({ length: 20 }, (_, k) =>
        scheduledTemperature(schedule, 50, k, 20, 1e-3),
      );
      expect(seen).toEqual(expected);
    }
  });

  it('adaptive: the temperature follows the acceptance rate of each level', () => {
    const state = startCooling(settings({ schedule: 'adaptive' }), 10, 1000, 0);
    for (let k = 0; k < 5; k++) recordTrial(state, true, false);
    const afterAccepting = state.temperature;
    expect(afterAccepting).toBeLessThan(10);
    for (let k = 0; k < 5; k++) recordTrial(state, false, false);
    expect(state.temperature).toBeGreaterThan(afterAccepting);
  });

  it('without a run length, cycles double and start again from the best at reheatTemperatureRatio * T0', () => {
    const state = startCooling(settings(), 20, 0, 30);
    const restarts: number[] = [];
    for (let trial = 1; trial <= 210; trial++) {
      if (recordTrial(state, false, false) === 'restart') restarts.push(trial);
    }
    expect(restarts).toEqual([30, 90, 210]);
    expect(state.cycleLength).toBe(240);
    expect(state.temperature).toBeCloseTo(2, 12);
    expect(state.cycleTemperature).toBeCloseTo(2, 12);
  });

  it('reheats after reheatAfter proposals without improvement', () => {
    const state = startCooling(
      settings({ reheatAfter: 40, reheatTemperatureRatio: 0.5 }),
      10,
      100,
      0,
    );
    for (let trial = 1; trial < 50; trial++) recordTrial(state, false, trial === 10);
    expect(state.reheats).toBe(0);
    expect(state.temperature).toBeLessThan(1);
    recordTrial(state, false, false);
    expect(state.reheats).toBe(1);
    expect(state.cycleStart).toBe(50);
    expect(state.temperature).toBe(5);
    // The reheated cycle cools again over what is left of the planned run.
    expect(state.cycleLength).toBe(50);
    for (let trial = 51; trial < 90; trial++) recordTrial(state, false, false);
    expect(state.reheats).toBe(1);
    recordTrial(state, false, false);
    expect(state.reheats).toBe(2);
  });

  it('asks for a restart from the best after restartAfter proposals without improvement', () => {
    const state = startCooling(settings({ restartAfter: 25 }), 10, 1000, 0);
    const restarts: number[] = [];
    for (let trial = 1; trial <= 100; trial++) {
      if (recordTrial(state, true, trial === 30) === 'restart') restarts.push(trial);
    }
    expect(restarts).toEqual([25, 55, 80]);
    expect(state.restarts).toBe(3);
  });
});

describe('initial temperature', () => {
  it('Kirkpatrick: an average uphill move is accepted with probability chi0', () => {
    const transitions = [1, 2, 3].map((delta) => ({ before: 5, after: 5 + delta }));
    const t = kirkpatrickTemperature(transitions, 0.8);
    expect(Math.exp(-2 / t)).toBeCloseTo(0.8, 12);
  });

  it('Ben-Ameur: the sampled uphill transitions are accepted with probability chi0', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            before: fc.double({ min: -1e3, max: 1e3, noNaN: true }),
            rise: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (draws, chi0) => {
          const transitions = draws.map((d) => ({ before: d.before, after: d.before + d.rise }));
          const t = initialTemperature(transitions, chi0) as number;
          expect(t).toBeGreaterThan(0);
          expect(Math.abs(uphillAcceptance(transitions, t) - chi0)).toBeLessThan(2e-3);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('equal rises give -delta / ln(chi0) exactly; no uphill move gives undefined', () => {
    const transitions = [0, 3, -7].map((before) => ({ before, after: before + 2 }));
    expect(initialTemperature(transitions, 0.5)).toBeCloseTo(-2 / Math.log(0.5), 9);
    expect(initialTemperature([{ before: 1, after: 1 }], 0.8)).toBeUndefined();
    expect(initialTemperature([{ before: 1, after: Infinity }], 0.8)).toBeUndefined();
  });
});

describe('acceptance', () => {
  it('Metropolis: 1 downhill, exp(-delta / T) uphill, 0 for failed values', () => {
    expect(metropolisProbability(-3, 1)).toBe(1);
    expect(metropolisProbability(0, 1)).toBe(1);
    expect(metropolisProbability(2, 4)).toBe(Math.exp(-0.5));
    expect(metropolisProbability(Infinity, 4)).toBe(0);
    expect(metropolisProbability(NaN, 4)).toBe(0);
    expect(metropolisProbability(1, 0)).toBe(0);
  });

  it('Metropolis decision: accepts exactly when the uniform draw is below exp(-delta / T)', () => {
    const p = Math.exp(-0.5);
    expect(metropolisAccepts(2, 4, scriptedRng([p - 1e-12]))).toBe(true);
    expect(metropolisAccepts(2, 4, scriptedRng([p]))).toBe(false);
    // Downhill moves draw nothing.
    expect(metropolisAccepts(-1, 4, scriptedRng([]))).toBe(true);
  });

  it('Metropolis decision: the same decision and the same draws as the probability rule, for any exponent and draw', () => {
    // Reference: draw only when the probability is positive; accept when the draw is below it.
    const reference = (delta: number, temperature: number, u: number): [boolean, number] => {
      const p = metropolisProbability(delta, temperature);
      return p > 0 && delta > 0 ? [u < p, 1] : [p > 0, 0];
    };
    const exponent = fc.oneof(
      fc.double({ min: 0, max: 30, noNaN: true }),
      fc.double({ min: 20, max: 800, noNaN: true }),
      fc.constantFrom(23, 24, 24.000001, 745, 745.1332191019411, 745.2, 746, Infinity),
    );
    const draw = fc.oneof(
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      fc.constantFrom(0, 2 ** -32, Math.exp(-23), Math.exp(-24), Math.exp(-30), 1e-300),
    );
    fc.assert(
      fc.property(exponent, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), draw, (x, t, u) => {
        const delta = x * t;
        let draws = 0;
        const rng = { next: () => (draws++, u) } as unknown as Rng;
        const [accepted, expectedDraws] = reference(delta, t, u);
        expect(metropolisAccepts(delta, t, rng)).toBe(accepted);
        expect(draws).toBe(expectedDraws);
      }),
    );
    // The edge of the shortcut: exactly at the bound, a probability just above 0.
    expect(metropolisAccepts(24.5, 1, scriptedRng([Math.exp(-24.5) * (1 - 1e-12)]))).toBe(true);
    expect(metropolisAccepts(24.5, 1, scriptedRng([Math.exp(-24.5)]))).toBe(false);
    expect(metropolisAccepts(700, 1, scriptedRng([0]))).toBe(true);
    expect(metropolisAccepts(800, 1, scriptedRng([]))).toBe(false);
  });

  it('generalized: [1 - (1 - qa) delta / T]^(1 / (1 - qa)), 0 past the cut-off, Metropolis as qa -> 1', () => {
    expect(generalizedProbability(0.1, 1, -5)).toBeCloseTo(Math.pow(0.4, 1 / 6), 14);
    expect(generalizedProbability(1 / 6, 1, -5)).toBe(0);
    expect(generalizedProbability(1, 1, -5)).toBe(0);
    expect(generalizedProbability(-1, 1, -5)).toBe(1);
    expect(generalizedProbability(0.7, 2, 1)).toBe(Math.exp(-0.35));
    expect(generalizedProbability(0.7, 2, 1 - 1e-9)).toBeCloseTo(Math.exp(-0.35), 6);
  });
});

describe('step control', () => {
  it("Corana's update keeps acceptance between 40% and 60%", () => {
    expect(coranaStep(1, 0.8)).toBeCloseTo(2, 12);
    expect(coranaStep(1, 1)).toBeCloseTo(3, 12);
    expect(coranaStep(1, 0.2)).toBeCloseTo(0.5, 12);
    expect(coranaStep(1, 0)).toBeCloseTo(1 / 3, 12);
    expect(coranaStep(1, 0.5)).toBe(1);
  });

  it('the success rule settles at its target rate and respects its cap', () => {
    let factor = 0.5;
    factor = successScale(factor, true, 0.2, 0.3, 1);
    for (let k = 0; k < 4; k++) factor = successScale(factor, false, 0.2, 0.3, 1);
    expect(factor).toBeCloseTo(0.5, 12);
    expect(successScale(0.99, true, 0.2, 0.3, 1)).toBe(1);
  });
});

describe('generalized visiting distribution', () => {
  it('Student t deviates: T² / (nu + T²) has the mean and variance of Beta(1/2, nu/2), signs balanced', () => {
    const rng = createRng(4);
    const n = 40_000;
    for (const degrees of [visitingDegrees(2.62), 0.5, 1, 3, 12]) {
      let sum = 0;
      let squares = 0;
      let positive = 0;
      for (let k = 0; k < n; k++) {
        const t = studentT(degrees, rng);
        const b = (t * t) / (degrees + t * t);
        sum += b;
        squares += b * b;
        if (t > 0) positive++;
      }
      const a = 0.5;
      const c = degrees / 2;
      const mean = a / (a + c);
      const variance = (a * c) / ((a + c) ** 2 * (a + c + 1));
      const spread = Math.sqrt(variance / n);
      expect(Math.abs(sum / n - mean)).toBeLessThan(5 * spread);
      expect(Math.abs(squares / n - (sum / n) ** 2 - variance)).toBeLessThan(0.1 * variance);
      expect(Math.abs(positive / n - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / n));
    }
  });

  it('Student t deviates: half of |t| below 1 for Cauchy (nu = 1), 60.9% for nu = 3', () => {
    const rng = createRng(9);
    const share = (degrees: number): number => {
      let inside = 0;
      for (let k = 0; k < 20_000; k++) if (Math.abs(studentT(degrees, rng)) < 1) inside++;
      return inside / 20_000;
    };
    expect(share(1)).toBeCloseTo(0.5, 1);
    expect(share(3)).toBeCloseTo(0.609, 1);
  });

  it('the distorted Cauchy-Lorentz form: nu = (3 - q) / (q - 1), scale T^(1 / (3 - q)) / sqrt(3 - q)', () => {
    expect(visitingDegrees(2.62)).toBeCloseTo(0.38 / 1.62, 14);
    expect(visitingDegrees(2)).toBe(1);
    expect(visitingScale(4, 2)).toBe(4);
    expect(visitingScale(0.5, 2.62)).toBeCloseTo(Math.pow(0.5, 1 / 0.38) / Math.sqrt(0.38), 14);
  });

  it('the temperature starts at T(1) = T0, falls, and crosses the restart ratio where computed', () => {
    expect(visitingTemperature(5230, 2.62, 1)).toBeCloseTo(5230, 9);
    let previous = Infinity;
    for (let t = 1; t < 50; t++) {
      const temperature = visitingTemperature(5230, 2.62, t);
      expect(temperature).toBeLessThan(previous);
      previous = temperature;
    }
    for (const ratio of [2e-5, 5e-5, 1e-3]) {
      const t = iterationBelowRatio(2.62, ratio);
      expect(visitingTemperature(1, 2.62, t)).toBeLessThanOrEqual(ratio);
      expect(visitingTemperature(1, 2.62, t - 1)).toBeGreaterThan(ratio);
    }
  });

  it('wraps coordinates around the box', () => {
    expect(wrapIntoRange(12, 0, 10)).toBeCloseTo(2, 12);
    expect(wrapIntoRange(-3, 0, 10)).toBeCloseTo(7, 12);
    expect(wrapIntoRange(5, 0, 10)).toBe(5);
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (v) => {
        const w = wrapIntoRange(v, -5.12, 5.12);
        expect(w).toBeGreaterThanOrEqual(-5.12);
        expect(w).toBeLessThanOrEqual(5.12);
      }),
    );
  });
});

describe('adapted covariance steps', () => {
  it('keeps the factor and its inverse consistent through rank-one updates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1000 }), (d, seed) => {
        const rng = createRng(seed);
        const steps = createCovarianceSteps(
          Array.from({ length: d }, () => rng.uniform(0.5, 2)),
          0.3,
        );
        for (let k = 0; k < 30; k++) updateSteps(steps, sampleStep(steps, rng), rng.bool(0.4));
        for (let i = 0; i < d; i++) {
          for (let j = 0; j < d; j++) {
            let sum = 0;
            for (let k = 0; k < d; k++)
              sum += (steps.factor[i * d + k] as number) * (steps.inverse[k * d + j] as number);
            expect(sum).toBeCloseTo(i === j ? 1 : 0, 8);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('learns the direction of repeated successes, and shrinks on failures', () => {
    const steps = createCovarianceSteps([1, 1], 1);
    for (let k = 0; k < 200; k++) updateSteps(steps, [steps.scale, steps.scale], true);
    // C = A A^T now stretches along (1, 1): its off-diagonal term is large and positive.
    const [a, b, c, e] = steps.factor as [number, number, number, number];
    const c01 = a * c + b * e;
    const c00 = a * a + b * b;
    expect(c01 / c00).toBeGreaterThan(0.9);
    const before = steps.scale;
    for (let k = 0; k < 10; k++) updateSteps(steps, [0, 0], false);
    expect(steps.scale).toBeLessThan(before);
  });

  it('switches to a diagonal covariance in high dimension', () => {
    const steps = createCovarianceSteps(new Array<number>(150).fill(1), 0.1);
    expect(steps.diagonal).toBe(true);
    expect(steps.factor).toHaveLength(150);
    const rng = createRng(1);
    updateSteps(steps, sampleStep(steps, rng), true);
    expect(steps.factor.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
  });
});

describe('in-place tour moves', () => {
  const length = (tour: readonly number[], points: readonly [number, number][]): number => {
    let total = 0;
    for (let k = 0; k < tour.length; k++) {
      const [ax, ay] = points[tour[k] as number] as [number, number];
      const [bx, by] = points[tour[(k + 1) % tour.length] as number] as [number, number];
      total += Math.hypot(ax - bx, ay - by);
    }
    return total;
  };

  it('2-opt by the shorter side gives the same closed tour, with positions kept', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 4, max: 30 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 0, max: n - 1 }),
              fc.integer({ min: 0, max: n - 1 }),
              fc.integer({ min: 0, max: 10_000 }),
            ),
          ),
        ([n, p, q, seed]) => {
          fc.pre(p !== q);
          const i = Math.min(p, q);
          const j = Math.max(p, q);
          const rng = createRng(seed);
          const points = Array.from(
            { length: n },
            () => [rng.next(), rng.next()] as [number, number],
          );
          const tour = rng.permutation(n);
          const position = new Int32Array(n);
          tour.forEach((city, k) => (position[city] = k));
          const expected = applyTwoOpt(tour.slice(), i, j);
          const moved = tour.slice();
          reverseTourSegment(moved, position, i, j);
          expect(length(moved, points)).toBeCloseTo(length(expected, points), 9);
          moved.forEach((city, k) => expect(position[city]).toBe(k));
        },
      ),
    );
  });

  it('Or-opt in place equals the reference operator', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 5, max: 25 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 1, max: 3 }),
              fc.integer({ min: 0, max: n - 1 }),
              fc.integer({ min: 0, max: n - 1 }),
              fc.boolean(),
              fc.integer({ min: 0, max: 10_000 }),
            ),
          ),
        ([n, segment, start, j, reversed, seed]) => {
          const i = Math.min(start, n - segment);
          fc.pre(!(j >= i && j < i + segment) && j !== (i - 1 + n) % n);
          const tour = createRng(seed).permutation(n);
          const moved = tour.slice();
          applyOrOptInPlace(moved, i, segment, j, reversed);
          expect(moved).toEqual(applyOrOpt(tour, i, segment, j, reversed));
        },
      ),
    );
  });
});
