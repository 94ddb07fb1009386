// Every optimizer replays the recorded PyTorch (Keras for Ftrl) trajectories to 1e-10 relative,
// saves and restores its state exactly, and refuses bad names and options clearly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOptimizer, optimizers } from '../../src/training/optimizers/registry.js';
import type { FloatArray } from '../../src/training/optimizers/optimizer.js';

interface Step {
  grad: { w: number[]; W: number[][] };
  params: { w: number[]; W: number[][] };
}
interface Run {
  optimizer: string;
  derived_from_formula: boolean;
  effective_hyperparameters: Record<string, unknown>;
  steps: Step[];
}
const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/optim_fixtures.json', import.meta.url), 'utf8'),
) as { problem: { init: { w: number[]; W: number[][] } }; runs: Record<string, Run> };

// The torch 1.13 NAdam runs carry a bug PyTorch 2.0 fixed; kiln follows the *_torch2_formula runs.
const SKIPPED = new Set(['nadam_default', 'nadam_lr0.1']);

/** kiln's optimizer name and options for a fixture run. */
function translate(run: Run): [string, Record<string, unknown>] {
  const h = run.effective_hyperparameters;
  const betas = h.betas as [number, number] | undefined;
  const common = {
    ...(h.weight_decay === undefined ? {} : { weightDecay: h.weight_decay }),
    ...(h.eps === undefined ? {} : { epsilon: h.eps }),
    ...(betas === undefined ? {} : { beta1: betas[0], beta2: betas[1] }),
  };
  switch (run.optimizer) {
    case 'SGD':
      return [
        'sgd',
        {
          learningRate: h.lr,
          momentum: h.momentum,
          dampening: h.dampening,
          nesterov: h.nesterov,
          weightDecay: h.weight_decay,
        },
      ];
    case 'Adagrad':
      return [
        'adagrad',
        {
          ...common,
          learningRate: h.lr,
          lrDecay: h.lr_decay,
          initialAccumulatorValue: h.initial_accumulator_value,
        },
      ];
    case 'Adadelta':
      return ['adadelta', { ...common, learningRate: h.lr, rho: h.rho }];
    case 'RMSprop':
      return [
        'rmsprop',
        {
          ...common,
          learningRate: h.lr,
          alpha: h.alpha,
          momentum: h.momentum,
          centered: h.centered,
        },
      ];
    case 'Adam':
      return ['adam', { ...common, learningRate: h.lr, amsgrad: h.amsgrad }];
    case 'AdamW':
      return ['adamw', { ...common, learningRate: h.lr, amsgrad: h.amsgrad }];
    case 'Adamax':
      return ['adamax', { ...common, learningRate: h.lr }];
    case 'NAdam_torch2':
      return ['nadam', { ...common, learningRate: h.lr, momentumDecay: h.momentum_decay }];
    case 'Ftrl_keras':
      return [
        'ftrl',
        {
          learningRate: h.learning_rate,
          learningRatePower: h.learning_rate_power,
          initialAccumulatorValue: h.initial_accumulator_value,
          l1: h.l1_regularization_strength,
          l2: h.l2_regularization_strength,
          l2Shrinkage: h.l2_shrinkage_regularization_strength,
          beta: h.beta,
        },
      ];
    default:
      throw new Error(`no translation for ${run.optimizer}`);
  }
}

const flat = (value: { w: number[]; W: number[][] }): Float64Array[] => [
  Float64Array.from(value.w),
  Float64Array.from(value.W.flat()),
];

function worstRelativeError(
  actual: readonly FloatArray[],
  expected: readonly Float64Array[],
): number {
  let worst = 0;
  expected.forEach((e, i) => {
    const a = actual[i] as FloatArray;
    for (let j = 0; j < e.length; j++) {
      const x = a[j] as number;
      const y = e[j] as number;
      const error = x === y ? 0 : Math.abs(x - y) / Math.max(Math.abs(y), Number.MIN_VALUE);
      worst = Math.max(worst, Number.isNaN(error) ? Infinity : error);
    }
  });
  return worst;
}

const runs = Object.entries(fixtures.runs).filter(([name]) => !SKIPPED.has(name));

describe('optimizers against the recorded trajectories', () => {
  it('cover every optimizer family', () => {
    const covered = new Set(runs.map(([, run]) => translate(run)[0]));
    for (const name of optimizers.names()) {
      if (name === 'momentum' || name === 'nesterov') continue;
      expect(covered, name).toContain(name);
    }
    expect(runs.length).toBe(Object.keys(fixtures.runs).length - 2);
  });

  it.each(runs)('%s matches every step to 1e-10 relative', (_name, run) => {
    const [name, options] = translate(run);
    const optimizer = createOptimizer(name, options);
    const params = flat(fixtures.problem.init);
    run.steps.forEach((step, t) => {
      optimizer.step(params, flat(step.grad));
      const error = worstRelativeError(params, flat(step.params));
      expect(error, `step ${t + 1}`).toBeLessThanOrEqual(1e-10);
    });
    expect(optimizer.steps).toBe(run.steps.length);
  });

  it('differs from the torch 1.13 NAdam runs, whose momentum product had a bug', () => {
    const run = fixtures.runs['nadam_lr0.1'] as Run;
    const optimizer = createOptimizer('nadam', { learningRate: 0.1 });
    const params = flat(fixtures.problem.init);
    for (const step of run.steps) optimizer.step(params, flat(step.grad));
    const last = run.steps[run.steps.length - 1] as Step;
    expect(worstRelativeError(params, flat(last.params))).toBeGreaterThan(1e-6);
  });
});

describe('optimizer state', () => {
  it.each(optimizers.names())('%s resumes exactly from a JSON round trip of its state', (name) => {
    const run = fixtures.runs.adam_default as Run;
    const options = name === 'ftrl' ? { learningRate: 0.1 } : { learningRate: 0.05 };
    const original = createOptimizer(name, options);
    const params = flat(fixtures.problem.init);
    run.steps.slice(0, 10).forEach((s) => original.step(params, flat(s.grad)));
    const resumed = createOptimizer(name, options);
    resumed.setState(JSON.parse(JSON.stringify(original.getState())));
    const copy = params.map((p) => p.slice());
    for (const s of run.steps.slice(10)) {
      original.step(params, flat(s.grad));
      resumed.step(copy, flat(s.grad));
    }
    expect(copy).toEqual(params);
    expect(resumed.steps).toBe(run.steps.length);
  });

  it('keeps float32 parameters in float32 state', () => {
    const optimizer = createOptimizer('adam', { learningRate: 0.1 });
    const params = [new Float32Array([1, -2, 3])];
    optimizer.step(params, [new Float32Array([0.5, 0.5, -1])]);
    expect(Array.from(params[0] as Float32Array)).toEqual([
      Math.fround(0.9),
      Math.fround(-2.1),
      Math.fround(3.1),
    ]);
    const state = optimizer.getState();
    expect(state.buffers.firstMoment?.[0]).toEqual([0.05, 0.05, -0.1].map(Math.fround));
  });

  it('refuses a state of another optimizer or shape', () => {
    const adam = createOptimizer('adam');
    const params = [new Float64Array(3)];
    adam.step(params, [new Float64Array([1, 2, 3])]);
    expect(() => createOptimizer('sgd').setState(adam.getState())).toThrow(
      /state.optimizer must be "sgd"/,
    );
    expect(() => adam.step([new Float64Array(4)], [new Float64Array(4)])).toThrow(/other lengths/);
    expect(() => adam.step(params, [new Float64Array(2)])).toThrow(
      /grads\[0\] must have the length/,
    );
  });
});

describe('createOptimizer', () => {
  it('gives "momentum" and "nesterov" SGD with momentum 0.9', () => {
    expect(createOptimizer('momentum').options).toMatchObject({ momentum: 0.9, nesterov: false });
    expect(createOptimizer('nesterov').options).toMatchObject({ momentum: 0.9, nesterov: true });
    const sgdMomentum = createOptimizer('sgd', {
      momentum: 0.9,
      nesterov: true,
      learningRate: 0.1,
    });
    const alias = createOptimizer('nesterov', { learningRate: 0.1 });
    const a = [Float64Array.from([1, 2])];
    const b = [Float64Array.from([1, 2])];
    for (let k = 0; k < 3; k++) {
      sgdMomentum.step(a, [Float64Array.from([0.3, -0.2])]);
      alias.step(b, [Float64Array.from([0.3, -0.2])]);
    }
    expect(b).toEqual(a);
  });

  it('fills in the PyTorch defaults (Keras for Ftrl)', () => {
    expect(createOptimizer('adam').options).toMatchObject({
      learningRate: 0.001,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
      weightDecay: 0,
      amsgrad: false,
    });
    expect(createOptimizer('adamw').options).toMatchObject({ weightDecay: 0.01 });
    expect(createOptimizer('rmsprop').options).toMatchObject({ learningRate: 0.01, alpha: 0.99 });
    expect(createOptimizer('adagrad').options).toMatchObject({
      epsilon: 1e-10,
      initialAccumulatorValue: 0,
    });
    expect(createOptimizer('adadelta').options).toMatchObject({
      learningRate: 1,
      rho: 0.9,
      epsilon: 1e-6,
    });
    expect(createOptimizer('adamax').options).toMatchObject({ learningRate: 0.002 });
    expect(createOptimizer('nadam').options).toMatchObject({
      learningRate: 0.002,
      momentumDecay: 0.004,
    });
    expect(createOptimizer('ftrl').options).toMatchObject({
      learningRate: 0.001,
      learningRatePower: -0.5,
      initialAccumulatorValue: 0.1,
    });
  });

  it('names the known optimizers for an unknown name', () => {
    expect(() => createOptimizer('adamm')).toThrow(
      /unknown optimizer "adamm"; known optimizers: sgd, momentum, nesterov, adagrad, adadelta, rmsprop, adam, adamw, adamax, nadam, ftrl\. Did you mean "adam"\?/,
    );
  });

  it('refuses a negative learning rate, a misspelt option and Nesterov without momentum', () => {
    expect(() => createOptimizer('adam', { learningRate: -0.1 })).toThrow(
      'optimizer adam: invalid parameters: /learningRate must be >= 0 (got -0.1)',
    );
    expect(() => createOptimizer('sgd', { momentun: 0.9 })).toThrow(/did you mean "momentum"/);
    expect(() => createOptimizer('sgd', { nesterov: true })).toThrow(
      'optimizer sgd: nesterov needs momentum > 0 and dampening = 0 (got momentum 0, dampening 0)',
    );
  });
});

describe('Keras forms', () => {
  it("nadam with momentumDecay 1 follows Keras's Nadam schedule", () => {
    // Keras 3: u_t = b1 (1 - 0.5 * 0.96^t), product of the u's, m_hat from u_{t+1} and u_t.
    const lr = 0.01;
    const [b1, b2, eps] = [0.9, 0.999, 1e-7];
    const grads = [0.3, -1.2, 2.5, 0.1, -0.4, 0.9];
    let [x, m, v, product] = [1.5, 0, 0, 1];
    const p = [Float64Array.from([1.5])];
    const nadam = createOptimizer('nadam', { learningRate: lr, momentumDecay: 1, epsilon: eps });
    grads.forEach((g, i) => {
      const t = i + 1;
      const u = b1 * (1 - 0.5 * 0.96 ** t);
      const uNext = b1 * (1 - 0.5 * 0.96 ** (t + 1));
      product *= u;
      m += (g - m) * (1 - b1);
      v += (g * g - v) * (1 - b2);
      const mHat = (uNext * m) / (1 - product * uNext) + ((1 - u) * g) / (1 - product);
      x -= (mHat * lr) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
      nadam.step(p, [Float64Array.from([g])]);
      expect(p[0]?.[0]).toBeCloseTo(x, 13);
    });
  });

  it('adam with formula keras puts epsilon outside the bias correction', () => {
    const p = [Float64Array.from([1])];
    createOptimizer('adam', { formula: 'keras', learningRate: 0.1, epsilon: 0.5 }).step(p, [
      Float64Array.from([2]),
    ]);
    // t = 1: m = 0.2, v = 0.004; alpha = 0.1 * sqrt(0.001) / 0.1; step = alpha * m / (sqrt(v) + eps)
    const alpha = (0.1 * Math.sqrt(1 - 0.999)) / (1 - 0.9);
    expect(p[0]?.[0]).toBeCloseTo(1 - (alpha * 0.2) / (Math.sqrt(0.004) + 0.5), 14);
  });

  it('rmsprop with formula keras puts epsilon inside the square root', () => {
    const p = [Float64Array.from([1])];
    createOptimizer('rmsprop', { formula: 'keras', learningRate: 0.1, epsilon: 0.5 }).step(p, [
      Float64Array.from([2]),
    ]);
    expect(p[0]?.[0]).toBeCloseTo(1 - (0.1 * 2) / Math.sqrt(0.01 * 4 + 0.5), 14);
  });

  it('adamax with formula keras adds epsilon to the norm', () => {
    const p = [Float64Array.from([1])];
    createOptimizer('adamax', { formula: 'keras', learningRate: 0.1, epsilon: 0.5 }).step(p, [
      Float64Array.from([2]),
    ]);
    expect(p[0]?.[0]).toBeCloseTo(1 - ((0.1 / 0.1) * 0.2) / (2 + 0.5), 14);
  });
});
