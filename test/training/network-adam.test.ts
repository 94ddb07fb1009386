// The network's SIMD Adam gives the JavaScript Adam's steps (bit for bit in float64) and shares
// its state format.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng.js';
import { Network } from '../../src/training/network.js';
import { NetworkAdam, networkOptimizer } from '../../src/training/network-adam.js';
import {
  createOptimizer,
  resolveOptimizerOptions,
} from '../../src/training/optimizers/registry.js';
import type { AdamOptions } from '../../src/training/optimizers/adam.js';
import type { Precision } from '../../src/training/kernels/dense-kernels.js';

function network(precision: Precision, buffers = 3): Network {
  const n = new Network(
    { inputs: 5, hidden: [7], outputs: 3, activation: 'relu', negativeSlope: 0.01, dropout: [0] },
    precision,
    4,
    buffers,
  );
  n.initialize('he-normal', createRng(1));
  return n;
}

const variants: [string, Record<string, unknown>][] = [
  ['adam', { learningRate: 0.01 }],
  ['adam', { learningRate: 0.01, amsgrad: true, weightDecay: 0.1 }],
  ['adam', { learningRate: 0.01, formula: 'keras' }],
  ['adamw', { learningRate: 0.05, weightDecay: 0.2 }],
  ['adamw', { learningRate: 0.05, amsgrad: true }],
];

describe('NetworkAdam', () => {
  it.each(variants)('%s %j matches the JavaScript optimizer', (name, options) => {
    for (const precision of ['float64', 'float32'] as const) {
      const net = network(precision);
      const resolved = resolveOptimizerOptions(name, options) as unknown as AdamOptions;
      const simd = new NetworkAdam(name as 'adam' | 'adamw', resolved, net);
      const js = createOptimizer(name, options);
      const copy = net.parameters.slice();
      const rng = createRng(2);
      for (let t = 0; t < 20; t++) {
        for (let i = 0; i < net.gradients.length; i++)
          net.gradients[i] = rng.normal() * (t % 3 === 0 ? 10 : 0.1);
        const gradients = net.gradients.slice();
        simd.step([net.parameters], [net.gradients]);
        js.step([copy], [gradients]);
      }
      if (precision === 'float64') expect(Array.from(net.parameters)).toEqual(Array.from(copy));
      else
        for (let i = 0; i < copy.length; i++)
          expect(Math.abs((net.parameters[i] as number) - (copy[i] as number))).toBeLessThan(1e-5);
      const state = simd.getState();
      expect(Object.keys(state.buffers)).toEqual(Object.keys(js.getState().buffers));
    }
  });

  it('shares the JavaScript state format, both ways', () => {
    const net = network('float64');
    const simd = networkOptimizer(
      { type: 'adam', ...resolveOptimizerOptions('adam', { learningRate: 0.1 }) },
      net,
    ) as NetworkAdam;
    const rng = createRng(3);
    const step = (): Float64Array => {
      for (let i = 0; i < net.gradients.length; i++) net.gradients[i] = rng.normal();
      return Float64Array.from(net.gradients);
    };
    for (let t = 0; t < 5; t++) {
      step();
      simd.step([net.parameters], [net.gradients]);
    }
    const js = createOptimizer('adam', { learningRate: 0.1 });
    js.setState(JSON.parse(JSON.stringify(simd.getState())));
    const copy = Float64Array.from(net.parameters);
    for (let t = 0; t < 5; t++) {
      const g = step();
      simd.step([net.parameters], [net.gradients]);
      js.step([copy], [g]);
    }
    expect(Array.from(net.parameters)).toEqual(Array.from(copy));
    const fresh = network('float64');
    const back = new NetworkAdam(
      'adam',
      resolveOptimizerOptions('adam', {}) as unknown as AdamOptions,
      fresh,
    );
    back.setState(js.getState());
    expect(back.getState()).toEqual(js.getState());
  });

  it('steps only its network, and only Adam and AdamW have one', () => {
    const net = network('float64');
    const simd = networkOptimizer(
      { type: 'adamw', ...resolveOptimizerOptions('adamw', {}) },
      net,
    ) as NetworkAdam;
    expect(() => simd.step([new Float64Array(3)], [new Float64Array(3)])).toThrow(
      /its network's own parameters/,
    );
    expect(networkOptimizer({ type: 'sgd', learningRate: 0.1 }, net)).toBeUndefined();
    expect(
      () =>
        new NetworkAdam(
          'adam',
          resolveOptimizerOptions('adam', { amsgrad: true }) as unknown as AdamOptions,
          network('float64', 2),
        ),
    ).toThrow(/must reserve 3 optimizer buffers/);
  });
});
