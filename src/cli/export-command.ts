// `kiln export <model.json> --format onnx`: writes a float or quantized kiln model as an ONNX file
// that any ONNX runtime can run (normalization included).
import { basename, dirname, extname, join, resolve } from 'node:path';
import { exportOnnx, ONNX_NAMES, type QuantizedOnnxForm } from '../training/export/export-onnx.js';
import { isQuantized } from '../training/quantization/quantized-model.js';
import { readAnyModel } from '../training/read-any-model.js';
import { writeJson, writeOutputFile, type CliIo } from './io.js';

/** Arguments of `kiln export`. */
export interface ExportArguments {
  model: string;
  format: 'onnx';
  form: QuantizedOnnxForm;
  output?: string;
  json?: boolean;
}

/** Runs `kiln export`; returns the exit code. */
export function exportCommand(args: ExportArguments, io: CliIo): number {
  const modelPath = resolve(io.cwd, args.model);
  const model = readAnyModel(modelPath);
  const bytes = exportOnnx(model, { form: args.form });
  const output = resolve(
    io.cwd,
    args.output ?? join(dirname(modelPath), `${basename(modelPath, extname(modelPath))}.onnx`),
  );
  writeOutputFile(output, bytes);
  const quantized = isQuantized(model);
  const report = {
    model: modelPath,
    output,
    format: args.format,
    quantized,
    ...(quantized ? { form: args.form } : {}),
    bytes: bytes.length,
    input: ONNX_NAMES.input,
    outputs:
      model.task === 'classification' && model.loss === 'softmax-cross-entropy'
        ? [ONNX_NAMES.logits, ONNX_NAMES.probabilities]
        : [ONNX_NAMES.logits],
    opset: 13,
  };
  if (args.json === true) {
    writeJson(io, report);
    return 0;
  }
  const kind = quantized ? `quantized (${args.form} form)` : 'float';
  io.stdout.write(
    `${kind} model exported as ONNX (opset 13, ${bytes.length} bytes): input ${report.input}, outputs ${report.outputs.join(', ')}\nwritten to ${output}\n`,
  );
  return 0;
}
