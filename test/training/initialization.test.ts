// Initialization schemes: bounds of the uniform ones, pytorch-uniform's biases, and unchanged
// draws (zero biases, same weights) for the schemes that start biases at zero.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng.js';
import {
  INITIALIZATIONS,
  initializeBiases,
  initializeWeights,
} from '../../src/training/initialization.js';
import { Network } from '../../src/training/network.js';

const architecture = {
  inputs: 64,
  hidden: [32],
  outputs: 10,
  activation: 'relu' as const,
  negativeSlope: 0.01,
  dropout: [0],
};

describe('initialization', () => {
  it('pytorch-uniform draws weights and biases in +-1/sqrt(fanIn), spread over the range', () => {
    const weights = new Float64Array(64 * 256);
    const biases = new Float64Array(256);
    const rng = createRng(3);
    initializeWeights('pytorch-uniform', weights, 0, 64, 256, rng);
    initializeBiases('pytorch-uniform', biases, 0, 64, 256, rng);
    for (const values of [weights, biases]) {
      const largest = Math.max(...Array.from(values, Math.abs));
      expect(largest).toBeLessThanOrEqual(1 / 8);
      expect(largest).toBeGreaterThan(0.98 / 8);
    }
    // Variance of U(-b, b) is b^2 / 3 = 1 / (3 * 64).
    const variance = weights.reduce((s, w) => s + w * w, 0) / weights.length;
    expect(variance).toBeCloseTo(1 / 192, 3);
  });

  it('he-uniform keeps its bound sqrt(6 / fanIn) and zero biases without drawing', () => {
    const weights = new Float64Array(64 * 256);
    initializeWeights('he-uniform', weights, 0, 64, 256, createRng(3));
    const largest = Math.max(...Array.from(weights, Math.abs));
    expect(largest).toBeLessThanOrEqual(Math.sqrt(6 / 64));
    expect(largest).toBeGreaterThan(0.98 * Math.sqrt(6 / 64));
    const rng = createRng(4);
    const biases = new Float64Array(8).fill(1);
    initializeBiases('he-uniform', biases, 2, 64, 4, rng);
    expect(Array.from(biases)).toEqual([1, 1, 0, 0, 0, 0, 1, 1]);
    expect(rng.uniform(0, 1)).toBe(createRng(4).uniform(0, 1));
  });

  it('a network gets non-zero biases only with pytorch-uniform, deterministically', () => {
    expect(INITIALIZATIONS).toContain('pytorch-uniform');
    const biasesOf = (network: Network): number[] =>
      network.layers.flatMap((layer) =>
        Array.from(network.parameters.subarray(layer.biasOffset, layer.biasOffset + layer.outputs)),
      );
    for (const scheme of INITIALIZATIONS) {
      const network = new Network(architecture, 'float64', 4);
      network.initialize(scheme, createRng(5));
      const biases = biasesOf(network);
      if (scheme === 'pytorch-uniform') {
        expect(biases.every((b) => b !== 0)).toBe(true);
        expect(biases.slice(0, 32).every((b) => Math.abs(b) <= 1 / 8)).toBe(true);
        expect(biases.slice(32).every((b) => Math.abs(b) <= 1 / Math.sqrt(32))).toBe(true);
        const again = new Network(architecture, 'float64', 4);
        again.initialize(scheme, createRng(5));
        expect(Array.from(again.parameters)).toEqual(Array.from(network.parameters));
      } else {
        expect(biases.every((b) => b === 0)).toBe(true);
      }
    }
  });
});
