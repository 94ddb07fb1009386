// Simulated annealing as a solver: parameter errors, exact Metropolis decisions in tell, the
// automatic initial temperature, restarts from the best, batches that give the same run on any
// evaluator, and the generalized variant on real spaces.
import { describe, expect, it } from 'vitest';
import type { GeneralizedState } from '../../src/algorithms/simulated-annealing/generalized-chain.js';
import type { MetropolisState } from '../../src/algorithms/simulated-annealing/metropolis-chain.js';
import {
  simulatedAnnealing,
  type SimulatedAnnealingParams,
  type SimulatedAnnealingState,
} from '../../src/algorithms/simulated-annealing/simulated-annealing.js';
import { resolveParams } from '../../src/config/params.js';
import { ParameterError } from '../../src/core/errors.js';
import type { Problem } from '../../src/core/problem.js';
import { parseState, stringifyState } from '../../src/core/json.js';
import { createRng, restoreRng, type Rng } from '../../src/core/rng.js';
import type { SolverContext } from '../../src/core/solver.js';
import type { Space } from '../../src/core/space.js';
import {
  binarySpace,
  mixedSpace,
  permutationSpace,
  realSpace,
} from '../../src/core/spaces/index.js';
import { TEST_FUNCTIONS } from '../../src/problems/continuous/functions.js';
import { continuousProblem } from '../../src/problems/continuous/suite.js';
import type { BatchOutcome, Evaluator } from '../../src/runners/evaluator.js';
import { minimize } from '../../src/runners/minimize.js';
import { poolEvaluator } from '../../src/runners/pool-evaluator.js';
import { exampleMixedParameters } from '../helpers/spaces.js';

const sphere = (d: number): Problem<number[]> => ({
  name: `sphere-${d}`,
  space: realSpace({ lower: new Array<number>(d).fill(-5), upper: new Array<number>(d).fill(5) }),
  evaluate: (x) => x.reduce((s, v) => s + v * v, 0),
});

const params = (given: Partial<SimulatedAnnealingParams> = {}): SimulatedAnnealingParams =>
  resolveParams(simulatedAnnealing, given, 'test');

/** Drives ask/tell by hand, as minimize() would, and exposes the state. */
function driver<X>(problem: Problem<X>, given: Partial<SimulatedAnnealingParams>, budget = 1000) {
  const context: SolverContext<X> = {
    space: problem.space,
    gradients: false,
    budget: { evaluations: budget },
    ...(problem.moves === undefined ? {} : { moves: problem.moves }),
  };
  const rng = createRng(17);
  const state = simulatedAnnealing.init(context, params(given), rng);
  const step = (): { candidates: X[]; values: number[] } => {
    const candidates = simulatedAnnealing.ask(state, context, rng);
    const values = candidates.map((x) => problem.evaluate(x) as number);
    simulatedAnnealing.tell(state, context, candidates, values, rng);
    return { candidates, values };
  };
  return { context, rng, state, step };
}

/** An Rng whose next() returns the given values in turn. */
function scriptedRng(values: number[]): Rng {
  const queue = values.slice();
  return Object.assign(Object.create(createRng(0)) as Rng, {
    next: () => {
      const value = queue.shift();
      if (value === undefined) throw new Error('scriptedRng: no more values');
      return value;
    },
  });
}

describe('simulated-annealing parameters', () => {
  it('refuses an unknown cooling schedule, naming the field and the allowed values', async () => {
    const run = minimize(sphere(2), simulatedAnnealing, {
      budget: { evaluations: 10 },
      params: { coolingSchedule: 'exponential' },
      seed: 1,
    });
    await expect(run).rejects.toThrow(ParameterError);
    await expect(run).rejects.toThrow(/coolingSchedule/);
    await expect(run).rejects.toThrow(/geometric/);
  });

  it('refuses out-of-range values and unknown fields', () => {
    expect(() => params({ initialAcceptance: 1.5 })).toThrow(/initialAcceptance/);
    expect(() => params({ visitingIndex: 3 })).toThrow(/visitingIndex/);
    expect(() => params({ batchSize: 0 })).toThrow(/batchSize/);
    expect(() => resolveParams(simulatedAnnealing, { temperature: 3 }, 'test')).toThrow(
      /temperature/,
    );
  });

  it('refuses the generalized variant on a space that is not real', () => {
    const context: SolverContext<number[]> = {
      space: permutationSpace({ size: 5 }),
      gradients: false,
      budget: { evaluations: 10 },
    };
    expect(() =>
      simulatedAnnealing.init(context, params({ variant: 'generalized' }), createRng(1)),
    ).toThrow(/variant "generalized" needs a real space \(got a permutation space\)/);
  });

  it('picks the generalized variant on real spaces and Metropolis elsewhere', () => {
    const kinds: [Space<unknown>, string][] = [
      [realSpace({ lower: [0], upper: [1] }), 'generalized'],
      [binarySpace({ size: 4 }), 'metropolis'],
      [mixedSpace({ parameters: exampleMixedParameters }), 'metropolis'],
    ];
    for (const [space, kind] of kinds) {
      const context: SolverContext<unknown> = { space, gradients: false, budget: {} };
      const state = simulatedAnnealing.init(context, params(), createRng(1));
      expect(state.kind).toBe(kind);
    }
  });
});

describe('Metropolis path', () => {
  it('takes exact Metropolis decisions: uphill moves pass when the draw is below exp(-delta / T)', () => {
    const problem = sphere(1);
    const { context, state, rng } = driver(problem, {
      variant: 'metropolis',
      initialTemperature: 2,
    });
    const start = simulatedAnnealing.ask(state, context, rng);
    simulatedAnnealing.tell(state, context, start, [10], rng);
    const metropolis = state as MetropolisState;
    expect(metropolis.phase).toBe('anneal');
    const decide = (value: number, draw: number): boolean => {
      const before = metropolis.currentValue;
      const candidates = simulatedAnnealing.ask(state, context, rng);
      simulatedAnnealing.tell(state, context, candidates, [value], scriptedRng([draw]));
      const accepted = metropolis.currentValue === value;
      if (accepted) metropolis.currentValue = before;
      return accepted;
    };
    const temperature = (metropolis.cooling as NonNullable<MetropolisState['cooling']>).temperature;
    const probability = Math.exp(-3 / temperature);
    expect(decide(13, probability * 0.999)).toBe(true);
    expect(decide(13, probability * 1.001)).toBe(false);
    // Downhill: accepted without drawing (the scripted draw would refuse anything).
    const candidates = simulatedAnnealing.ask(state, context, rng);
    simulatedAnnealing.tell(state, context, candidates, [4], scriptedRng([]));
    expect(metropolis.currentValue).toBe(4);
  });

  it('chooses the initial temperature so that the sampled uphill moves pass with probability 0.8', () => {
    const problem = sphere(4);
    const { state, step } = driver(problem, { variant: 'metropolis', temperatureSamples: 40 });
    const metropolis = state as MetropolisState;
    step(); // the start point
    const startValue = metropolis.currentValue;
    const { values } = step(); // the calibration batch
    expect(values).toHaveLength(40);
    const uphill = values.filter((v) => v > startValue).map((v) => v - startValue);
    expect(uphill.length).toBeGreaterThan(5);
    const temperature = (metropolis.cooling as NonNullable<MetropolisState['cooling']>)
      .initialTemperature;
    const acceptance =
      uphill.reduce((sum, delta) => sum + Math.exp(-delta / temperature), 0) / uphill.length;
    expect(acceptance).toBeCloseTo(0.8, 2);
    const mean = uphill.reduce((s, v) => s + v, 0) / uphill.length;
    const kirkpatrick = -mean / Math.log(0.8);
    expect(temperature).toBeLessThanOrEqual(kirkpatrick * (1 + 1e-9));
    expect(temperature).toBeGreaterThan(kirkpatrick / 10);
  });

  it('restarts from the best after restartAfter proposals without improvement', () => {
    // A hot, never-cooling chain wanders away from its best; every restart brings it back.
    const problem = sphere(3);
    const { state, step } = driver(
      problem,
      {
        variant: 'metropolis',
        initialTemperature: 1e6,
        coolingSchedule: 'geometric',
        coolingRate: 0.999999,
        restartAfter: 15,
        stepAdaptation: 'none',
      },
      5000,
    );
    const metropolis = state as MetropolisState;
    let restartsSeen = 0;
    for (let k = 0; k < 600; k++) {
      const before = metropolis.cooling?.restarts ?? 0;
      step();
      const after = metropolis.cooling?.restarts ?? 0;
      if (after > before) {
        restartsSeen++;
        expect(metropolis.current).toEqual(metropolis.best);
        expect(metropolis.currentValue).toBe(metropolis.bestValue);
      }
    }
    expect(restartsSeen).toBeGreaterThan(5);
  });

  it('reheats on stagnation in a run (flat objective)', () => {
    const flat: Problem<number[]> = {
      name: 'flat',
      space: binarySpace({ size: 10 }),
      evaluate: () => 1,
    };
    const { state, step } = driver(flat, { reheatAfter: 50, initialTemperature: 1 }, 1000);
    for (let k = 0; k < 400; k++) step();
    const cooling = (state as MetropolisState).cooling as NonNullable<MetropolisState['cooling']>;
    expect(cooling.reheats).toBe(Math.floor(cooling.trials / 50));
  });

  it('adapts Corana steps on real spaces: they shrink near a minimum', () => {
    const { state, step } = driver(sphere(3), { variant: 'metropolis' }, 5000);
    for (let k = 0; k < 4000; k++) step();
    const metropolis = state as MetropolisState;
    expect(metropolis.step.mode).toBe('corana');
    const steps = (metropolis.step as Extract<MetropolisState['step'], { mode: 'corana' }>).steps;
    for (const s of steps) expect(s).toBeLessThan(0.1);
    expect(metropolis.bestValue).toBeLessThan(1e-3);
  });

  it('works with only a seconds budget (cycles of doubling length)', async () => {
    // A fake clock that each evaluation advances by 0.1 ms: the 0.3 s budget is 3,000
    // evaluations whatever the machine's load.
    let nowMs = 0;
    const result = await minimize(
      {
        name: 'ones',
        space: binarySpace({ size: 30 }),
        evaluate: (x) => {
          nowMs += 0.1;
          return x.reduce((s, v) => s + v, 0);
        },
      },
      simulatedAnnealing,
      { budget: { seconds: 0.3 }, seed: 3, clock: () => nowMs },
    );
    expect(result.stopReason).toBe('seconds');
    expect(result.evaluations).toBeGreaterThanOrEqual(3000);
    expect(result.evaluations).toBeLessThan(3100);
    expect(result.bestValue).toBe(0);
  });

  it('every schedule solves a small permutation problem', async () => {
    const problem: Problem<number[]> = {
      name: 'sort',
      space: permutationSpace({ size: 8 }),
      evaluate: (x) => x.reduce((s, v, i) => s + Math.abs(v - i), 0),
    };
    for (const coolingSchedule of ['geometric', 'linear', 'fast', 'adaptive'] as const) {
      const result = await minimize(problem, simulatedAnnealing, {
        budget: { evaluations: 20_000, target: 0 },
        params: { coolingSchedule },
        seed: 2,
      });
      expect(result.bestValue, coolingSchedule).toBe(0);
    }
  });
});

/** Evaluates each batch asynchronously, in reverse order, and hands the values back in order. */
function reversingEvaluator<X>(problem: Problem<X>): Evaluator<X> {
  return {
    async evaluate(candidates): Promise<BatchOutcome> {
      const values = new Array<number>(candidates.length);
      for (let k = candidates.length - 1; k >= 0; k--) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        values[k] = await problem.evaluate(candidates[k] as X);
      }
      return { values };
    },
    close: () => Promise.resolve(),
  };
}

describe('batches', () => {
  it('give the same run whatever the evaluator (Metropolis and generalized)', async () => {
    const problem = sphere(4);
    for (const variant of ['metropolis', 'generalized'] as const) {
      const run = (evaluator?: Evaluator<number[]>) => {
        const candidates: number[][] = [];
        return minimize(problem, simulatedAnnealing, {
          budget: { evaluations: 1200 },
          params: { variant, batchSize: 4 },
          seed: 8,
          ...(evaluator === undefined ? {} : { evaluator }),
          onBatch: (record) => {
            candidates.push(...record.candidates);
          },
        }).then((result) => ({ result, candidates }));
      };
      const inThread = await run();
      const reversed = await run(reversingEvaluator(problem));
      expect(reversed.candidates).toEqual(inThread.candidates);
      expect(reversed.result.bestValue).toBe(inThread.result.bestValue);
    }
  });

  it('give the same run on two worker threads as in this thread', async () => {
    const fn = TEST_FUNCTIONS.find((f) => f.name === 'rastrigin');
    const problem = continuousProblem(fn as NonNullable<typeof fn>, {
      dimension: 3,
      shifted: false,
    });
    const run = async (pooled: boolean) => {
      const evaluator = pooled ? poolEvaluator(problem, { workers: 2 }) : undefined;
      try {
        return await minimize(problem, simulatedAnnealing, {
          budget: { evaluations: 600 },
          params: { batchSize: 6 },
          seed: 4,
          ...(evaluator === undefined ? {} : { evaluator }),
        });
      } finally {
        await evaluator?.close();
      }
    };
    const [inThread, pooled] = [await run(false), await run(true)];
    expect(pooled.best).toEqual(inThread.best);
    expect(pooled.bestValue).toBe(inThread.bestValue);
    expect(pooled.trace.map((p) => [p.evaluations, p.value])).toEqual(
      inThread.trace.map((p) => [p.evaluations, p.value]),
    );
  });
});

describe('generalized variant', () => {
  const suite = (name: string, dimension: number): Problem<number[]> => {
    const fn = TEST_FUNCTIONS.find((f) => f.name === name);
    return continuousProblem(fn as NonNullable<typeof fn>, { dimension, shifted: true });
  };

  it('solves shifted sphere, rastrigin and schwefel in 5 dimensions', async () => {
    for (const name of ['sphere', 'rastrigin', 'schwefel']) {
      const result = await minimize(suite(name, 5), simulatedAnnealing, {
        budget: { evaluations: 50_000 },
        seed: 1,
      });
      expect(result.bestValue, name).toBeLessThan(1e-8);
    }
  });

  it('refines the best point of each cycle until it converges, then starts a new cycle', () => {
    const problem = suite('rosenbrock', 4);
    const { state, step } = driver(problem, {}, 200_000);
    const generalized = state as GeneralizedState;
    let refinements = 0;
    let refining = false;
    for (let k = 0; k < 60_000; k++) {
      const cycles = generalized.cycles;
      step();
      if (generalized.refinement !== null && !refining) refinements++;
      // A cycle ends exactly when a refinement converges.
      const ended = refining && generalized.refinement === null;
      expect(generalized.cycles - cycles).toBe(ended ? 1 : 0);
      refining = generalized.refinement !== null;
    }
    expect(refinements).toBeGreaterThan(2);
    expect(generalized.cycles).toBeGreaterThanOrEqual(refinements - 1);
    expect(generalized.refinedValue).toBeLessThan(1e-12);
  });

  it('without refinement it is plain generalized annealing: cycles restart, nothing is refined', () => {
    const { state, step } = driver(suite('sphere', 3), { refinement: false }, 100_000);
    const generalized = state as GeneralizedState;
    for (let k = 0; k < 30_000; k++) {
      step();
      expect(generalized.refinement).toBeNull();
    }
    expect(generalized.cycles).toBeGreaterThan(1);
    expect(generalized.bestValue).toBeLessThan(1e-2);
  });

  it('stays inside the box with a tiny range (steps wrap and are clamped)', async () => {
    const problem: Problem<number[]> = {
      name: 'tiny-box',
      space: realSpace({ lower: [0, 1e-3], upper: [1e-6, 2e-3] }),
      evaluate: (x) => ((x[0] as number) - 5e-7) ** 2 + ((x[1] as number) - 1.5e-3) ** 2,
    };
    const seen: number[][] = [];
    const result = await minimize(problem, simulatedAnnealing, {
      budget: { evaluations: 5000 },
      seed: 2,
      onBatch: (record) => {
        seen.push(...record.candidates);
      },
    });
    for (const x of seen) expect(problem.space.contains(x)).toBe(true);
    expect(result.bestValue).toBeLessThan(1e-16);
  });
});

describe('state', () => {
  it('is plain data that survives a JSON round trip mid-run, on the generalized path', () => {
    const a = driver(sphere(3), {}, 20_000);
    const b = driver(sphere(3), {}, 20_000);
    // Step into the refinement, so that the copy holds its covariance steps too.
    for (let k = 0; k < 20_000 && (b.state as GeneralizedState).refinement === null; k++) {
      a.step();
      b.step();
    }
    expect((b.state as GeneralizedState).refinement).not.toBeNull();
    // b continues from a copy of its state and of its random stream: both runs stay equal.
    const copy = parseState<SimulatedAnnealingState>(stringifyState(b.state));
    const rngCopy = restoreRng(b.rng.getState());
    const context = b.context;
    for (let k = 0; k < 3000; k++) {
      const xs = simulatedAnnealing.ask(copy, context, rngCopy);
      const values = xs.map((x) => sphere(3).evaluate(x) as number);
      simulatedAnnealing.tell(copy, context, xs, values, rngCopy);
      const { candidates } = a.step();
      expect(xs).toEqual(candidates);
    }
  });
});
