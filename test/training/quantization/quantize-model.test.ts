// Post-training quantization of whole models: the document checks and survives save and load,
// integer inference equals the layer-by-layer JavaScript reference, bytes follow the formula.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KilnError } from '../../../src/core/errors.js';
import type { ModelDocument } from '../../../src/training/model.js';
import { predict, predictOutputs } from '../../../src/training/predict.js';
import { integerLinear } from '../../../src/training/quantization/integer-linear.js';
import {
  dequantizePerTensor,
  quantizePerTensor,
} from '../../../src/training/quantization/quantize.js';
import { quantizeModel } from '../../../src/training/quantization/quantize-model.js';
import {
  checkQuantizedModel,
  floatModelBytes,
  quantizedModelBytes,
  type QuantizedModelDocument,
} from '../../../src/training/quantization/quantized-model.js';
import { unsignedRange } from '../../../src/training/quantization/ranges.js';
import { checkAnyModel } from '../../../src/training/read-any-model.js';
import { floatModelDocument } from '../../helpers/model-documents.js';

/** A float model of `widths` with weights from `values` (cycled). */
function floatModel(
  widths: number[],
  values: readonly number[],
  activation = 'relu',
): ModelDocument {
  let at = 0;
  // + 0: JSON has no negative zero.
  const next = (): number => (values[at++ % values.length] as number) + 0;
  return floatModelDocument(widths, activation as 'relu', {
    normalization: 'standard',
    shift: () => Math.fround(next() / 4) + 0,
    scale: () => 1 + Math.abs(next()),
    weight: () => Math.fround(next() / 3),
    bias: () => Math.fround(next() / 10),
  });
}

/** The quantized model's outputs computed layer by layer with the JavaScript reference. */
function referenceOutputs(
  model: QuantizedModelDocument,
  features: Float64Array,
  samples: number,
): number[] {
  const q = model.quantization;
  // Normalized in float32 steps, as the integer network and the ONNX graph do.
  const { shift, scale: spread } = model.normalization;
  const d = model.featureNames.length;
  const normalized = Array.from(features, (x, i) =>
    Math.fround(
      Math.fround(Math.fround(x) - Math.fround(shift[i % d] as number)) /
        Math.fround(spread[i % d] as number),
    ),
  );
  let codes: ArrayLike<number> = quantizePerTensor(
    normalized,
    q.inputScale,
    q.inputZeroPoint,
    unsignedRange(),
    q.convention,
  );
  let scale = q.inputScale;
  let zeroPoint = q.inputZeroPoint;
  const widths = [
    model.architecture.inputs,
    ...model.architecture.hidden,
    model.architecture.outputs,
  ];
  model.layers.forEach((layer, l) => {
    const outputs = widths[l + 1] as number;
    codes = integerLinear(
      {
        inputs: widths[l] as number,
        outputs,
        weight: layer.weight.flat(),
        weightScale:
          layer.weightScale.length === 1
            ? new Array<number>(outputs).fill(layer.weightScale[0] as number)
            : layer.weightScale,
        bias: layer.bias,
        inputScale: scale,
        inputZeroPoint: zeroPoint,
        outputScale: layer.outputScale,
        outputZeroPoint: layer.outputZeroPoint,
        relu: l < model.layers.length - 1 && model.architecture.activation === 'relu',
      },
      codes,
      samples,
      q.convention,
    ).outputs;
    scale = layer.outputScale;
    zeroPoint = layer.outputZeroPoint;
  });
  return Array.from(dequantizePerTensor(codes, scale, zeroPoint));
}

const modelCase = fc.record({
  widths: fc.array(fc.integer({ min: 1, max: 19 }), { minLength: 2, maxLength: 4 }),
  values: fc.array(fc.float({ min: -3, max: 3, noNaN: true }), { minLength: 7, maxLength: 40 }),
  samples: fc.integer({ min: 1, max: 9 }),
  bits: fc.constantFrom(8 as const, 4 as const, 3 as const, 2 as const),
  scheme: fc.constantFrom('per-channel' as const, 'per-tensor' as const),
  observer: fc.constantFrom('minmax' as const, 'moving-average' as const, 'percentile' as const),
  convention: fc.constantFrom('torch' as const, 'onnx' as const),
  activation: fc.constantFrom('relu', 'identity'),
});

function caseData(c: {
  widths: number[];
  values: number[];
  samples: number;
  bits: 8 | 4 | 3 | 2;
  scheme: 'per-channel' | 'per-tensor';
  observer: 'minmax' | 'moving-average' | 'percentile';
  convention: 'torch' | 'onnx';
  activation: string;
}) {
  const widths = [...c.widths, 3];
  const model = floatModel(widths, c.values, c.activation);
  const d = widths[0] as number;
  const features = Float64Array.from(
    { length: c.samples * d },
    (_, i) => c.values[(i * 7) % c.values.length] as number,
  );
  const quantized = quantizeModel(model, features, c.samples, {
    weightBits: c.bits,
    scheme: c.scheme,
    observer: c.observer,
    convention: c.convention,
    batchSize: 4,
  });
  return { model, features, quantized };
}

describe('quantizeModel', () => {
  it('writes a document that checks, and survives save and load with the same predictions', () => {
    fc.assert(
      fc.property(modelCase, (c) => {
        const { features, quantized } = caseData(c);
        expect(checkQuantizedModel(quantized, 'model')).toBe(quantized);
        const loaded = checkAnyModel(JSON.parse(JSON.stringify(quantized)), 'saved.json');
        expect(loaded).toEqual(quantized);
        expect(predict(loaded, features, c.samples)).toEqual(
          predict(quantized, features, c.samples),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('runs on the integer kernels exactly as the layer-by-layer reference (float64 or float32 features)', () => {
    fc.assert(
      fc.property(modelCase, (c) => {
        const { features, quantized } = caseData(c);
        const outputs = quantized.architecture.outputs;
        const reference = referenceOutputs(quantized, features, c.samples);
        expect(Array.from(predictOutputs(quantized, features, c.samples))).toEqual(reference);
        expect(
          Array.from(predictOutputs(quantized, Float32Array.from(features), c.samples)),
        ).toEqual(reference);
        const { values } = predict(quantized, features, c.samples);
        for (let n = 0; n < c.samples; n++) {
          const row = reference.slice(n * outputs, (n + 1) * outputs);
          expect(values[n]).toBe(row.indexOf(Math.max(...row)));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('counts bytes by the reference formula (64-256-10: 76,840 float, 21,072 int8, 9,232 3-bit)', () => {
    const model = floatModel([64, 256, 10], [0.5, -0.25, 1]);
    const features = new Float64Array(64).fill(1);
    expect(floatModelBytes(model)).toBe(76840);
    expect(quantizedModelBytes(quantizeModel(model, features, 1))).toBe(21072);
    expect(quantizedModelBytes(quantizeModel(model, features, 1, { weightBits: 3 }))).toBe(9232);
    expect(quantizedModelBytes(quantizeModel(model, features, 1, { weightBits: 2 }))).toBe(6864);
  });

  it('refuses activations integer inference cannot fuse, and calibration data of another width', () => {
    const tanh = floatModel([3, 4, 2], [0.1, 0.2], 'tanh');
    expect(() => quantizeModel(tanh, new Float64Array(3), 1)).toThrow(
      /activation must be relu or identity for integer inference \(got tanh\)/,
    );
    const relu = floatModel([3, 4, 2], [0.1, 0.2]);
    expect(() => quantizeModel(relu, new Float64Array(4), 1)).toThrow(KilnError);
  });
});

describe('checkQuantizedModel', () => {
  const good = quantizeModel(
    floatModel([3, 4, 2], [0.1, -0.7, 0.3]),
    new Float64Array([1, 2, 3]),
    1,
  );

  it('names the layer whose shape does not fit the architecture', () => {
    const bad = structuredClone(good);
    bad.layers[1]?.weight.pop();
    expect(() => checkQuantizedModel(bad, 'q.json')).toThrow(
      /q\.json: \/layers\/1\/weight must be 2 rows of 4 integers/,
    );
  });

  it('refuses codes outside the weight range and a wrong number of scales', () => {
    const bad = structuredClone(good);
    (bad.layers[0]?.weight[0] as number[])[1] = 128;
    expect(() => checkQuantizedModel(bad, 'q.json')).toThrow(
      /must be an integer in -128\.\.127 for 8-bit weights \(got 128\)/,
    );
    const scales = structuredClone(good);
    scales.layers[0]?.weightScale.pop();
    expect(() => checkQuantizedModel(scales, 'q.json')).toThrow(
      /weightScale must hold 4 scales for per-channel/,
    );
  });
});
