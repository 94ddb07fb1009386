// `kiln predict <model.json> <data.csv>`: predictions of a trained model for the rows of a CSV file
// (columns matched by name), as CSV or JSON; the accuracy too when the file has the target column.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataFileError } from '../core/errors.js';
import { parseCsv, parseNumber, type CsvTable } from '../training/data/csv.js';
import { accuracyOf, confusionMatrix } from '../training/metrics.js';
import type { AnyModelDocument } from '../training/quantization/quantized-model.js';
import { readAnyModel } from '../training/read-any-model.js';
import { predict } from '../training/predict.js';
import { writeJson, type CliIo } from './io.js';

/** Arguments of `kiln predict`. */
export interface PredictArguments {
  model: string;
  data: string;
  json?: boolean;
}

/** What `kiln predict` computes. */
export interface PredictionReport {
  model: string;
  data: string;
  rows: number;
  /** Class names (classification) or values (regression), one per row. */
  predictions: (string | number)[];
  /** Per row, the probability of each class (classification with a probabilistic loss). */
  probabilities?: number[][];
  /** With the target column: the fraction predicted correctly (classification). */
  accuracy?: number;
  /** With the target column: [actual][predicted] counts (classification). */
  confusionMatrix?: number[][];
  /** With the target column: root mean squared error (regression). */
  rootMeanSquaredError?: number;
}

/**
 * The model's feature columns of a parsed CSV table (matched by name), row-major; a missing
 * column is an error naming it.
 */
export function tableFeatures(
  model: AnyModelDocument,
  table: CsvTable,
  source: string,
): Float64Array {
  const columns = model.featureNames.map((name) => table.header.indexOf(name));
  const missing = model.featureNames.filter((_, k) => (columns[k] as number) < 0);
  if (missing.length > 0) {
    throw new DataFileError(
      source,
      1,
      `has no column ${listNames(missing)}, which the model reads (it reads ${model.featureNames.length} columns: ${listNames(model.featureNames)})`,
    );
  }
  const d = columns.length;
  const features = new Float64Array(table.rows.length * d);
  table.rows.forEach((fields, r) => {
    columns.forEach((c, k) => {
      features[r * d + k] = parseNumber(fields[c] as string, table, r, c, source);
    });
  });
  return features;
}

/** Predicts the rows of CSV text `text` (from file `source`) with `model`. */
export function predictCsv(
  model: AnyModelDocument,
  text: string,
  source: string,
): Omit<PredictionReport, 'model' | 'data'> {
  const table = parseCsv(text, source);
  const features = tableFeatures(model, table, source);
  const n = table.rows.length;
  const { values, probabilities } = predict(model, features, n);
  const classification = model.task === 'classification';
  const report: Omit<PredictionReport, 'model' | 'data'> = {
    rows: n,
    predictions: Array.from(values, (v) => (classification ? (model.classNames[v] as string) : v)),
  };
  if (probabilities !== undefined) {
    const k = model.classNames.length;
    report.probabilities = Array.from({ length: n }, (_, r) =>
      Array.from(probabilities.subarray(r * k, (r + 1) * k)),
    );
  }
  const target = table.header.indexOf(model.targetName);
  if (target < 0) return report;
  if (classification) {
    const index = new Map(model.classNames.map((name, i) => [name, i]));
    const numeric = model.classNames.every((name) => Number.isFinite(Number(name)));
    const actual = table.rows.map((fields) => {
      const raw = fields[target] as string;
      return index.get(numeric && raw !== '' ? String(Number(raw)) : raw) ?? -1;
    });
    const unknown = actual.indexOf(-1);
    if (unknown >= 0) {
      // An accuracy over labels the model cannot predict measures a mislabelled file, not it.
      const raw = table.rows[unknown]?.[target] as string;
      const others = actual.filter((a) => a < 0).length - 1;
      throw new DataFileError(
        source,
        table.lines[unknown],
        `row ${unknown + 1}, column ${target + 1} (${JSON.stringify(model.targetName)}): ${raw === '' ? 'is empty' : `${JSON.stringify(raw)} is not a class of the model`}; its classes are ${listNames(model.classNames)}${others > 0 ? `, and ${others} more ${others === 1 ? 'row holds a label' : 'rows hold labels'} it does not know` : ''}`,
      );
    }
    const matrix = confusionMatrix(actual, Array.from(values), model.classNames.length);
    report.confusionMatrix = matrix;
    report.accuracy = accuracyOf(matrix);
  } else {
    let sum = 0;
    table.rows.forEach((fields, r) => {
      const diff =
        (values[r] as number) - parseNumber(fields[target] as string, table, r, target, source);
      sum += diff * diff;
    });
    report.rootMeanSquaredError = Math.sqrt(sum / n);
  }
  return report;
}

/** Up to 6 quoted names, then how many more. */
function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 6).map((n) => JSON.stringify(n));
  return names.length > 6 ? `${shown.join(', ')} and ${names.length - 6} more` : shown.join(', ');
}

/** Runs `kiln predict`; returns the exit code. */
export function predictCommand(args: PredictArguments, io: CliIo): number {
  const modelPath = resolve(io.cwd, args.model);
  const dataPath = resolve(io.cwd, args.data);
  const model = readAnyModel(modelPath);
  let text: string;
  try {
    text = readFileSync(dataPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFileError(
      dataPath,
      undefined,
      code === 'ENOENT' ? 'no such file' : `cannot read it (${String(code)})`,
    );
  }
  const report: PredictionReport = {
    model: modelPath,
    data: dataPath,
    ...predictCsv(model, text, dataPath),
  };
  if (args.json === true) {
    writeJson(io, report);
    return 0;
  }
  io.stdout.write(predictionsCsv(report));
  if (report.accuracy !== undefined) {
    const correct = Math.round(report.accuracy * report.rows);
    io.stderr.write(`accuracy ${report.accuracy.toFixed(4)} (${correct} of ${report.rows} rows)\n`);
  }
  if (report.rootMeanSquaredError !== undefined)
    io.stderr.write(`root mean squared error ${report.rootMeanSquaredError}\n`);
  return 0;
}

/** The predictions as CSV: row (1-based), prediction, and the probability of the predicted class. */
function predictionsCsv(report: PredictionReport): string {
  const lines = [
    report.probabilities === undefined ? 'row,prediction' : 'row,prediction,probability',
  ];
  report.predictions.forEach((p, r) => {
    const probability = report.probabilities?.[r];
    const cell =
      typeof p === 'string' && /[",\n]/.test(p) ? `"${p.replace(/"/g, '""')}"` : String(p);
    lines.push(
      probability === undefined
        ? `${r + 1},${cell}`
        : `${r + 1},${cell},${Math.max(...probability)}`,
    );
  });
  return `${lines.join('\n')}\n`;
}
