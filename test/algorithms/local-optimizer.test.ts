// The continuous local optimizers (quasi-Newton, pattern search) driven by ask/tell: convergence,
// bounds, budgets, failures, finite differences and JSON round trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  gradientFromStencil,
  gradientStencil,
} from '../../src/algorithms/operators/local-optimizer/finite-differences.js';
import {
  localAsk,
  localBest,
  localDone,
  localEvaluations,
  localInit,
  localStopReason,
  localTell,
  type LocalOptimizerOptions,
  type LocalOptimizerState,
} from '../../src/algorithms/operators/local-optimizer/local-optimizer.js';
import { parseState, stringifyState } from '../../src/core/json.js';

type Objective = (x: readonly number[]) => number;

const sphere: Objective = (x) => x.reduce((s, v) => s + v * v, 0);
const rosenbrock: Objective = (x) => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i] as number;
    const b = x[i + 1] as number;
    s += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
  }
  return s;
};

/** Runs a local optimizer to the end; returns the state and every point it asked. */
function run(
  f: Objective,
  x0: number[],
  lower: number[],
  upper: number[],
  options: LocalOptimizerOptions,
  value0?: number,
): { state: LocalOptimizerState; asked: number[][] } {
  const state = localInit(x0, value0, { lower, upper }, options);
  const asked: number[][] = [];
  for (let guard = 0; !localDone(state) && guard < 100_000; guard++) {
    const points = localAsk(state);
    expect(points.length).toBeGreaterThan(0);
    asked.push(...points);
    localTell(state, points.map(f));
  }
  expect(localDone(state)).toBe(true);
  return { state, asked };
}

const box = (d: number, lo: number, hi: number): [number[], number[]] => [
  new Array<number>(d).fill(lo),
  new Array<number>(d).fill(hi),
];

describe('quasi-Newton local optimizer', () => {
  it('converges on sphere (d = 10) in a few iterations', () => {
    const [lower, upper] = box(10, -5, 5);
    const x0 = lower.map((_, i) => 4 - 0.7 * i);
    const { state } = run(sphere, x0, lower, upper, { method: 'quasi-newton' });
    expect(localBest(state).value).toBeLessThan(1e-16);
    expect(localEvaluations(state)).toBeLessThan(200);
  });

  it('converges on rosenbrock (d = 2 and 5) below 1e-10 within a budget', () => {
    for (const d of [2, 5]) {
      const [lower, upper] = box(d, -5, 10);
      const x0 = new Array<number>(d).fill(-1.2);
      const { state } = run(rosenbrock, x0, lower, upper, {
        method: 'quasi-newton',
        maxEvaluations: 3000,
      });
      expect(localBest(state).value).toBeLessThan(1e-10);
      expect(localBest(state).x.every((v) => Math.abs(v - 1) < 1e-4)).toBe(true);
    }
  });

  it('stops at a bound when the unconstrained minimum lies outside the box', () => {
    // Minimum at (3, -2); the box holds x0 in [0, 1] and x1 in [-1, 1]: the answer is (1, -1).
    const f: Objective = ([a = 0, b = 0]) => (a - 3) ** 2 + (b + 2) ** 2 + 0.5 * a * b;
    const { state, asked } = run(f, [0.2, 0.3], [0, -1], [1, 1], { method: 'quasi-newton' });
    const { x } = localBest(state);
    expect(x[0]).toBe(1);
    expect(x[1]).toBe(-1);
    for (const p of asked) {
      expect(p[0]).toBeGreaterThanOrEqual(0);
      expect(p[0]).toBeLessThanOrEqual(1);
      expect(p[1]).toBeGreaterThanOrEqual(-1);
      expect(p[1]).toBeLessThanOrEqual(1);
    }
  });

  it('asks the first point x0 with its gradient stencil when f(x0) is unknown', () => {
    const state = localInit([1, 2, 3], undefined, { lower: [-5, -5, -5], upper: [5, 5, 5] });
    const points = localAsk(state);
    expect(points[0]).toEqual([1, 2, 3]);
    expect(points.length).toBe(4);
    const known = localInit([1, 2, 3], 14, { lower: [-5, -5, -5], upper: [5, 5, 5] });
    expect(localAsk(known).length).toBe(3);
    const central = localInit(
      [1, 2, 3],
      14,
      { lower: [-5, -5, -5], upper: [5, 5, 5] },
      {
        differences: 'central',
      },
    );
    expect(localAsk(central).length).toBe(6);
  });

  it('never moves a fixed coordinate (lower = upper) and asks no stencil point for it', () => {
    const { state, asked } = run(sphere, [2, 0.5, -3], [-5, 0.5, -5], [5, 0.5, 5], {});
    for (const p of asked) expect(p[1]).toBe(0.5);
    const [a = 1, b, c = 1] = localBest(state).x;
    expect(b).toBe(0.5);
    expect(Math.abs(a) + Math.abs(c)).toBeLessThan(1e-7);
  });

  it('survives failed evaluations (Infinity and NaN) and still improves', () => {
    let calls = 0;
    const flaky: Objective = (x) => {
      calls++;
      if (calls % 9 === 0) return Infinity;
      if (calls % 13 === 0) return NaN;
      return sphere(x);
    };
    const [lower, upper] = box(4, -5, 5);
    const { state } = run(flaky, [3, -2, 1, 4], lower, upper, { maxEvaluations: 2000 });
    expect(localBest(state).value).toBeLessThan(1e-6);
  });

  it('stops without asking anything more when started on a failed point', () => {
    const { state } = run(() => Infinity, [1, 1], [-2, -2], [2, 2], {});
    expect(localStopReason(state)).toBe('line-search');
    expect(localBest(state).value).toBe(Infinity);
  });
});

describe('pattern search (Hooke-Jeeves)', () => {
  it('converges on sphere and rosenbrock (d = 3)', () => {
    const [lower, upper] = box(3, -5, 10);
    const s = run(sphere, [4, -3, 2], lower, upper, { method: 'pattern' });
    expect(localBest(s.state).value).toBeLessThan(1e-12);
    expect(localStopReason(s.state)).toBe('converged');
    const r = run(rosenbrock, [-1.2, 1, 2], lower, upper, { method: 'pattern' });
    expect(localBest(r.state).value).toBeLessThan(1e-8);
  });

  it('finds the minimum of a non-smooth function', () => {
    const f: Objective = (x) => x.reduce((s, v, i) => s + Math.abs(v - i), 0);
    const [lower, upper] = box(4, -10, 10);
    const { state } = run(f, [5, -5, 5, -5], lower, upper, { method: 'pattern' });
    expect(localBest(state).value).toBeLessThan(1e-8);
  });
});

describe('every local optimizer', () => {
  const methods = ['quasi-newton', 'pattern'] as const;

  it('asks only points inside the box and never more than maxEvaluations', () => {
    const boxes = fc
      .array(
        fc.tuple(
          fc.double({ min: -100, max: 100, noNaN: true }),
          fc.double({ min: 0, max: 50, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
        ),
        {
          minLength: 1,
          maxLength: 5,
        },
      )
      .map((rows) => ({
        lower: rows.map(([lo]) => lo),
        upper: rows.map(([lo, width]) => lo + width),
        x0: rows.map(([lo, width, t]) => lo + t * width),
      }));
    fc.assert(
      fc.property(
        boxes,
        fc.constantFrom(...methods),
        fc.integer({ min: 1, max: 300 }),
        ({ lower, upper, x0 }, method, maxEvaluations) => {
          // A quadratic whose minimum may lie outside the box.
          const f: Objective = (x) => x.reduce((s, v, i) => s + (v - 20 + 7 * i) ** 2, 0);
          const { state, asked } = run(f, x0, lower, upper, { method, maxEvaluations });
          expect(asked.length).toBeLessThanOrEqual(maxEvaluations);
          expect(localEvaluations(state)).toBe(asked.length);
          for (const p of asked) {
            p.forEach((v, i) => {
              expect(v).toBeGreaterThanOrEqual(lower[i] as number);
              expect(v).toBeLessThanOrEqual(upper[i] as number);
            });
          }
          // The reported best is the best value told.
          const values = asked.map(f);
          expect(localBest(state).value).toBe(Math.min(...values));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps a state that survives a JSON round trip mid-run', () => {
    for (const method of methods) {
      const [lower, upper] = box(3, -5, 10);
      const a = localInit([3, -4, 7], undefined, { lower, upper }, { method });
      for (let k = 0; k < 5; k++) localTell(a, localAsk(a).map(rosenbrock));
      const b = parseState<LocalOptimizerState>(stringifyState(a));
      for (let k = 0; k < 20 && !localDone(a); k++) {
        const pa = localAsk(a);
        expect(localAsk(b)).toEqual(pa);
        localTell(a, pa.map(rosenbrock));
        localTell(b, pa.map(rosenbrock));
      }
      expect(localBest(b)).toEqual(localBest(a));
    }
  });
});

describe('finite-difference gradients', () => {
  const f: Objective = ([a = 0, b = 0, c = 0]) => Math.sin(a) * b * b + Math.exp(0.3 * c) + a * c;
  const exact = ([a = 0, b = 0, c = 0]: number[]): number[] => [
    Math.cos(a) * b * b + c,
    2 * Math.sin(a) * b,
    0.3 * Math.exp(0.3 * c) + a,
  ];

  it('match the analytic gradient inside the box and at its bounds', () => {
    const lower = [-1, -2, 0];
    const upper = [1, 2, 1];
    for (const x of [
      [0.3, -0.7, 0.5],
      [1, 2, 0],
      [-1, -2, 1],
    ]) {
      for (const scheme of ['forward', 'central'] as const) {
        const step = scheme === 'forward' ? 1.5e-8 : 6e-6;
        const stencil = gradientStencil(x, lower, upper, scheme, step);
        for (const p of stencil.points) {
          p.forEach((v, i) => {
            expect(v).toBeGreaterThanOrEqual(lower[i] as number);
            expect(v).toBeLessThanOrEqual(upper[i] as number);
          });
        }
        const g = gradientFromStencil(3, stencil.entries, f(x), stencil.points.map(f));
        const tolerance = scheme === 'forward' ? 1e-6 : 1e-9;
        g.forEach((v, i) => expect(Math.abs(v - (exact(x)[i] as number))).toBeLessThan(tolerance));
      }
    }
  });
});

describe('tiny evaluation budgets', () => {
  it('evaluates x0 alone when a gradient does not fit in maxEvaluations', () => {
    const [lower, upper] = box(5, -1, 1);
    const { state, asked } = run(sphere, [0.5, 0.5, 0.5, 0.5, 0.5], lower, upper, {
      maxEvaluations: 3,
    });
    expect(asked).toEqual([[0.5, 0.5, 0.5, 0.5, 0.5]]);
    expect(localStopReason(state)).toBe('evaluations');
    expect(localBest(state).value).toBe(1.25);
  });

  it('reports convergence at once when every coordinate is fixed', () => {
    const { state, asked } = run(sphere, [0.5, 2], [0.5, 2], [0.5, 2], {});
    expect(asked).toEqual([[0.5, 2]]);
    expect(localStopReason(state)).toBe('converged');
  });
});
