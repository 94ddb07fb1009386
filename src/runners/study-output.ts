// The files a study leaves in its output folder: best.json, trials.csv and, with several
// objectives, pareto.csv (the journal is written as trials finish).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../core/guards.js';
import { stringifyState } from '../core/json.js';
import type { ObjectiveDeclaration } from '../multi-objective/objectives.js';
import { writeParetoCsv } from '../multi-objective/pareto-csv.js';
import type { ParetoFrontEntry } from '../multi-objective/pareto-front.js';
import type { TrialRecord } from './study-journal.js';

/**
 * Writes trials.csv: one row per trial in trial order, its value (a multi-objective study: one
 * column per objective, and the constraint violation when some trial has one), one column per
 * parameter, then one per attribute the problem records (e.g. parameters) unless a column of that
 * name is already written.
 */
export function writeTrialsCsv(
  folder: string,
  trials: readonly TrialRecord[],
  objectives?: readonly ObjectiveDeclaration[],
): void {
  const sorted = [...trials].sort((a, b) => a.number - b.number);
  const names = columnNames(sorted.map((t) => flatten(t.params)));
  const violations = sorted.some((t) => t.violation !== undefined);
  const valueNames =
    objectives === undefined
      ? ['value']
      : [...objectives.map((o) => o.name), ...(violations ? ['violation'] : [])];
  // A recorded metric that is also an objective (a trainer's bytes) is written once, as the objective.
  const attributeNames = columnNames(sorted.map((t) => t.attributes ?? {})).filter(
    (n) => !valueNames.includes(n) && !names.includes(n),
  );
  const valueCells = (t: TrialRecord): string[] => {
    if (objectives === undefined) return [t.value === null ? '' : String(t.value)];
    const cells = objectives.map((_, i) =>
      t.values?.[i] === undefined ? '' : String(t.values[i]),
    );
    if (violations)
      cells.push(t.violation === undefined ? (t.values == null ? '' : '0') : String(t.violation));
    return cells;
  };
  // The failure message column yields its name to an objective called `error`.
  const messageColumn =
    objectives?.some((o) => o.name === 'error') === true ? 'errorMessage' : 'error';
  const header = [
    'trial',
    'status',
    ...valueNames,
    'durationMs',
    ...names,
    ...attributeNames,
    messageColumn,
  ];
  const rows = sorted.map((t) => {
    const params = flatten(t.params);
    const attributes: Record<string, unknown> = t.attributes ?? {};
    return [
      String(t.number),
      t.status,
      ...valueCells(t),
      t.durationMs.toFixed(1),
      ...names.map((n) => (n in params ? csvCell(params[n]) : '')),
      ...attributeNames.map((n) => (n in attributes ? csvCell(attributes[n]) : '')),
      csvCell(t.error ?? ''),
    ].join(',');
  });
  writeFileSync(
    join(folder, 'trials.csv'),
    `${[header.map(csvCell).join(','), ...rows].join('\n')}\n`,
  );
}

/**
 * Writes trials.csv and, for a multi-objective study (`objectives` and its `paretoFront`),
 * pareto.csv with the same parameter columns.
 */
export function writeTrialFiles(
  folder: string,
  trials: readonly TrialRecord[],
  objectives?: readonly ObjectiveDeclaration[],
  paretoFront?: readonly ParetoFrontEntry[],
): void {
  writeTrialsCsv(folder, trials, objectives);
  if (objectives !== undefined && paretoFront !== undefined) {
    const sorted = [...trials].sort((a, b) => a.number - b.number);
    const parameterColumns = columnNames(sorted.map((t) => flatten(t.params)));
    writeParetoCsv(folder, paretoFront, objectives, 'trial', parameterColumns);
  }
}

/**
 * What best.json and `kiln tune --json` say of a study. A multi-objective study has a front, not
 * a best trial: its document leaves out `bestParams`, `bestValue`, `bestTrial` and the single
 * `direction` (each objective carries its own).
 */
export function studyDocument(study: object): Record<string, unknown> {
  const document: Record<string, unknown> = { ...study };
  if (document.paretoFront !== undefined) {
    for (const key of ['bestParams', 'bestValue', 'bestTrial', 'direction']) delete document[key];
  }
  return document;
}

/** Writes best.json (non-finite numbers as `{"$number": "Infinity"}`, see core/json.ts). */
export function writeBestJson(folder: string, best: Record<string, unknown>): void {
  writeFileSync(join(folder, 'best.json'), `${stringifyState(best, 2)}\n`);
}

// The keys of the records, in order of first appearance.
function columnNames(records: readonly Record<string, unknown>[]): string[] {
  const names = new Set<string>();
  for (const record of records) for (const name of Object.keys(record)) names.add(name);
  return [...names];
}

// Parameters as columns: records by name, vectors as x0, x1, ...
function flatten(params: unknown): Record<string, unknown> {
  if (Array.isArray(params))
    return Object.fromEntries(params.map((v, i) => [`x${i}`, v as unknown]));
  if (isRecord(params)) return params;
  return { value: params };
}

function csvCell(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
