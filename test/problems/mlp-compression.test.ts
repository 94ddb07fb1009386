// The trainer problems' compression options: post-training or quantization-aware quantization
// with searched bits and scheme, bytes by the model document's formula, sizePenalty next to
// parameterPenalty, the integer model after the search, and the refusals.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../src/core/errors.js';
import { buildProblem } from '../../src/problems/build.js';
import { buildProtocol } from '../../src/problems/mlp/protocol.js';
import { predict } from '../../src/training/predict.js';
import { rowsOf } from '../../src/training/quantization/convert-quantization-aware.js';
import {
  checkQuantizedModel,
  quantizedModelBytes,
} from '../../src/training/quantization/quantized-model.js';
import { temporaryFolder } from '../helpers/cli.js';

const context = { baseDir: process.cwd() };

// Bytes of a 784-w-10 network with b-bit weights and one scale per row, written out by hand:
// ceil(in·out·b/8) weight bytes + 4 per bias + 4 per scale, per layer.
const integerBytes = (width: number, bits: number): number =>
  Math.ceil((784 * width * bits) / 8) + 8 * width + Math.ceil((width * 10 * bits) / 8) + 80;

const block = {
  type: 'mlp-architecture',
  dataset: 'fashion-mnist-small',
  epochs: 2,
  patience: 2,
  quantization: { method: 'post-training' },
  space: {
    width1: { type: 'integer', low: 4, high: 32 },
    weightBits: { type: 'categorical', choices: [2, 8] },
  },
};

describe('trainer problems with compression options', () => {
  it('count the bytes of each candidate with its searched bits', async () => {
    const problem = await buildProblem(block, context);
    expect(problem.attributes?.({ width1: 16, weightBits: 8 })).toEqual({
      parameters: 784 * 16 + 16 + 17 * 10,
      bytes: integerBytes(16, 8),
    });
    expect(problem.attributes?.({ width1: 16, weightBits: 2 })?.bytes).toBe(integerBytes(16, 2));
    const perTensor = await buildProblem(
      {
        ...block,
        quantization: { weights: { bits: 4 } },
        space: {
          width1: block.space.width1,
          weightScheme: { type: 'categorical', choices: ['per-tensor'] },
        },
      },
      context,
    );
    // One scale per layer: 4 + 4 bytes instead of 4 per row.
    expect(perTensor.attributes?.({ width1: 16, weightScheme: 'per-tensor' })?.bytes).toBe(
      Math.ceil((784 * 16 * 4) / 8) + 4 * 16 + 4 + Math.ceil((16 * 10 * 4) / 8) + 40 + 4,
    );
  });

  it('add sizePenalty x bytes to the validation error, beside parameterPenalty', async () => {
    const point = { width1: 8, weightBits: 8 };
    const plain = await (await buildProblem(block, context)).evaluate(point);
    expect(plain).toBeGreaterThan(0);
    expect(plain).toBeLessThan(1);
    const penalized = await buildProblem(
      { ...block, sizePenalty: 1e-6, parameterPenalty: 1e-7 },
      context,
    );
    const parameters = 784 * 8 + 8 + 9 * 10;
    expect(await penalized.evaluate(point)).toBeCloseTo(
      plain + 1e-6 * integerBytes(8, 8) + 1e-7 * parameters,
      12,
    );
  });

  it('retrain the best, quantize it and report the integer test accuracy and file', async () => {
    const problem = await buildProblem(block, context);
    const folder = temporaryFolder();
    const report = await problem.finalize!({ width1: 8, weightBits: 8 }, folder);
    expect(report.bytes).toBe(integerBytes(8, 8));
    const path = report.quantizedModel as string;
    const model = checkQuantizedModel(JSON.parse(readFileSync(path, 'utf8')), path);
    expect(quantizedModelBytes(model)).toBe(report.bytes);
    // The reported accuracy is the saved integer model's on the test rows.
    const protocol = buildProtocol(
      {
        dataset: 'fashion-mnist-small',
        validation: { method: 'holdout', fraction: 0.2 },
        trainingSeeds: 1,
      },
      '.',
      'test',
    );
    const { values } = predict(
      model,
      rowsOf(protocol.dataset, protocol.testRows),
      protocol.testRows.length,
    );
    const correct = protocol.testRows.filter(
      (row, i) => values[i] === protocol.dataset.labels[row],
    ).length;
    expect(report.quantizedTestAccuracy).toBe(correct / protocol.testRows.length);
    expect(report.quantizedTestAccuracy).toBeGreaterThan(0.5);
  });

  it("train with the problem's normalization: raw pixels keep the int8 input range [0, 1]", async () => {
    const folder = temporaryFolder();
    const scaled = { ...block, space: { width1: block.space.width1 } };
    const inputScale = async (normalization: string | undefined): Promise<number> => {
      const problem = await buildProblem({ ...scaled, normalization }, context);
      const report = await problem.finalize!({ width1: 8 }, folder);
      const float = JSON.parse(readFileSync(report.model as string, 'utf8')) as {
        normalization: { kind: string };
      };
      expect(float.normalization.kind).toBe(normalization ?? 'standard');
      const path = report.quantizedModel as string;
      return checkQuantizedModel(JSON.parse(readFileSync(path, 'utf8')), path).quantization
        .inputScale;
    };
    // Pixels in [0, 1]: 255 steps of 1/255. Standardized, the rare border pixels stretch the range.
    expect(await inputScale('none')).toBeCloseTo(1 / 255, 9);
    expect(await inputScale(undefined)).toBeGreaterThan(10 / 255);
  });

  it.each([
    [
      'searched bits without a quantization option',
      { ...block, quantization: undefined },
      /space parameter\(s\) weightBits need the problem's quantization option/,
    ],
    [
      'bits kiln does not store',
      { ...block, space: { weightBits: { type: 'integer', low: 4, high: 6 } } },
      /space.weightBits must be a categorical or integer parameter over 8, 4, 3, 2 \(got \[5,6\]\)/,
    ],
    [
      'an unknown scheme',
      { ...block, space: { weightScheme: { type: 'categorical', choices: ['per-row'] } } },
      /space.weightScheme must be a categorical parameter over per-channel, per-tensor \(got \["per-row"\]\)/,
    ],
    [
      'a training-only field with post-training quantization',
      { ...block, quantization: { method: 'post-training', startEpoch: 1 } },
      /quantization.startEpoch must be left out with method "post-training"/,
    ],
    [
      'a size penalty in a multi-objective problem',
      { ...block, sizePenalty: 1e-6, objectives: [{ name: 'error' }, { name: 'bytes' }] },
      /sizePenalty must be 0 or left out in a multi-objective study/,
    ],
    [
      'objectives it does not measure, each named with its position and the one to use',
      {
        ...block,
        objectives: [
          { name: 'accuracy', direction: 'maximize' },
          { name: 'size' },
          { name: 'error' },
          { name: 'flops' },
        ],
      },
      /objective names must be among error, parameters, bytes, trainingSeconds; not measured: "accuracy" \(\/objectives\/0; use error, 1 - accuracy, minimized\); "size" \(\/objectives\/1; use bytes\); "flops" \(\/objectives\/3\)$/,
    ],
  ])('refuse %s', async (_, params, message) => {
    await expect(buildProblem(params, context)).rejects.toThrow(ProblemError);
    await expect(buildProblem(params, context)).rejects.toThrow(message);
  });
});
