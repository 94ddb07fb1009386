// CSV files as datasets: a header row, one sample per line, numeric features, and a target column
// named by an option; a malformed value is reported with its line, row and column.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { DataFileError } from '../../core/errors.js';
import type { Dataset, Task } from './dataset.js';

/** Options of {@link datasetFromCsv}. */
export interface CsvDatasetOptions {
  /** Name of the target column. @defaultValue "target" if present, else the last column */
  target?: string;
  /** @defaultValue "classification" */
  task?: Task;
  /** Name for reports. @defaultValue the file name without extension */
  name?: string;
}

/** A parsed CSV table: header, rows of fields, and the 1-based file line of each row. */
export interface CsvTable {
  header: string[];
  rows: string[][];
  lines: number[];
}

/** Splits one CSV line into fields (RFC 4180 quotes: "a,b" and "" inside quotes). */
function splitLine(line: string, file: string, lineNumber: number): string[] {
  if (!line.includes('"')) return line.split(',').map((f) => f.trim());
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  if (quoted) throw new DataFileError(file, lineNumber, 'a quoted field is not closed');
  fields.push(field.trim());
  return fields;
}

/** Parses CSV text with a header row; blank lines are skipped. */
export function parseCsv(text: string, file: string): CsvTable {
  const physical = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let headerIndex = physical.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw new DataFileError(file, undefined, 'is empty (expected a header row)');
  const header = splitLine(physical[headerIndex] as string, file, headerIndex + 1);
  const empty = header.findIndex((h) => h === '');
  if (empty >= 0) {
    throw new DataFileError(file, headerIndex + 1, `header column ${empty + 1} has no name`);
  }
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = ++headerIndex; i < physical.length; i++) {
    const line = physical[i] as string;
    if (line.trim() === '') continue;
    const fields = splitLine(line, file, i + 1);
    if (fields.length !== header.length) {
      throw new DataFileError(
        file,
        i + 1,
        `row ${rows.length + 1} has ${fields.length} fields, the header has ${header.length}`,
      );
    }
    rows.push(fields);
    lines.push(i + 1);
  }
  if (rows.length === 0) throw new DataFileError(file, undefined, 'has a header but no data rows');
  return { header, rows, lines };
}

/** Parses a numeric field, or throws an error naming the line, row and column. */
export function parseNumber(
  text: string,
  table: CsvTable,
  row: number,
  column: number,
  file: string,
): number {
  const value = text === '' ? NaN : Number(text);
  if (Number.isFinite(value)) return value;
  const what = text === '' ? 'is empty' : `${JSON.stringify(text)} is not a finite number`;
  throw new DataFileError(
    file,
    table.lines[row],
    `row ${row + 1}, column ${column + 1} (${JSON.stringify(table.header[column])}): ${what}`,
  );
}

/** A dataset from CSV text. Features must be numbers; classification targets may be any text. */
export function datasetFromCsv(text: string, file: string, options: CsvDatasetOptions = {}): Dataset {
  const table = parseCsv(text, file);
  const { header, rows } = table;
  const last = header[header.length - 1] ?? '';
  const targetName = options.target ?? (header.includes('target') ? 'target' : last);
  const targetColumn = header.indexOf(targetName);
  if (targetColumn < 0) {
    throw new DataFileError(
      file,
      1,
      `has no target column ${JSON.stringify(targetName)} (columns: ${header.join(', ')})`,
    );
  }
  if (header.length < 2) throw new DataFileError(file, 1, 'needs at least one feature column besides the target');
  const task = options.task ?? 'classification';
  const featureColumns = header.map((_, c) => c).filter((c) => c !== targetColumn);
  const d = featureColumns.length;
  const features = new Float64Array(rows.length * d);
  rows.forEach((fields, r) => {
    featureColumns.forEach((c, k) => {
      features[r * d + k] = parseNumber(fields[c] as string, table, r, c, file);
    });
  });
  const labels = new Int32Array(task === 'classification' ? rows.length : 0);
  const targets = new Float64Array(rows.length);
  let classNames: string[] = [];
  if (task === 'classification') {
    let raw = rows.map((fields, r) => {
      const value = fields[targetColumn] as string;
      if (value === '') parseNumber(value, table, r, targetColumn, file);
      return value;
    });
    // Numeric labels written differently ("1" and "1.0") are the same class.
    const numeric = raw.every((v) => Number.isFinite(Number(v)));
    if (numeric) raw = raw.map((v) => String(Number(v)));
    classNames = [...new Set(raw)];
    classNames.sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
    const index = new Map(classNames.map((name, i) => [name, i]));
    raw.forEach((value, r) => {
      const i = index.get(value) as number;
      labels[r] = i;
      targets[r] = i;
    });
    if (classNames.length < 2) {
      throw new DataFileError(
        file,
        undefined,
        `target column ${JSON.stringify(targetName)} has a single class`,
      );
    }
  } else {
    rows.forEach((fields, r) => {
      targets[r] = parseNumber(fields[targetColumn] as string, table, r, targetColumn, file);
    });
  }
  return {
    name: options.name ?? basename(file, extname(file)),
    samples: rows.length,
    featureNames: featureColumns.map((c) => header[c] as string),
    features,
    task,
    targetName,
    labels,
    targets,
    classNames,
  };
}

/** Reads a CSV file as a dataset (see {@link datasetFromCsv}). */
export function readCsvDataset(path: string, options: CsvDatasetOptions = {}): Dataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFileError(path, undefined, code === 'ENOENT' ? 'no such file' : `cannot read it (${String(code)})`);
  }
  return datasetFromCsv(text, path, options);
}
