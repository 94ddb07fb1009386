// Reading a model file of either kind: a float model (version 1, as kiln train writes) or a
// quantized one (version 2, as kiln quantize writes) or an NF4 one (version 3, kiln quantize
// --weights nf4).
import { checkModel, readModelJson } from './model.js';
import { checkNf4Model } from './nf4/nf4-model.js';
import { checkQuantizedModel, type AnyModelDocument } from './quantization/quantized-model.js';

/** Checks a parsed model document of either version. */
export function checkAnyModel(data: unknown, source: string): AnyModelDocument {
  // An NF4 model (version 3) runs as the float model of its dequantized weights.
  if ((data as { version?: unknown } | null)?.version === 3) return checkNf4Model(data, source);
  if ((data as { version?: unknown } | null)?.version === 2)
    return checkQuantizedModel(data, source);
  return checkModel(data, source);
}

/** Reads and checks a float or quantized model file. */
export function readAnyModel(path: string): AnyModelDocument {
  return checkAnyModel(readModelJson(path), path);
}
