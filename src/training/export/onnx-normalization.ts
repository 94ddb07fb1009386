// The normalization of the inputs in an exported ONNX graph: Sub and Div by the model's shift
// and scale, computed as kiln computes it for that kind of model.
import { isQuantized, type AnyModelDocument } from '../quantization/quantized-model.js';
import type { OnnxGraph } from './onnx-graph.js';
import { DATA_TYPES } from './onnx-proto.js';

/** The name of the graph's input and outputs. */
export const ONNX_NAMES = { input: 'features', logits: 'logits', probabilities: 'probabilities' };

/**
 * Sub/Div by the model's normalization (nothing for `none`); returns the normalized tensor. A float
 * model normalizes as kiln's training and float inference do: in float64 (Cast, Sub, Div), rounded
 * once to float32 (Cast). A quantized model normalizes in float32, as its integer inference does.
 */
export function normalize(graph: OnnxGraph, model: AnyModelDocument): string {
  const { kind, shift, scale } = model.normalization;
  if (kind === 'none') return ONNX_NAMES.input;
  const d = shift.length;
  if (isQuantized(model)) {
    const shifted = graph.node('Sub', 'normalization.sub', [
      ONNX_NAMES.input,
      graph.floats('normalization.shift', [d], shift),
    ]);
    return graph.node('Div', 'normalization.div', [
      shifted,
      graph.floats('normalization.scale', [d], scale),
    ]);
  }
  const wide = graph.node('Cast', 'normalization.to_double', [ONNX_NAMES.input], {
    to: { int: DATA_TYPES.double },
  });
  const shifted = graph.node('Sub', 'normalization.sub', [
    wide,
    graph.doubles('normalization.shift', [d], shift),
  ]);
  const divided = graph.node('Div', 'normalization.div', [
    shifted,
    graph.doubles('normalization.scale', [d], scale),
  ]);
  return graph.node('Cast', 'normalization.to_float', [divided], {
    to: { int: DATA_TYPES.float },
  });
}
