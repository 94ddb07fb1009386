// Backpropagation matches central finite differences for every activation, every loss, dropout
// and L2, in float64; float32 gives the same outputs to float32 precision.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng.js';
import { ACTIVATIONS, type Activation } from '../../src/training/activations.js';
import { LOSSES, LossEvaluator, outputsFor, type LossName } from '../../src/training/losses.js';
import { Network, type Architecture } from '../../src/training/network.js';
import type { Precision } from '../../src/training/kernels/dense-kernels.js';

const COUNT = 7; // not a multiple of the SIMD width: padding columns are exercised
const INPUTS = 5;
const CLASSES = 3;

function setup(
  activation: Activation,
  loss: LossName,
  dropout: number,
  precision: Precision = 'float64',
) {
  const architecture: Architecture = {
    inputs: INPUTS,
    hidden: [6, 4],
    outputs: outputsFor(loss, loss === 'binary-cross-entropy' ? 2 : CLASSES),
    activation,
    negativeSlope: 0.1,
    dropout: [dropout, dropout],
  };
  const network = new Network(architecture, precision, 9);
  network.initialize('glorot-normal', createRng(1));
  // Non-zero biases, so that every bias gradient is exercised.
  const rng = createRng(2);
  for (const layer of network.layers)
    for (let o = 0; o < layer.outputs; o++)
      network.parameters[layer.biasOffset + o] = rng.normal(0, 0.3);
  const features = Float64Array.from({ length: COUNT * INPUTS }, () => rng.normal());
  const order = Int32Array.from({ length: COUNT }, (_, i) => i);
  const classes = loss === 'binary-cross-entropy' ? 2 : CLASSES;
  const labels = Int32Array.from({ length: COUNT }, () => rng.int(classes));
  const targets = Float64Array.from({ length: COUNT }, () => rng.normal());
  const evaluator = new LossEvaluator(loss, architecture.outputs, true);
  return { network, features, order, labels, targets, evaluator };
}

function objective(s: ReturnType<typeof setup>, l2: number, dropout: boolean): number {
  s.network.loadInputs(s.features, s.order, 0, COUNT);
  s.network.forward(COUNT, dropout ? createRng(7) : undefined);
  s.evaluator.evaluate(
    s.network.output,
    COUNT,
    s.network.columns(COUNT),
    s.labels,
    s.targets,
    true,
  );
  let penalty = 0;
  for (const layer of s.network.layers)
    for (let i = 0; i < layer.inputs * layer.outputs; i++) {
      const w = s.network.parameters[layer.weightOffset + i] as number;
      penalty += w * w;
    }
  return s.evaluator.loss / COUNT + 0.5 * l2 * penalty;
}

function checkGradients(
  activation: Activation,
  loss: LossName,
  dropout: number,
  l2: number,
): number {
  const s = setup(activation, loss, dropout);
  objective(s, l2, dropout > 0);
  s.network.backward(COUNT, l2, dropout > 0);
  const analytic = Float64Array.from(s.network.gradients);
  let worst = 0;
  const h = 1e-6;
  for (let i = 0; i < s.network.parameterCount; i++) {
    const saved = s.network.parameters[i] as number;
    s.network.parameters[i] = saved + h;
    const up = objective(s, l2, dropout > 0);
    s.network.parameters[i] = saved - h;
    const down = objective(s, l2, dropout > 0);
    s.network.parameters[i] = saved;
    const numeric = (up - down) / (2 * h);
    const error = Math.abs(numeric - (analytic[i] as number)) / Math.max(1e-3, Math.abs(numeric));
    worst = Math.max(worst, error);
  }
  return worst;
}

describe('backpropagation against central finite differences', () => {
  const cases = ACTIVATIONS.flatMap((activation) =>
    LOSSES.map((loss) => [activation, loss] as const),
  );
  it.each(cases)('%s hidden layers with %s', (activation, loss) => {
    expect(checkGradients(activation, loss, 0, 0)).toBeLessThan(1e-6);
  });

  it.each(ACTIVATIONS)('%s with dropout and L2', (activation) => {
    expect(checkGradients(activation, 'softmax-cross-entropy', 0.3, 0.05)).toBeLessThan(1e-6);
  });

  it('a linear model (no hidden layer) with mean squared error on regression targets', () => {
    const network = new Network(
      { inputs: 3, hidden: [], outputs: 1, activation: 'relu', negativeSlope: 0.01, dropout: [] },
      'float64',
      4,
    );
    network.parameters.set([0.5, -1, 2, 0.25]);
    const features = Float64Array.from([1, 2, 3, -1, 0, 1]);
    network.loadInputs(features, Int32Array.from([0, 1]), 0, 2);
    network.forward(2);
    const evaluator = new LossEvaluator('mean-squared-error', 1, false);
    const targets = Float64Array.from([4, 0]);
    evaluator.evaluate(network.output, 2, network.columns(2), new Int32Array(2), targets, true);
    // predictions 0.5 - 2 + 6 + 0.25 = 4.75 and -0.5 + 0 + 2 + 0.25 = 1.75
    expect(evaluator.loss).toBeCloseTo(0.75 ** 2 + 1.75 ** 2, 12);
    network.backward(2, 0, false);
    // d(mean of squared errors)/dw = mean of 2 * error * x
    expect(Array.from(network.gradients)).toEqual(
      [0.75 * 1 + 1.75 * -1, 0.75 * 2, 0.75 * 3 + 1.75, 0.75 + 1.75].map((v) =>
        expect.closeTo(v, 12),
      ),
    );
  });
});

describe('float32 networks', () => {
  it('give the float64 outputs to float32 precision', () => {
    const a = setup('gelu', 'softmax-cross-entropy', 0, 'float64');
    const b = setup('gelu', 'softmax-cross-entropy', 0, 'float32');
    b.network.parameters.set(a.network.parameters);
    for (const s of [a, b]) {
      s.network.loadInputs(s.features, s.order, 0, COUNT);
      s.network.forward(COUNT);
    }
    const { offset, stride } = a.network.output;
    for (let r = 0; r < CLASSES; r++)
      for (let c = 0; c < COUNT; c++) {
        const x = a.network.values[offset + r * stride + c] as number;
        const y = b.network.values[b.network.output.offset + r * b.network.stride + c] as number;
        expect(Math.abs(x - y)).toBeLessThan(1e-5 * Math.max(1, Math.abs(x)));
      }
  });
});

describe('Network', () => {
  it('refuses bad widths and dropout rates', () => {
    const base = {
      inputs: 2,
      hidden: [3],
      outputs: 2,
      activation: 'relu' as const,
      negativeSlope: 0.01,
      dropout: [0],
    };
    expect(() => new Network({ ...base, hidden: [0] }, 'float64', 4)).toThrow(
      /layer widths must be integers >= 1 \(got 2-0-2\)/,
    );
    expect(() => new Network({ ...base, dropout: [1] }, 'float64', 4)).toThrow(
      /dropout rates must be in \[0, 1\)/,
    );
  });

  it('exports and imports weights in the [out][in] layout', () => {
    const s = setup('relu', 'softmax-cross-entropy', 0);
    const weights = s.network.exportWeights();
    expect(weights.map((w) => [w.weight.length, w.weight[0]?.length, w.bias.length])).toEqual([
      [6, 5, 6],
      [4, 6, 4],
      [3, 4, 3],
    ]);
    const copy = setup('relu', 'softmax-cross-entropy', 0);
    copy.network.parameters.fill(0);
    copy.network.importWeights(weights);
    expect(copy.network.parameters).toEqual(s.network.parameters);
    expect(() => copy.network.importWeights(weights.slice(1))).toThrow(
      /weights must hold 3 layers/,
    );
  });
});
