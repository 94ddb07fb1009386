// Quantization-aware training: the fake-quantized weights and their gradient mask, the narrow range
// that keeps the row maximum's gradient, fine-tuning from a model, and the conversion to the
// integer model whose weights are exactly the fake-quantized ones.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng.js';
import { loadDataset } from '../../../src/training/data/datasets.js';
import { Network } from '../../../src/training/network.js';
import { fakeQuantizePerChannel } from '../../../src/training/quantization/fake-quantize.js';
import { perRowSymmetricParameters } from '../../../src/training/quantization/parameters.js';
import { signedRange } from '../../../src/training/quantization/ranges.js';
import { WeightFakeQuantizer } from '../../../src/training/quantization/weight-fake-quantizer.js';
import { train } from '../../../src/training/train.js';

function network(): Network {
  const net = new Network(
    { inputs: 3, hidden: [4], outputs: 2, activation: 'relu', negativeSlope: 0, dropout: [0] },
    'float32',
    4,
  );
  net.initialize('auto', createRng(3));
  return net;
}

describe('WeightFakeQuantizer', () => {
  it('swaps in the fake-quantized weights and restores the float ones', () => {
    const net = network();
    const before = net.parameters.slice();
    const quantizer = new WeightFakeQuantizer(net, {
      bits: 4,
      scheme: 'per-channel',
      range: 'narrow',
    });
    quantizer.apply();
    const layer = net.layers[0];
    if (layer === undefined) throw new Error('no layer');
    const weights = before.subarray(layer.weightOffset, layer.weightOffset + 12);
    const range = signedRange(4, true);
    const { scales, zeroPoints } = perRowSymmetricParameters(weights, 4, range);
    const expected = fakeQuantizePerChannel(weights, 4, scales, zeroPoints, range).values;
    expect(Array.from(net.parameters.subarray(0, 12))).toEqual(Array.from(expected));
    // Biases are not fake-quantized.
    expect(net.parameters[layer.biasOffset]).toBe(before[layer.biasOffset]);
    quantizer.restore(true);
    expect(Array.from(net.parameters)).toEqual(Array.from(before));
  });

  it("keeps the gradient of a row maximum on 127.5, which torch's mask zeroes, and zeroes clipped weights", () => {
    // A maximum that lands exactly on 127.5 with amax/127.5.
    let amax = 0.3;
    const product = (v: number): number => {
      const scale = Math.fround(v / 127.5);
      return Math.fround(v * Math.fround(1 / scale));
    };
    while (product(amax) !== 127.5) amax = Math.fround(amax + 0.001);
    const row = [0.25 * amax, -0.125 * amax, amax];
    const range = signedRange(8);
    const { scales, zeroPoints } = perRowSymmetricParameters(row, 1, range);
    expect(fakeQuantizePerChannel(row, 1, scales, zeroPoints, range).mask[2]).toBe(0);
    for (const weightRange of ['full', 'narrow'] as const) {
      const net = network();
      net.parameters.set(row, 0);
      const quantizer = new WeightFakeQuantizer(net, {
        bits: 8,
        scheme: 'per-channel',
        range: weightRange,
      });
      quantizer.apply();
      net.gradients.fill(1);
      quantizer.restore(true);
      expect(Array.from(net.gradients.subarray(0, 3))).toEqual([1, 1, 1]);
    }
    // With frozen scales, a weight that grows past the range is clipped and loses its gradient.
    const net = network();
    net.parameters.set(row, 0);
    const quantizer = new WeightFakeQuantizer(net, {
      bits: 8,
      scheme: 'per-channel',
      range: 'full',
    });
    quantizer.apply();
    quantizer.restore(false);
    quantizer.freeze();
    net.parameters[2] = 2 * amax;
    quantizer.apply();
    expect(net.parameters[2]).toBe(Math.fround(127 * (scales[0] as number)));
    net.gradients.fill(1);
    quantizer.restore(true);
    expect(Array.from(net.gradients.subarray(0, 3))).toEqual([1, 1, 0]);
  });
});

describe('quantization-aware training', () => {
  const iris = loadDataset('iris');

  it('fine-tunes from a model: with a zero learning rate the weights stay as they were', () => {
    const base = train(iris, { model: { hidden: [6] }, epochs: 3, seed: 1, precision: 'float32' });
    const tuned = train(iris, {
      model: { hidden: [6] },
      epochs: 1,
      seed: 2,
      precision: 'float32',
      optimizer: { type: 'sgd', learningRate: 0 },
      initialModel: base.model,
    });
    expect(tuned.model.layers).toEqual(base.model.layers);
    expect(() =>
      train(iris, { model: { hidden: [5] }, epochs: 1, initialModel: base.model }),
    ).toThrow(/initialModel must have the network's shape 4-5-3 \(got 4-6-3\)/);
  });

  it('converts to an integer model whose weights are the fake-quantized ones', () => {
    const result = train(iris, {
      model: { hidden: [8] },
      epochs: 4,
      seed: 1,
      precision: 'float32',
      quantization: { weights: { bits: 3 } },
    });
    const q = result.quantization;
    if (q === undefined) throw new Error('no quantization result');
    expect(q.model.quantization).toMatchObject({
      weightBits: 3,
      weightRange: 'full',
      observer: 'qat',
    });
    const net = new Network(result.model.architecture, 'float32', 1);
    net.importWeights(result.model.layers);
    new WeightFakeQuantizer(net, { bits: 3, scheme: 'per-channel', range: 'full' }).apply();
    const fake = net.exportWeights();
    q.model.layers.forEach((layer, l) =>
      layer.weight.forEach((row, o) =>
        row.forEach((code, k) => {
          expect(code).toBeGreaterThanOrEqual(-4);
          expect(code).toBeLessThanOrEqual(3);
          expect(Math.fround(code * (layer.weightScale[o] as number))).toBe(
            fake[l]?.weight[o]?.[k],
          );
        }),
      ),
    );
    expect(q.agreement).not.toBeNull();
    expect(q.quantizedBytes).toBeLessThan(q.floatBytes);
  });

  it('refuses an activation integer inference cannot fuse', () => {
    expect(() =>
      train(iris, { model: { hidden: [4], activation: 'tanh' }, epochs: 1, quantization: {} }),
    ).toThrow(/quantization needs model.activation relu or identity/);
  });
});
