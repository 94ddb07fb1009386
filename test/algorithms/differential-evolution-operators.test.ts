// Differential-evolution operators: strategy formulas, crossovers with scripted draws, bound
// handling (fast-check), the success-history memory, population reduction and initial designs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/core/rng.js';
import {
  createMemory,
  improvementWeights,
  plannedPopulationSize,
  sampleCrossoverRate,
  sampleDifferentialWeight,
  updateJadeMeans,
  updateMemory,
  weightedLehmerMean,
} from '../../src/algorithms/differential-evolution/adaptation.js';
import { makeTrials } from '../../src/algorithms/differential-evolution/generation.js';
import { DEFAULT_PARAMS } from '../../src/algorithms/differential-evolution/params.js';
import { initialVectors } from '../../src/algorithms/differential-evolution/population.js';
import { BOUND_HANDLINGS, repairTrial } from '../../src/algorithms/operators/de-bounds.js';
import {
  binomialCrossover,
  exponentialCrossover,
} from '../../src/algorithms/operators/de-crossover.js';
import {
  DONOR_COUNT,
  MUTATION_STRATEGIES,
  chooseDonors,
  mutantVector,
  type MutationStrategy,
} from '../../src/algorithms/operators/de-mutation.js';

/** An Rng whose every method draws from the given uniforms in order (NaN once they run out). */
function scriptedRng(draws: number[]): Rng {
  const next = (): number => draws.shift() ?? NaN;
  const rng: Rng = {
    seed: 'scripted',
    next,
    uniform: (low, high) => low + (high - low) * next(),
    int: (n) => Math.floor(next() * n),
    integer: (low, high) => low + Math.floor(next() * (high - low + 1)),
    normal: (mean = 0, sd = 1) =>
      mean + sd * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    cauchy: (location = 0, scale = 1) => location + scale * Math.tan(Math.PI * (next() - 0.5)),
    bool: (probability = 0.5) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)] as never,
    shuffle: (items) => items,
    permutation: (n) => Array.from({ length: n }, (_, i) => i),
    fork: () => rng,
    getState: () => createRng(0).getState(),
  };
  return rng;
}

describe('mutation strategies', () => {
  const vectors = {
    current: [1, 2],
    best: [3, 0],
    pbest: [2, 2],
    donors: [
      [0, 1],
      [4, 4],
      [1, -1],
      [2, 0],
      [-1, 3],
    ],
  };
  // Worked by hand with F = 0.5.
  const expected: Record<MutationStrategy, number[]> = {
    'rand/1': [1.5, 3.5], // r1 + F (r2 - r3)
    'rand/2': [3, 2], // r1 + F (r2 - r3 + r4 - r5)
    'best/1': [1, -1.5], // best + F (r1 - r2)
    'best/2': [0.5, -2], // best + F (r1 - r2 + r3 - r4)
    'current-to-best/1': [0, -0.5], // x + F (best - x + r1 - r2)
    'current-to-pbest/1': [-0.5, 0.5], // x + F (pbest - x + r1 - r2)
    'rand-to-best/1': [3, 3], // r1 + F (best - r1 + r2 - r3)
  };
  for (const strategy of MUTATION_STRATEGIES) {
    it(`${strategy} builds the mutant of its formula`, () => {
      const donors = vectors.donors.slice(0, DONOR_COUNT[strategy]);
      expect(mutantVector(strategy, { ...vectors, donors }, 0.5)).toEqual(expected[strategy]);
    });
  }

  it('draws distinct donors other than the target; only the last may come from the archive', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 6, max: 20 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 1000 }),
        (count, size, archiveSize, seed) => {
          const target = seed % size;
          const donors = chooseDonors(count, target, size, archiveSize, createRng(seed));
          expect(donors).toHaveLength(count);
          expect(new Set(donors).size).toBe(count);
          expect(donors).not.toContain(target);
          donors.slice(0, -1).forEach((k) => expect(k).toBeLessThan(size));
          expect(donors[count - 1]).toBeLessThan(size + archiveSize);
        },
      ),
    );
  });
});

describe('crossover', () => {
  it('binomial: the forced coordinate and the draws below CR come from the mutant', () => {
    // int(4) <- 0.6 forces coordinate 2 (no draw for it); draws 0.1, 0.9, 0.3 for 0, 1, 3.
    const rng = scriptedRng([0.6, 0.1, 0.9, 0.3]);
    expect(binomialCrossover([0, 0, 0, 0], [1, 2, 3, 4], 0.5, rng)).toEqual([1, 0, 3, 4]);
  });

  it('exponential: a run from a random start while draws stay below CR', () => {
    // Start int(4) <- 0.5 = 2; 0.2 < 0.5 continues to 3; 0.7 stops.
    expect(
      exponentialCrossover([0, 0, 0, 0], [1, 2, 3, 4], 0.5, scriptedRng([0.5, 0.2, 0.7])),
    ).toEqual([0, 0, 3, 4]);
    // CR = 1 copies all n coordinates, wrapping around, and draws no more than n - 1 times.
    expect(
      exponentialCrossover([0, 0, 0, 0], [1, 2, 3, 4], 1, scriptedRng([0.9, 0.1, 0.1, 0.1])),
    ).toEqual([1, 2, 3, 4]);
  });

  it('binomial: the same trial as the plain rule, draw for draw, ties and signed zeros included', () => {
    // The crossover reads its comparison as an index instead of branching on it: this checks
    // the result against `j === forced || u < CR ? mutant : target`, with draws equal to CR.
    const value = fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, -1));
    const unit = fc.oneof(
      fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((k) => k / 2 ** 32),
      fc.constantFrom(0, 0.5, 1 - 2 ** -32),
    );
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 12 })
          .chain((n) =>
            fc.tuple(
              fc.array(value, { minLength: n, maxLength: n }),
              fc.array(value, { minLength: n, maxLength: n }),
              fc.array(unit, { minLength: n, maxLength: n }),
              fc.oneof(unit, fc.constantFrom(0, 1)),
              fc.boolean(),
            ),
          ),
        ([target, mutant, draws, drawnRate, rateIsADraw]) => {
          const n = target.length;
          // Often CR equals one of the draws, so that u < CR is decided by a tie.
          const rate = rateIsADraw ? (draws[n - 1] as number) : drawnRate;
          const forced = Math.floor((draws[0] as number) * n);
          let next = 1;
          const expected = target.map((t, j) =>
            j === forced || (draws[next++] as number) < rate ? (mutant[j] as number) : t,
          );
          const trial = binomialCrossover(target, mutant, rate, scriptedRng([...draws]));
          expect(trial.map((v) => (Object.is(v, -0) ? '-0' : v))).toEqual(
            expected.map((v) => (Object.is(v, -0) ? '-0' : v)),
          );
        },
      ),
    );
  });

  it('binomial with CR = 0 changes exactly one coordinate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer(), (n, seed) => {
        const trial = binomialCrossover(
          new Array(n).fill(0),
          new Array(n).fill(1),
          0,
          createRng(seed),
        );
        expect(trial.reduce((s, v) => s + v, 0)).toBe(1);
      }),
    );
  });
});

describe('a generation', () => {
  it('builds each generation from scripted draws as DE/rand/1/bin prescribes', () => {
    // 1-D population 0, 1, 2, 3; F = 0.5. Per member: three donor draws (int(4), a draw equal to
    // the target or a chosen donor is redrawn), then the forced coordinate of the crossover.
    const draws = [
      [0.1, 0.3, 0.6, 0.8, 0], // target 0: 0 is redrawn; donors 1, 2, 3 -> 1 + 0.5 (2 - 3)
      [0.1, 0.6, 0.9, 0], // target 1: donors 0, 2, 3 -> 0 + 0.5 (2 - 3)
      [0.9, 0.3, 0.8, 0.1, 0], // target 2: 3, 1, (3 again: redrawn), 0 -> 3 + 0.5 (1 - 0)
      [0.55, 0, 0.3, 0], // target 3: donors 2, 0, 1 -> 2 + 0.5 (0 - 1)
    ].flat();
    const population = {
      vectors: [[0], [1], [2], [3]],
      values: [3, 2, 1, 0],
      archive: [],
      memory: createMemory(1),
    };
    const trials = makeTrials(
      population,
      { ...DEFAULT_PARAMS, variant: 'classic', strategy: 'rand/1', differentialWeight: 0.5 },
      [-10],
      [10],
      scriptedRng(draws),
    );
    expect(trials.vectors).toEqual([[0.5], [-0.5], [3.5], [1.5]]);
    expect(draws).toEqual([]);
  });
});

describe('bound handling', () => {
  const box = fc
    .array(
      fc.tuple(
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 0, max: 1e3, noNaN: true }),
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((pairs) => ({ lower: pairs.map(([lo]) => lo), upper: pairs.map(([lo, w]) => lo + w) }));

  for (const rule of BOUND_HANDLINGS) {
    it(`${rule} brings every coordinate into the box and keeps those inside`, () => {
      fc.assert(
        fc.property(
          box,
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
          fc.array(fc.oneof(fc.double({ noNaN: false }), fc.double({ min: -5e3, max: 5e3 })), {
            minLength: 6,
            maxLength: 6,
          }),
          fc.integer(),
          ({ lower, upper }, at, raw, seed) => {
            const parent = lower.map(
              (lo, j) => lo + (at[j] as number) * ((upper[j] as number) - lo),
            );
            const trial = lower.map((_, j) => raw[j] as number);
            const repaired = repairTrial(
              trial.slice(),
              parent,
              lower,
              upper,
              rule,
              createRng(seed),
            );
            repaired.forEach((v, j) => {
              expect(v).toBeGreaterThanOrEqual(lower[j] as number);
              expect(v).toBeLessThanOrEqual(upper[j] as number);
              const t = trial[j] as number;
              if (t >= (lower[j] as number) && t <= (upper[j] as number)) expect(v).toBe(t);
            });
          },
        ),
      );
    });
  }

  it('midpoint goes halfway from the parent to the violated bound, clip to the bound, reflect mirrors', () => {
    const rng = createRng(1);
    expect(repairTrial([-6, 13], [4, 4], [0, 0], [10, 10], 'midpoint', rng)).toEqual([2, 7]);
    expect(repairTrial([-6, 13], [4, 4], [0, 0], [10, 10], 'clip', rng)).toEqual([0, 10]);
    expect(repairTrial([-6, 13], [4, 4], [0, 0], [10, 10], 'reflect', rng)).toEqual([6, 7]);
  });
});

describe('success-history adaptation', () => {
  // Two successes: F = 0.5 and 1.0, CR = 0.2 and 0.6, improvements 1 and 3 (weights 1/4, 3/4).
  const successes = {
    count: 2,
    differentialWeights: [0.5, 1],
    crossoverRates: [0.2, 0.6],
    improvements: [1, 3],
  };

  it('weights improvements and takes weighted Lehmer means (L-SHADE)', () => {
    expect(improvementWeights([1, 3])).toEqual([0.25, 0.75]);
    // (1/4 0.25 + 3/4 1) / (1/4 0.5 + 3/4 1) = 0.8125 / 0.875
    expect(weightedLehmerMean([0.5, 1], [0.25, 0.75])).toBeCloseTo(0.8125 / 0.875, 15);
    const memory = createMemory(3);
    updateMemory(memory, successes, true);
    expect(memory.differentialWeights[0]).toBeCloseTo(0.8125 / 0.875, 15);
    // (1/4 0.04 + 3/4 0.36) / (1/4 0.2 + 3/4 0.6) = 0.28 / 0.5
    expect(memory.crossoverRates[0]).toBeCloseTo(0.56, 15);
    expect(memory.next).toBe(1);
    expect(memory.differentialWeights.slice(1)).toEqual([0.5, 0.5]);
  });

  it('reads only the first count entries of reused success lists', () => {
    const longer = createMemory(1);
    updateMemory(
      longer,
      {
        count: 1,
        differentialWeights: [0.5, 1, 0.2],
        crossoverRates: [0.2, 0.6, 0.9],
        improvements: [1, 3, 5],
      },
      true,
    );
    const exact = createMemory(1);
    updateMemory(
      exact,
      { count: 1, differentialWeights: [0.5], crossoverRates: [0.2], improvements: [1] },
      true,
    );
    expect(longer).toEqual(exact);
    expect(longer.differentialWeights[0]).toBe(0.5);
  });

  it('SHADE 2013 takes the weighted arithmetic mean for CR', () => {
    const memory = createMemory(2);
    updateMemory(memory, successes, false);
    expect(memory.crossoverRates[0]).toBeCloseTo(0.25 * 0.2 + 0.75 * 0.6, 15);
  });

  it('cycles through the slots and leaves the memory alone without a success', () => {
    const memory = createMemory(2);
    updateMemory(
      memory,
      { count: 0, differentialWeights: [], crossoverRates: [], improvements: [] },
      true,
    );
    expect(memory.next).toBe(0);
    updateMemory(memory, successes, true);
    updateMemory(memory, successes, true);
    expect(memory.next).toBe(0);
  });

  it('makes a CR slot terminal when every successful CR is 0, and keeps it terminal', () => {
    const memory = createMemory(1);
    updateMemory(
      memory,
      { count: 1, differentialWeights: [0.7], crossoverRates: [0], improvements: [2] },
      true,
    );
    expect(memory.crossoverRates[0]).toBeNull();
    updateMemory(memory, successes, true);
    expect(memory.crossoverRates[0]).toBeNull();
    expect(sampleCrossoverRate(null, createRng(1))).toBe(0);
  });

  it('keeps weights finite when parents had failed (Infinity improvements)', () => {
    const w = improvementWeights([Infinity, 2, 6, Infinity]);
    expect(w.every(Number.isFinite)).toBe(true);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    expect(improvementWeights([Infinity, Infinity])).toEqual([0.5, 0.5]);
    const memory = createMemory(1);
    updateMemory(
      memory,
      {
        count: 2,
        differentialWeights: [0.4, 0.9],
        crossoverRates: [0.3, 0.8],
        improvements: [Infinity, Infinity],
      },
      true,
    );
    expect(Number.isFinite(memory.differentialWeights[0])).toBe(true);
    expect(Number.isFinite(memory.crossoverRates[0])).toBe(true);
  });

  it('JADE moves its means by the learning rate towards Lehmer(S_F) and mean(S_CR)', () => {
    const memory = createMemory(1);
    updateJadeMeans(memory, successes, 0.1);
    // Lehmer mean of 0.5 and 1: 1.25 / 1.5; arithmetic mean of 0.2 and 0.6: 0.4.
    expect(memory.differentialWeights[0]).toBeCloseTo(0.9 * 0.5 + 0.1 * (1.25 / 1.5), 15);
    expect(memory.crossoverRates[0]).toBeCloseTo(0.9 * 0.5 + 0.1 * 0.4, 15);
  });

  it('samples F in (0, 1] and CR in [0, 1]', () => {
    const rng = createRng(7);
    for (let k = 0; k < 2000; k++) {
      const f = sampleDifferentialWeight(k % 2 === 0 ? 0.05 : 0.95, rng);
      expect(f).toBeGreaterThan(0);
      expect(f).toBeLessThanOrEqual(1);
      const cr = sampleCrossoverRate(k % 2 === 0 ? 0 : 1, rng);
      expect(cr).toBeGreaterThanOrEqual(0);
      expect(cr).toBeLessThanOrEqual(1);
    }
  });
});

describe('population', () => {
  it('shrinks linearly from the initial to the minimum size over the budget (L-SHADE)', () => {
    expect(plannedPopulationSize(180, 4, 0, 100_000)).toBe(180);
    expect(plannedPopulationSize(180, 4, 50_000, 100_000)).toBe(92);
    expect(plannedPopulationSize(180, 4, 100_000, 100_000)).toBe(4);
    expect(plannedPopulationSize(180, 4, 150_000, 100_000)).toBe(4);
  });

  it('puts one Latin hypercube point in each stratum of every coordinate', () => {
    const points = initialVectors(10, [0, -5], [1, 5], 'latin-hypercube', createRng(3));
    for (let j = 0; j < 2; j++) {
      const lo = [0, -5][j] as number;
      const width = [1, 10][j] as number;
      const strata = points
        .map((p) => Math.floor((((p[j] as number) - lo) / width) * 10))
        .sort((a, b) => a - b);
      expect(strata).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
  });
});
