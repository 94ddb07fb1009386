// The files a study leaves in its output folder: best.json and trials.csv (the journal is
// written as trials finish).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../core/guards.js';
import type { TrialRecord } from './study-journal.js';

/**
 * Writes trials.csv: one row per trial in trial order, one column per parameter, then one per
 * attribute the problem records (e.g. parameters).
 */
export function writeTrialsCsv(folder: string, trials: readonly TrialRecord[]): void {
  const sorted = [...trials].sort((a, b) => a.number - b.number);
  const names = columnNames(sorted.map((t) => flatten(t.params)));
  const attributeNames = columnNames(sorted.map((t) => t.attributes ?? {}));
  const header = ['trial', 'status', 'value', 'durationMs', ...names, ...attributeNames, 'error'];
  const rows = sorted.map((t) => {
    const params = flatten(t.params);
    const attributes: Record<string, unknown> = t.attributes ?? {};
    return [
      String(t.number),
      t.status,
      t.value === null ? '' : String(t.value),
      t.durationMs.toFixed(1),
      ...names.map((n) => (n in params ? csvCell(params[n]) : '')),
      ...attributeNames.map((n) => (n in attributes ? csvCell(attributes[n]) : '')),
      csvCell(t.error ?? ''),
    ].join(',');
  });
  writeFileSync(join(folder, 'trials.csv'), `${[header.join(','), ...rows].join('\n')}\n`);
}

/** Writes best.json. */
export function writeBestJson(folder: string, best: Record<string, unknown>): void {
  writeFileSync(join(folder, 'best.json'), `${JSON.stringify(best, null, 2)}\n`);
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
