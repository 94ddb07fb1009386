// The Gaussian-process sampler: its Cholesky factor and solves, the regression against a
// two-point posterior worked out by hand, the logarithm of the expected improvement against
// numerical integration and across its branches, the scalarized values (dominance kept, failed
// and infeasible trials above every feasible one), and its search on small problems.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choleskyFactor, solveLower, solveUpper } from '../../src/algorithms/operators/cholesky.js';
import {
  logExpectedImprovement,
  logExpectedImprovementFactor,
} from '../../src/algorithms/gaussian-process/expected-improvement.js';
import {
  fitGaussianProcess,
  matern52,
  predict,
} from '../../src/algorithms/gaussian-process/gp-regression.js';
import { scalarizedValues } from '../../src/algorithms/gaussian-process/scalarized-values.js';
import { createRng } from '../../src/core/rng.js';
import { realSpace } from '../../src/core/spaces/real.js';
import { integerSpace } from '../../src/core/spaces/integer.js';
import { minimize } from '../../src/runners/minimize.js';

describe('Cholesky factor', () => {
  it('factors random positive definite matrices and solves with them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 49, maxLength: 49 }),
        (n, entries) => {
          // A = B B' + I is positive definite.
          const matrix = new Float64Array(n * n);
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++) {
              let sum = i === j ? 1 : 0;
              for (let k = 0; k < n; k++)
                sum += (entries[i * 7 + k] as number) * (entries[j * 7 + k] as number);
              matrix[i * n + j] = sum;
            }
          const factor = choleskyFactor(matrix, n);
          expect(factor).toBeDefined();
          const b = Float64Array.from({ length: n }, (_, i) => i - 1.5);
          const x = solveUpper(factor!, n, solveLower(factor!, n, b));
          for (let i = 0; i < n; i++) {
            let product = 0;
            for (let j = 0; j < n; j++) product += (matrix[i * n + j] as number) * (x[j] as number);
            expect(product).toBeCloseTo(b[i] as number, 9);
          }
        },
      ),
    );
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(choleskyFactor(Float64Array.from([1, 2, 2, 1]), 2)).toBeUndefined();
    expect(choleskyFactor(Float64Array.from([0]), 1)).toBeUndefined();
  });
});

describe('Gaussian-process regression', () => {
  it('matches the two-point posterior worked out by hand', () => {
    // Inputs 0.2 and 0.7 on a line, values 1 and 3, one length scale and one noise.
    const grid = { lengthScales: [0.5], noises: [0.01] };
    const model = fitGaussianProcess(
      Float64Array.from([0.2, 0.7]),
      Float64Array.from([1, 3]),
      1,
      grid,
    );
    expect(model).toBeDefined();
    const k12 = matern52(0.5 / 0.5);
    const a = 1.01;
    // By symmetry the generalized least squares mean is the average, 2; (y - mean) = (-1, 1).
    expect(model!.mean).toBeCloseTo(2, 12);
    const inverse = [a, -k12, -k12, a].map((v) => v / (a * a - k12 * k12));
    const weights = [inverse[0]! * -1 + inverse[1]! * 1, inverse[2]! * -1 + inverse[3]! * 1];
    const signalVariance = (-1 * weights[0]! + 1 * weights[1]!) / 2;
    expect(model!.signalVariance).toBeCloseTo(signalVariance, 12);
    const at = 0.4;
    const k = [matern52(0.2 / 0.5), matern52(0.3 / 0.5)];
    const mean = 2 + k[0]! * weights[0]! + k[1]! * weights[1]!;
    const explained =
      k[0]! * (inverse[0]! * k[0]! + inverse[1]! * k[1]!) +
      k[1]! * (inverse[2]! * k[0]! + inverse[3]! * k[1]!);
    const out = new Float64Array(2);
    predict(model!, Float64Array.from([at]), new Float64Array(2), out);
    expect(out[0]).toBeCloseTo(mean, 12);
    expect(out[1]).toBeCloseTo(Math.sqrt(signalVariance * (1 - explained)), 12);
  });

  it('interpolates noise-free data and chooses the likelier length scale', () => {
    const rng = createRng(3);
    const inputs = Float64Array.from({ length: 40 }, () => rng.next());
    // A smooth function of two coordinates: the long length scales fit it best.
    const values = Float64Array.from({ length: 20 }, (_, i) => {
      const x = inputs[2 * i] as number;
      const y = inputs[2 * i + 1] as number;
      return Math.sin(3 * x) + y * y;
    });
    const model = fitGaussianProcess(inputs, values, 2)!;
    expect(model.noise).toBe(1e-6);
    expect(model.lengthScale).toBeGreaterThan(0.2 * Math.SQRT2);
    const out = new Float64Array(2);
    for (let i = 0; i < 20; i++) {
      predict(model, inputs.subarray(2 * i, 2 * i + 2), new Float64Array(20), out);
      expect(out[0]).toBeCloseTo(values[i] as number, 3);
      expect(out[1]).toBeLessThan(0.01);
    }
  });
});

describe('log expected improvement', () => {
  // EI = integral of (best - y) N(y; mean, sd) over y < best, by Simpson's rule.
  function integrated(mean: number, sd: number, best: number): number {
    const low = mean - 40 * sd;
    if (best <= low) return 0;
    const steps = 20_000;
    const h = (best - low) / steps;
    let sum = 0;
    for (let i = 0; i <= steps; i++) {
      const y = low + i * h;
      const f =
        ((best - y) * Math.exp(-0.5 * ((y - mean) / sd) ** 2)) / (sd * Math.sqrt(2 * Math.PI));
      sum += f * (i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2);
    }
    return (sum * h) / 3;
  }

  it('equals the integral of the improvement', () => {
    for (const [mean, sd, best] of [
      [0, 1, 0],
      [1, 0.5, 0],
      [-2, 2, 1],
      [3, 1, 0],
      [0.3, 0.1, 0],
    ] as const) {
      const expected = Math.log(integrated(mean, sd, best));
      expect(Math.abs(logExpectedImprovement(mean, sd, best) - expected)).toBeLessThan(1e-5);
    }
  });

  it('increases with z, continuous across its branches, finite far in the tail', () => {
    let previous = -Infinity;
    for (let z = -60; z <= 6; z += 0.001) {
      const value = logExpectedImprovementFactor(z);
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThan(previous);
      if (previous !== -Infinity) expect(value - previous).toBeLessThan(0.07);
      previous = value;
    }
    for (const edge of [-8, -1]) {
      const gap =
        logExpectedImprovementFactor(edge + 1e-9) - logExpectedImprovementFactor(edge - 1e-9);
      expect(Math.abs(gap)).toBeLessThan(1e-4);
    }
  });
});

describe('scalarized values', () => {
  const trial = (values: number[], violation = 0) => ({
    vector: [0],
    value: NaN,
    evaluation: { values, violation },
  });

  it('keeps dominance under every weight draw and puts infeasible, then failed trials above', () => {
    const trials = [
      trial([1, 4]),
      trial([2, 2]),
      trial([3, 3]),
      trial([0, 0], 0.5),
      trial([0, 0], 2),
      trial([Infinity, Infinity], Infinity),
    ];
    for (let seed = 0; seed < 50; seed++) {
      const values = scalarizedValues(trials, 2, createRng(seed))!;
      // (2, 2) dominates (3, 3): lower under any weights (the augmentation makes it strict).
      expect(values[1]).toBeLessThan(values[2] as number);
      const feasibleWorst = Math.max(values[0]!, values[1]!, values[2]!);
      expect(values[3]).toBeGreaterThan(feasibleWorst);
      expect(values[4]).toBeGreaterThan(values[3] as number);
      expect(values[5]).toBeGreaterThan(values[4] as number);
    }
  });

  it('models one objective as it is, and nothing before a feasible trial', () => {
    const single = [
      { vector: [0], value: 2 },
      { vector: [0], value: Infinity },
      { vector: [0], value: -1 },
    ];
    expect(Array.from(scalarizedValues(single, 1, createRng(1))!)).toEqual([2, 5, -1]);
    expect(scalarizedValues([{ vector: [0], value: Infinity }], 1, createRng(1))).toBeUndefined();
  });
});

describe('the Gaussian-process sampler', () => {
  it('finds the minimum of a smooth function in few trials', async () => {
    const result = await minimize(
      {
        name: 'quadratic',
        space: realSpace({ lower: [-5, -5], upper: [5, 5] }),
        evaluate: ([x, y]: number[]) => (x! - 1.2) ** 2 + 2 * (y! + 0.7) ** 2,
      },
      'gaussian-process',
      { budget: { evaluations: 40 }, seed: 1 },
    );
    // Random search needs about 10^4 trials for this precision on this box.
    expect(result.bestValue).toBeLessThan(1e-2);
  });

  it('is not thrown off by trials whose values diverged', async () => {
    // A fifth of the box returns about 1e12 (a diverged training run): standardized as they
    // are, those values would flatten all the others (best 0.19 after 40 trials).
    const result = await minimize(
      {
        name: 'diverging',
        space: realSpace({ lower: [-5, -5], upper: [5, 5] }),
        evaluate: ([x, y]: number[]) =>
          x! > 3.5 ? 1e12 * (x! - 1) : (x! - 1.2) ** 2 + 2 * (y! + 0.7) ** 2,
      },
      'gaussian-process',
      { budget: { evaluations: 40 }, seed: 1 },
    );
    expect(result.bestValue).toBeLessThan(0.01);
  });

  it('scores integer candidates where they decode, and never repeats one', async () => {
    const seen = new Set<string>();
    let repeats = 0;
    let evaluations = 0;
    await minimize(
      {
        name: 'grid',
        space: integerSpace({ lower: [0, 0], upper: [6, 6] }),
        evaluate: (x: number[]) => {
          const key = x.join(',');
          // The first 10 trials are random draws, which may repeat one another.
          if (evaluations++ >= 10 && seen.has(key)) repeats++;
          seen.add(key);
          return (x[0]! - 4) ** 2 + (x[1]! - 2) ** 2;
        },
      },
      'gaussian-process',
      { params: { batchSize: 1 }, budget: { evaluations: 30 }, seed: 2 },
    );
    expect(seen.has('4,2')).toBe(true);
    expect(repeats).toBe(0);
  });
});
