// `kiln quantize <model.json>`: post-training quantization of a trained model, calibrated on a
// shipped dataset's training rows or on a CSV file, written as a quantized model document; the
// float and quantized accuracies and parameter bytes side by side.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DataFileError, KilnError, ParameterError } from '../core/errors.js';
import { parseCsv } from '../training/data/csv.js';
import type { Dataset } from '../training/data/dataset.js';
import { DATASET_NAMES, isDatasetName, loadDataset } from '../training/data/datasets.js';
import { readModel, type ModelDocument } from '../training/model.js';
import { predict } from '../training/predict.js';
import type { ObserverKind } from '../training/quantization/observers.js';
import { CALIBRATION_ROWS } from '../training/quantization/calibrate.js';
import { quantizeModel } from '../training/quantization/quantize-model.js';
import {
  floatModelBytes,
  quantizedModelBytes,
  type AnyModelDocument,
  type WeightScheme,
} from '../training/quantization/quantized-model.js';
import type { RoundingConvention, WeightBits } from '../training/quantization/ranges.js';
import { dequantizeModelNf4, nf4ModelBytes, quantizeModelNf4 } from '../training/nf4/nf4-model.js';
import { formatNumber } from './format.js';
import { writeJson, writeOutputFile, type CliIo } from './io.js';
import { predictCsv, tableFeatures } from './predict-command.js';

/** Arguments of `kiln quantize`. */
export interface QuantizeArguments {
  model: string;
  calibration?: string;
  weightsBits?: WeightBits;
  /** nf4: NF4 weights (blocks of 64, double quantization) instead of integer ones. */
  weights?: 'int' | 'nf4';
  scheme?: WeightScheme;
  observer?: ObserverKind;
  convention?: RoundingConvention;
  output?: string;
  json?: boolean;
}

/** What `kiln quantize --json` prints. */
export interface QuantizeReport {
  model: string;
  output: string;
  calibration: string;
  calibrationRows: number;
  /** Rows the accuracies are measured on (a shipped dataset's test rows, or the CSV's rows). */
  evaluationRows: number;
  weightBits: WeightBits;
  scheme: WeightScheme;
  observer: ObserverKind;
  convention: RoundingConvention;
  floatAccuracy?: number;
  quantizedAccuracy?: number;
  floatBytes: number;
  quantizedBytes: number;
  compressionRatio: number;
}

interface CalibrationData {
  source: string;
  features: Float64Array;
  rows: number;
  /** Accuracy of a model on the evaluation rows (undefined without labels). */
  accuracy: (model: AnyModelDocument) => number | undefined;
  evaluationRows: number;
}

/** The model's columns (`columns`: their indices in the dataset) of `rows`, row-major. */
function rowsOf(
  dataset: Dataset,
  columns: readonly number[],
  rows: readonly number[],
): Float64Array {
  const d = dataset.featureNames.length;
  const out = new Float64Array(rows.length * columns.length);
  rows.forEach((r, i) =>
    columns.forEach((c, k) => {
      out[i * columns.length + k] = dataset.features[r * d + c] as number;
    }),
  );
  return out;
}

/** A shipped dataset: calibration on its training rows, accuracy on its test rows. */
function shippedCalibration(name: string, model: ModelDocument): CalibrationData {
  const dataset = loadDataset(name);
  const columns = model.featureNames.map((f) => dataset.featureNames.indexOf(f));
  const missing = model.featureNames.filter((_, k) => (columns[k] as number) < 0);
  if (missing.length > 0) {
    throw new ParameterError(
      `kiln quantize: --calibration ${name} has no column ${missing.slice(0, 3).join(', ')}, which the model reads (calibrate on the data the model was trained on)`,
    );
  }
  const split = dataset.split ?? { train: [], test: [] };
  const test = rowsOf(dataset, columns, split.test);
  const calibration = split.train.slice(0, CALIBRATION_ROWS);
  return {
    source: name,
    features: rowsOf(dataset, columns, calibration),
    rows: calibration.length,
    evaluationRows: split.test.length,
    accuracy: (m) => {
      if (model.task !== 'classification' || split.test.length === 0) return undefined;
      const { values } = predict(m, test, split.test.length);
      const index = new Map(model.classNames.map((n, i) => [n, i]));
      let correct = 0;
      split.test.forEach((r, i) => {
        const name = dataset.classNames[dataset.labels[r] as number] as string;
        if (index.get(name) === values[i]) correct++;
      });
      return correct / split.test.length;
    },
  };
}

/** A CSV file: calibration on all its rows, accuracy on them when it has the target column. */
function csvCalibration(path: string, model: ModelDocument): CalibrationData {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFileError(
      path,
      undefined,
      code === 'ENOENT'
        ? `no such file, nor a dataset name (--calibration takes a CSV file or one of ${DATASET_NAMES.join(', ')})`
        : `cannot read it (${String(code)})`,
    );
  }
  const table = parseCsv(text, path);
  const features = tableFeatures(model, table, path);
  return {
    source: path,
    features,
    rows: table.rows.length,
    evaluationRows: table.rows.length,
    accuracy: (m) => predictCsv(m, text, path).accuracy,
  };
}

function calibrationData(
  args: QuantizeArguments,
  model: ModelDocument,
  cwd: string,
): CalibrationData {
  const trained = model.training?.dataset;
  const name = args.calibration ?? (typeof trained === 'string' ? trained : undefined);
  if (name === undefined || (args.calibration === undefined && !isDatasetName(name))) {
    throw new ParameterError(
      'kiln quantize: --calibration must name a shipped dataset or a CSV file (the model does not say which shipped dataset it was trained on)',
    );
  }
  return isDatasetName(name)
    ? shippedCalibration(name, model)
    : csvCalibration(resolve(cwd, name), model);
}

/** `model.json` → `model-int8.json` (or `-int4`...) beside it. */
function defaultOutput(modelPath: string, bits: number): string {
  const base = basename(modelPath, extname(modelPath));
  return join(dirname(modelPath), `${base}-int${bits}.json`);
}

// Writing the quantized model over the float one it was made from would lose the float model.
function refuseInputAsOutput(modelPath: string, output: string): void {
  const same =
    output === modelPath ||
    (existsSync(output) &&
      existsSync(modelPath) &&
      realpathSync(output) === realpathSync(modelPath));
  if (!same) return;
  throw new KilnError(
    'E_USAGE',
    `--output must name a file other than the model it quantizes, ${modelPath} (got ${output}); leave --output out to write the quantized model beside it`,
  );
}

// NF4 fixes its weights (4-bit NormalFloat in blocks of 64) and keeps float activations: the
// integer quantizer's options would be ignored, so giving one with it is a contradiction.
function refuseIntegerOptionsWithNf4(args: QuantizeArguments): void {
  if (args.weights !== 'nf4') return;
  const given = (
    [
      ['--weights-bits', args.weightsBits],
      ['--scheme', args.scheme],
      ['--observer', args.observer],
      ['--convention', args.convention],
    ] as const
  ).filter(([, value]) => value !== undefined);
  if (given.length === 0) return;
  const flags = given.map(([flag]) => flag).join(', ');
  throw new KilnError(
    'E_USAGE',
    `--weights nf4 takes no ${flags} (got ${given.map(([flag, value]) => `${flag} ${String(value)}`).join(', ')}): its weights are 4-bit NormalFloat in blocks of 64, with float activations; leave ${flags} out, or use --weights int for integer weights`,
  );
}

/** Runs `kiln quantize`; returns the exit code. */
export function quantizeCommand(args: QuantizeArguments, io: CliIo): number {
  refuseIntegerOptionsWithNf4(args);
  const modelPath = resolve(io.cwd, args.model);
  if (args.output !== undefined) refuseInputAsOutput(modelPath, resolve(io.cwd, args.output));
  const model = readModel(modelPath);
  const data = calibrationData(args, model, io.cwd);
  if (args.weights === 'nf4') return writeNf4Model(args, model, modelPath, data, io);
  const weightBits = args.weightsBits ?? 8;
  const scheme = args.scheme ?? 'per-channel';
  const observer = args.observer ?? 'minmax';
  const convention = args.convention ?? 'torch';
  const quantized = quantizeModel(model, data.features, data.rows, {
    weightBits,
    scheme,
    observer,
    convention,
  });
  const output = resolve(io.cwd, args.output ?? defaultOutput(modelPath, weightBits));
  writeOutputFile(output, `${JSON.stringify(quantized)}\n`);
  const comparison = compare(model, quantized, quantizedModelBytes(quantized), data);
  const report: QuantizeReport = {
    model: modelPath,
    output,
    calibration: data.source,
    calibrationRows: data.rows,
    evaluationRows: data.evaluationRows,
    weightBits,
    scheme,
    observer,
    convention,
    ...comparison,
  };
  return printReport(
    args,
    io,
    report,
    `quantized ${weightBits}-bit weights (${scheme}), 8-bit activations (${observer}, ${data.rows} calibration rows)`,
    'quantized',
    data.evaluationRows,
  );
}

/** Accuracies and parameter bytes of the float model and its compressed form, side by side. */
interface Comparison {
  floatAccuracy?: number;
  quantizedAccuracy?: number;
  floatBytes: number;
  quantizedBytes: number;
  compressionRatio: number;
}

function compare(
  model: ModelDocument,
  compressed: AnyModelDocument,
  quantizedBytes: number,
  data: CalibrationData,
): Comparison {
  const floatBytes = floatModelBytes(model);
  const floatAccuracy = data.accuracy(model);
  const quantizedAccuracy = data.accuracy(compressed);
  return {
    ...(floatAccuracy === undefined ? {} : { floatAccuracy }),
    ...(quantizedAccuracy === undefined ? {} : { quantizedAccuracy }),
    floatBytes,
    quantizedBytes,
    compressionRatio: floatBytes / quantizedBytes,
  };
}

/** Prints the report as JSON (--json) or as lines under `headline`; returns the exit code. */
function printReport(
  args: QuantizeArguments,
  io: CliIo,
  report: Comparison & { output: string },
  headline: string,
  label: string,
  evaluationRows: number,
): number {
  if (args.json === true) {
    writeJson(io, report);
    return 0;
  }
  const lines = [
    headline,
    `parameters ${report.floatBytes} B -> ${report.quantizedBytes} B (${formatNumber(report.compressionRatio)}x smaller)`,
  ];
  if (report.floatAccuracy !== undefined && report.quantizedAccuracy !== undefined)
    lines.push(
      `accuracy float ${report.floatAccuracy.toFixed(4)}, ${label} ${report.quantizedAccuracy.toFixed(4)} (${evaluationRows} rows)`,
    );
  lines.push(`model written to ${report.output}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** `kiln quantize --weights nf4`: the NF4 document, its bytes and accuracy beside the float model's. */
function writeNf4Model(
  args: QuantizeArguments,
  model: ModelDocument,
  modelPath: string,
  data: CalibrationData,
  io: CliIo,
): number {
  const nf4 = quantizeModelNf4(model);
  const base = basename(modelPath, extname(modelPath));
  const output = resolve(io.cwd, args.output ?? join(dirname(modelPath), `${base}-nf4.json`));
  writeOutputFile(output, `${JSON.stringify(nf4)}\n`);
  const report = {
    model: modelPath,
    output,
    weights: 'nf4',
    ...nf4.quantization,
    evaluationRows: data.evaluationRows,
    ...compare(model, dequantizeModelNf4(nf4), nf4ModelBytes(nf4), data),
  };
  return printReport(
    args,
    io,
    report,
    `NF4 weights (blocks of ${nf4.quantization.blockSize}, double quantization), float32 biases`,
    'NF4',
    data.evaluationRows,
  );
}
