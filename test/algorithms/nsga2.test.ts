// NSGA-II: SBX and polynomial mutation stay in bounds, tournaments follow the comparison, the
// run improves the front on ZDT1, and the same seed gives the same front for any worker count.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryTournament } from '../../src/algorithms/nsga2/offspring.js';
import { polynomialMutation } from '../../src/algorithms/operators/polynomial-mutation.js';
import { simulatedBinaryCrossover } from '../../src/algorithms/operators/simulated-binary-crossover.js';
import { createRng } from '../../src/core/rng.js';
import { buildProblem } from '../../src/problems/build.js';
import { minimize } from '../../src/runners/minimize.js';

const vector = (n: number) =>
  fc.array(fc.double({ min: -2, max: 3, noNaN: true }), { minLength: n, maxLength: n });

describe('real variation', () => {
  it('keeps SBX children and mutants within the bounds', () => {
    fc.assert(
      fc.property(vector(5), vector(5), fc.integer(), (a, b, seed) => {
        const rng = createRng(seed);
        const lower = new Array<number>(5).fill(-2);
        const upper = new Array<number>(5).fill(3);
        const children = simulatedBinaryCrossover(
          a,
          b,
          lower,
          upper,
          { distributionIndex: 15, variableProbability: 0.5 },
          rng,
        );
        for (const child of [...children, polynomialMutation(a, lower, upper, 1, 20, rng)]) {
          for (const v of child) {
            expect(v).toBeGreaterThanOrEqual(-2);
            expect(v).toBeLessThanOrEqual(3);
          }
        }
      }),
    );
  });

  it('spreads SBX children symmetrically around the parents, nearer for larger eta', () => {
    const rng = createRng(3);
    const spread = (eta: number): number => {
      let total = 0;
      for (let k = 0; k < 2000; k++) {
        const [c1, c2] = simulatedBinaryCrossover(
          [0.4],
          [0.6],
          [0],
          [1],
          { distributionIndex: eta, variableProbability: 1 },
          rng,
        );
        // The children's mean is the parents' mean away from the bounds.
        expect(((c1[0] as number) + (c2[0] as number)) / 2).toBeCloseTo(0.5, 1);
        total += Math.abs((c1[0] as number) - (c2[0] as number));
      }
      return total / 2000;
    };
    expect(spread(50)).toBeLessThan(spread(2));
  });

  it('gives the tournament to the better of two distinct individuals', () => {
    const rng = createRng(1);
    const wins = new Array<number>(4).fill(0);
    for (let k = 0; k < 4000; k++) {
      const winner = binaryTournament(4, (i, j) => i - j, rng);
      wins[winner] = (wins[winner] as number) + 1;
    }
    // Individual i wins against each larger index: probabilities 3/6, 2/6, 1/6, 0.
    expect(wins[3]).toBe(0);
    expect((wins[0] as number) / 4000).toBeCloseTo(0.5, 1);
  });
});

describe('nsga2 on ZDT1', () => {
  it('moves the front toward the exact one and reports it', async () => {
    const problem = await buildProblem({ type: 'zdt1' }, { baseDir: '.' });
    const short = await minimize(problem, 'nsga2', {
      budget: { evaluations: 100 },
      seed: 4,
      referencePoint: [11, 11],
    });
    const long = await minimize(problem, 'nsga2', {
      budget: { evaluations: 3000 },
      seed: 4,
      referencePoint: [11, 11],
    });
    expect(long.hypervolume as number).toBeGreaterThan(short.hypervolume as number);
    expect(long.igd as number).toBeLessThan(short.igd as number);
    expect(long.paretoFront?.[0]).toEqual({
      number: expect.any(Number),
      parameters: expect.any(Array),
      values: { f1: expect.any(Number), f2: expect.any(Number) },
    });
  });

  it('gives the same front for 1 and 2 worker threads', async () => {
    const problem = await buildProblem({ type: 'zdt2', dimension: 8 }, { baseDir: '.' });
    const options = { budget: { evaluations: 400 }, seed: 11, params: { populationSize: 20 } };
    const serial = await minimize(problem, 'nsga2', { ...options, workers: 1 });
    const parallel = await minimize(problem, 'nsga2', { ...options, workers: 2 });
    expect(parallel.paretoFront).toEqual(serial.paretoFront);
    expect(parallel.hypervolume).toBe(serial.hypervolume);
  }, 60_000);
});
