// ONNX export read back with the same protobuf schema: every initializer and node expected, in
// order, with the shapes and values of the model (float, integer and QDQ forms).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../../../src/training/export/export-onnx.js';
import { decodeOnnxModel } from '../../../src/training/export/onnx-proto.js';
import type { ModelDocument } from '../../../src/training/model.js';
import { quantizeModel } from '../../../src/training/quantization/quantize-model.js';
import { floatModelDocument } from '../../helpers/model-documents.js';

interface Tensor {
  name: string;
  dims?: number[];
  dataType: number;
  rawData: Uint8Array;
}
interface Node {
  opType: string;
  name: string;
  input: string[];
  output: string[];
}

function floatModel(
  widths: number[],
  activation: ModelDocument['architecture']['activation'],
  normalized: boolean,
): ModelDocument {
  let at = 0;
  const next = (): number => Math.fround(Math.sin(at++) / 2);
  return floatModelDocument(widths, activation, {
    normalization: normalized ? 'standard' : 'none',
    shift: next,
    scale: () => 1.5,
    weight: next,
    bias: next,
  });
}

const shapes = fc.record({
  widths: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 2, maxLength: 5 }),
  activation: fc.constantFrom('relu' as const, 'identity' as const),
  normalized: fc.boolean(),
});

function graphOf(bytes: Uint8Array): {
  initializer: Tensor[];
  node: Node[];
  input: { name: string }[];
  output: { name: string }[];
} {
  const model = decodeOnnxModel(bytes) as {
    irVersion: number;
    opsetImport: { version: number }[];
    graph: never;
  };
  expect(model.irVersion).toBe(7);
  expect(model.opsetImport[0]?.version).toBe(13);
  return model.graph;
}

describe('exportOnnx', () => {
  it('writes a float model: normalization, then MatMul, Add and the activation per layer', () => {
    fc.assert(
      fc.property(shapes, ({ widths, activation, normalized }) => {
        const model = floatModel(widths, activation, normalized);
        const graph = graphOf(exportOnnx(model));
        const layers = widths.length - 1;
        const expectedInitializers = [
          ...(normalized ? ['normalization.shift', 'normalization.scale'] : []),
          ...Array.from({ length: layers }, (_, l) => [
            `layer${l}.weight`,
            `layer${l}.bias`,
          ]).flat(),
        ];
        expect(graph.initializer.map((t) => t.name)).toEqual(expectedInitializers);
        const expectedNodes = [
          // In float64, as kiln normalizes for training and float inference, then rounded once.
          ...(normalized ? ['Cast', 'Sub', 'Div', 'Cast'] : []),
          ...Array.from({ length: layers }, (_, l) =>
            l < layers - 1 && activation === 'relu' ? ['MatMul', 'Add', 'Relu'] : ['MatMul', 'Add'],
          ).flat(),
          'Identity',
          'Softmax',
        ];
        expect(graph.node.map((n) => n.opType)).toEqual(expectedNodes);
        expect(graph.input.map((i) => i.name)).toEqual(['features']);
        expect(graph.output.map((o) => o.name)).toEqual(['logits', 'probabilities']);
        if (normalized) {
          // The shift and scale in float64, exactly the model's.
          const shift = graph.initializer.find((t) => t.name === 'normalization.shift') as Tensor;
          expect(shift.dataType).toBe(11);
          const stored = Array.from(new Float64Array(Uint8Array.from(shift.rawData).buffer));
          expect(stored).toEqual(model.normalization.shift);
        }
        // The weight is stored transposed, [in][out], float32 little-endian.
        const weight = graph.initializer.find((t) => t.name === 'layer0.weight') as Tensor;
        expect(weight.dims).toEqual([widths[0], widths[1]]);
        const values = Array.from(new Float32Array(Uint8Array.from(weight.rawData).buffer));
        const rows = model.layers[0]?.weight ?? [];
        expect(values).toEqual(rows[0]?.flatMap((_, k) => rows.map((row) => row[k])));
      }),
      { numRuns: 30 },
    );
  });

  it('writes a quantized model in integer and QDQ form', () => {
    fc.assert(
      fc.property(
        shapes,
        fc.constantFrom('integer' as const, 'qdq' as const),
        ({ widths, activation, normalized }, form) => {
          const model = floatModel(widths, activation, normalized);
          const features = Float64Array.from({ length: 3 * (widths[0] as number) }, (_, i) =>
            Math.cos(i),
          );
          const quantized = quantizeModel(model, features, 3);
          const graph = graphOf(exportOnnx(quantized, { form }));
          const layers = widths.length - 1;
          const perLayer = (l: number): string[] =>
            form === 'integer'
              ? [
                  `layer${l}.weight`,
                  `layer${l}.bias`,
                  `layer${l}.multiplier`,
                  `layer${l}.output_scale`,
                  `layer${l}.output_zero_point`,
                ]
              : [
                  `layer${l}.weight`,
                  `layer${l}.bias`,
                  `layer${l}.weight_scale`,
                  `layer${l}.weight_zero_point`,
                  `layer${l}.output_scale`,
                  `layer${l}.output_zero_point`,
                ];
          expect(graph.initializer.map((t) => t.name)).toEqual([
            'input.scale',
            'input.zero_point',
            ...(normalized ? ['normalization.shift', 'normalization.scale'] : []),
            ...Array.from({ length: layers }, (_, l) => perLayer(l)).flat(),
          ]);
          const relu = (l: number): string[] =>
            l < layers - 1 && activation === 'relu' ? ['Relu'] : [];
          const layerNodes = (l: number): string[] =>
            form === 'integer'
              ? ['MatMulInteger', 'Cast', 'Mul', 'Add', ...relu(l), 'QuantizeLinear']
              : [
                  'DequantizeLinear',
                  'DequantizeLinear',
                  'MatMul',
                  'Add',
                  ...relu(l),
                  'QuantizeLinear',
                ];
          expect(graph.node.map((n) => n.opType)).toEqual([
            ...(normalized ? ['Sub', 'Div'] : []),
            'QuantizeLinear',
            ...Array.from({ length: layers }, (_, l) => layerNodes(l)).flat(),
            'DequantizeLinear',
            'Identity',
            'Softmax',
          ]);
          const weight = graph.initializer.find((t) => t.name === 'layer0.weight') as Tensor;
          expect(weight.dataType).toBe(3);
          expect(weight.dims).toEqual([widths[0], widths[1]]);
          const codes = new Int8Array(Uint8Array.from(weight.rawData).buffer);
          const columns = widths[1] as number;
          expect(codes[0]).toBe(quantized.layers[0]?.weight[0]?.[0]);
          if (codes.length > 1 && columns > 1)
            expect(codes[1]).toBe(quantized.layers[0]?.weight[1]?.[0]);
        },
      ),
      { numRuns: 30 },
    );
  });
});
