// ONNX export of kiln models (opset 13): float models as MatMul/Add/activation graphs, quantized
// models in integer form (MatMulInteger, then Cast/Mul/Add and QuantizeLinear, the float32 steps of
// kiln's `onnx` requantization, so outputs match bit for bit) or QDQ form (QuantizeLinear/
// DequantizeLinear around float MatMuls, which runtimes fuse into their own integer kernels).
// The normalization of the inputs is part of the graph.
import { ParameterError } from '../../core/errors.js';
import type { ModelDocument } from '../model.js';
import {
  isQuantized,
  type AnyModelDocument,
  type QuantizedModelDocument,
} from '../quantization/quantized-model.js';
import { requantizeMultiplier } from '../quantization/requantize.js';
import { OnnxGraph } from './onnx-graph.js';
import { DATA_TYPES, encodeOnnxModel } from './onnx-proto.js';
import { normalize, ONNX_NAMES } from './onnx-normalization.js';

/** How a quantized model is written. */
export type QuantizedOnnxForm = 'integer' | 'qdq';

/** Options of {@link exportOnnx}. */
export interface ExportOnnxOptions {
  /** Quantized models: integer (MatMulInteger) or QDQ form. @defaultValue 'integer' */
  form?: QuantizedOnnxForm;
}

export { ONNX_NAMES } from './onnx-normalization.js';

function widthsOf(model: AnyModelDocument): number[] {
  const a = model.architecture;
  return [a.inputs, ...a.hidden, a.outputs];
}

/** The hidden layers' activation applied to `input`. */
function activate(graph: OnnxGraph, model: ModelDocument, input: string, l: number): string {
  const name = `layer${l}.activation`;
  switch (model.architecture.activation) {
    case 'relu':
      return graph.node('Relu', name, [input]);
    case 'leaky-relu':
      return graph.node('LeakyRelu', name, [input], { alpha: model.architecture.negativeSlope });
    case 'tanh':
      return graph.node('Tanh', name, [input]);
    case 'sigmoid':
      return graph.node('Sigmoid', name, [input]);
    case 'gelu': {
      // 0.5 x (1 + erf(x / sqrt 2)): Gelu itself is opset 20.
      const scaled = graph.node('Mul', `${name}.scale`, [
        input,
        graph.floats(`${name}.inverse_root_two`, [], [Math.SQRT1_2]),
      ]);
      const erf = graph.node('Erf', `${name}.erf`, [scaled]);
      const plus = graph.node('Add', `${name}.plus_one`, [
        erf,
        graph.floats(`${name}.one`, [], [1]),
      ]);
      const half = graph.node('Mul', `${name}.half_x`, [
        input,
        graph.floats(`${name}.half`, [], [0.5]),
      ]);
      return graph.node('Mul', name, [half, plus]);
    }
    default:
      return input;
  }
}

/** [out][in] rows transposed to the [in][out] matrix MatMul multiplies by. */
function transposed<T extends Float32Array | Int8Array>(
  rows: number[][],
  make: (n: number) => T,
): T {
  const outputs = rows.length;
  const inputs = rows[0]?.length ?? 0;
  const out = make(inputs * outputs);
  rows.forEach((row, o) => row.forEach((v, k) => (out[k * outputs + o] = v)));
  return out;
}

function floatGraph(graph: OnnxGraph, model: ModelDocument): string {
  const widths = widthsOf(model);
  let x = normalize(graph, model);
  model.layers.forEach((layer, l) => {
    const [inputs, outputs] = [widths[l] as number, widths[l + 1] as number];
    const weight = graph.constant(
      `layer${l}.weight`,
      'float',
      [inputs, outputs],
      transposed(layer.weight, (n) => new Float32Array(n)),
    );
    const product = graph.node('MatMul', `layer${l}.matmul`, [x, weight]);
    x = graph.node('Add', `layer${l}.add`, [
      product,
      graph.floats(`layer${l}.bias`, [outputs], layer.bias),
    ]);
    if (l < model.layers.length - 1) x = activate(graph, model, x, l);
  });
  return x;
}

function zeroPoint(graph: OnnxGraph, name: string, value: number): string {
  return graph.constant(name, 'uint8', [], Uint8Array.of(value));
}

function quantizedGraph(
  graph: OnnxGraph,
  model: QuantizedModelDocument,
  form: QuantizedOnnxForm,
): string {
  const widths = widthsOf(model);
  const q = model.quantization;
  const relu = model.architecture.activation === 'relu';
  let scale = graph.floats('input.scale', [], [q.inputScale]);
  let zero = zeroPoint(graph, 'input.zero_point', q.inputZeroPoint);
  let x = graph.node('QuantizeLinear', 'input.quantize', [normalize(graph, model), scale, zero]);
  let inputScale = q.inputScale;
  model.layers.forEach((layer, l) => {
    const [inputs, outputs] = [widths[l] as number, widths[l + 1] as number];
    const weight = graph.constant(
      `layer${l}.weight`,
      'int8',
      [inputs, outputs],
      transposed(layer.weight, (n) => new Int8Array(n)),
    );
    const scales = Array.from(
      { length: outputs },
      (_, o) => layer.weightScale[layer.weightScale.length === 1 ? 0 : o] as number,
    );
    const bias = graph.floats(`layer${l}.bias`, [outputs], layer.bias);
    let real: string;
    if (form === 'integer') {
      const accumulator = graph.node('MatMulInteger', `layer${l}.matmul`, [x, weight, zero]);
      const float = graph.node('Cast', `layer${l}.cast`, [accumulator], {
        to: { int: DATA_TYPES.float },
      });
      const multiplier = graph.floats(
        `layer${l}.multiplier`,
        [outputs],
        scales.map((s) => requantizeMultiplier(inputScale, s, 'onnx')),
      );
      real = graph.node('Add', `layer${l}.add`, [
        graph.node('Mul', `layer${l}.rescale`, [float, multiplier]),
        bias,
      ]);
    } else {
      const input = graph.node('DequantizeLinear', `layer${l}.input.dequantize`, [x, scale, zero]);
      const weights = graph.node(
        'DequantizeLinear',
        `layer${l}.weight.dequantize`,
        [
          weight,
          graph.floats(`layer${l}.weight_scale`, [outputs], scales),
          graph.constant(`layer${l}.weight_zero_point`, 'int8', [outputs], new Int8Array(outputs)),
        ],
        { axis: { int: 1 } },
      );
      real = graph.node('Add', `layer${l}.add`, [
        graph.node('MatMul', `layer${l}.matmul`, [input, weights]),
        bias,
      ]);
    }
    if (l < model.layers.length - 1 && relu)
      real = graph.node('Relu', `layer${l}.activation`, [real]);
    scale = graph.floats(`layer${l}.output_scale`, [], [layer.outputScale]);
    zero = zeroPoint(graph, `layer${l}.output_zero_point`, layer.outputZeroPoint);
    x = graph.node('QuantizeLinear', `layer${l}.quantize`, [real, scale, zero]);
    inputScale = layer.outputScale;
  });
  return graph.node('DequantizeLinear', 'output.dequantize', [x, scale, zero]);
}

/**
 * The ONNX model (opset 13, IR 7) of a float or quantized kiln model: input `features`
 * `[N][inputs]` (raw, as kiln predict reads them), outputs `logits` and, for softmax
 * classification, `probabilities`.
 */
export function exportOnnx(model: AnyModelDocument, options: ExportOnnxOptions = {}): Uint8Array {
  const form = options.form ?? 'integer';
  if (form !== 'integer' && form !== 'qdq')
    throw new ParameterError(`exportOnnx: form must be integer or qdq (got ${String(form)})`);
  const graph = new OnnxGraph();
  const result = isQuantized(model) ? quantizedGraph(graph, model, form) : floatGraph(graph, model);
  const outputs = model.architecture.outputs;
  const logits = graph.node('Identity', ONNX_NAMES.logits, [result]);
  const heads = [{ name: logits, width: outputs }];
  if (model.task === 'classification' && model.loss === 'softmax-cross-entropy')
    heads.push({
      name: graph.node('Softmax', ONNX_NAMES.probabilities, [logits], { axis: { int: 1 } }),
      width: outputs,
    });
  const kind = isQuantized(model)
    ? `${model.quantization.weightBits}-bit weights, ${form} form`
    : 'float';
  const network = widthsOf(model).join('-');
  return encodeOnnxModel(
    graph.model(
      `kiln-mlp ${network}`,
      { name: ONNX_NAMES.input, width: model.architecture.inputs },
      heads,
      `kiln ${network} ${model.architecture.activation} model (${kind}); classes: ${model.classNames.join(', ')}`,
    ),
  );
}
