// LoRA forward, gradients of A, B and the input, and the merged weight against PyTorch float64
// (the fixtures of refs/modelopt), computed by the adapted network's WebAssembly kernels.
import { describe, expect, it } from 'vitest';
import { AdaptedNetwork } from '../../../src/training/fine-tuning/adapted-network.js';
import type { LayerRegions } from '../../../src/training/fine-tuning/adapted-layout.js';
import {
  loraBound,
  loraScaling,
  mergeLayer,
  unmergeLayer,
} from '../../../src/training/fine-tuning/lora.js';
import { Network, type LayerWeights } from '../../../src/training/network.js';
import { fixtureCases } from '../../helpers/modelopt-fixtures.js';

interface LoraCase {
  name: string;
  in_features: number;
  out_features: number;
  r: number;
  lora_alpha: number;
  use_rslora: boolean;
  scaling: number;
  kaiming_bound: number;
  W0: number[];
  b0: number[];
  A: number[];
  B: number[];
  x: number[];
  dY: number[];
  batch: number;
  y: number[];
  dA: number[];
  dB: number[];
  dx: number[];
  merged_W: number[];
  y_merged: number[];
  y_base: number[];
}

const rows = (flat: number[], width: number): number[][] =>
  Array.from({ length: flat.length / width }, (_, i) => flat.slice(i * width, (i + 1) * width));

function expectClose(actual: ArrayLike<number>, expected: number[], tolerance = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => {
    expect(Math.abs((actual[i] as number) - value)).toBeLessThanOrEqual(
      tolerance * Math.max(1, Math.abs(value)),
    );
  });
}

const identityLayer = (n: number): LayerWeights => ({
  weight: Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, k) => (i === k ? 1 : 0)),
  ),
  bias: new Array<number>(n).fill(0),
});

/** An identity layer (trained, so that dX reaches it) before the LoRA layer. */
function fixtureNetwork(c: LoraCase, b: number[] = c.B): AdaptedNetwork {
  const n = c.in_features;
  const identity: LayerWeights = {
    weight: Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, k) => (i === k ? 1 : 0)),
    ),
    bias: new Array<number>(n).fill(0),
  };
  return new AdaptedNetwork({
    architecture: {
      inputs: n,
      hidden: [n],
      outputs: c.out_features,
      activation: 'identity',
      negativeSlope: 0,
      dropout: [0],
    },
    precision: 'float64',
    capacity: c.batch,
    layers: [
      { trainable: true, rank: 0, scaling: 0, weights: identity },
      {
        trainable: false,
        rank: c.r,
        scaling: c.scaling,
        weights: { weight: rows(c.W0, n), bias: c.b0 },
        adapterA: c.A,
        adapterB: b,
      },
    ],
  });
}

function run(network: AdaptedNetwork, c: LoraCase): { y: number[]; dx: number[] } {
  const order = Int32Array.from({ length: c.batch }, (_, i) => i);
  network.loadInputs(Float64Array.from(c.x), order, 0, c.batch);
  network.forward(c.batch);
  const { z, offset, stride, dz, gradientOffset } = network.output;
  const y: number[] = [];
  for (let s = 0; s < c.batch; s++)
    for (let o = 0; o < c.out_features; o++) {
      y.push(z[offset + o * stride + s] as number);
      dz[gradientOffset + o * stride + s] = c.dY[s * c.out_features + o] as number;
    }
  network.backward(c.batch, 0, false);
  const first = network.layout.layers[0] as LayerRegions;
  const dx: number[] = [];
  for (let s = 0; s < c.batch; s++)
    for (let k = 0; k < c.in_features; k++)
      dx.push(network.values[first.dz + k * stride + s] as number);
  return { y, dx };
}

describe('LoRA against PyTorch (float64, 1e-12)', () => {
  for (const c of fixtureCases<LoraCase>('lora')) {
    it(`${c.name}: scaling, y, dA, dB, dx and the merged weight`, () => {
      expect(loraScaling(c.lora_alpha, c.r, c.use_rslora)).toBeCloseTo(c.scaling, 14);
      expect(Math.abs(loraBound(c.in_features) - c.kaiming_bound)).toBeLessThan(1e-15);
      const network = fixtureNetwork(c);
      const { y, dx } = run(network, c);
      expectClose(y, c.y);
      const n = c.in_features * c.in_features + c.in_features;
      const adapterA = network.layout.layers[1]?.adapterA as number;
      expect(adapterA).toBe(n);
      expectClose(network.gradients.subarray(adapterA, adapterA + c.r * c.in_features), c.dA);
      const adapterB = adapterA + c.r * c.in_features;
      expectClose(network.gradients.subarray(adapterB, adapterB + c.out_features * c.r), c.dB);
      expectClose(dx, c.dx);
      const layer = mergeLayer(
        { weight: rows(c.W0, c.in_features), bias: c.b0 },
        c.A,
        c.B,
        c.r,
        c.scaling,
      );
      expectClose(layer.merged.weight.flat(), c.merged_W);
      const unmerged = unmergeLayer(layer);
      expect(unmerged.weight.flat()).toEqual(c.W0);
    });

    it(`${c.name}: B = 0 gives the base output bit for bit; merged and unmerged forwards agree`, () => {
      const zero = fixtureNetwork(c, new Array<number>(c.B.length).fill(0));
      const adapted = run(zero, c).y;
      expectClose(adapted, c.y_base);
      // kiln's own base network (the same kernels, no adapter) gives the same bits.
      const base = new Network(
        {
          inputs: c.in_features,
          hidden: [c.in_features],
          outputs: c.out_features,
          activation: 'identity',
          negativeSlope: 0,
          dropout: [0],
        },
        'float64',
        c.batch,
      );
      base.importWeights([
        identityLayer(c.in_features),
        { weight: rows(c.W0, c.in_features), bias: c.b0 },
      ]);
      base.loadInputs(
        Float64Array.from(c.x),
        Int32Array.from({ length: c.batch }, (_, i) => i),
        0,
        c.batch,
      );
      base.forward(c.batch);
      const { z, offset, stride } = base.output;
      const expected: number[] = [];
      for (let s = 0; s < c.batch; s++)
        for (let o = 0; o < c.out_features; o++)
          expected.push(z[offset + o * stride + s] as number);
      expect(adapted).toEqual(expected);
      const merged = mergeLayer(
        { weight: rows(c.W0, c.in_features), bias: c.b0 },
        c.A,
        c.B,
        c.r,
        c.scaling,
      );
      const plain = new AdaptedNetwork({
        architecture: {
          inputs: c.in_features,
          hidden: [],
          outputs: c.out_features,
          activation: 'identity',
          negativeSlope: 0,
          dropout: [],
        },
        precision: 'float64',
        capacity: c.batch,
        layers: [{ trainable: true, rank: 0, scaling: 0, weights: merged.merged }],
      });
      const y = run(plain, c).y;
      expectClose(y, c.y_merged);
      expectClose(y, run(fixtureNetwork(c), c).y);
    });
  }
});
