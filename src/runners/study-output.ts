// The files a study leaves in its output folder: best.json and trials.csv (the journal is
// written as trials finish).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../core/guards.js';
import type { TrialRecord } from './study-journal.js';

/** Writes trials.csv: one row per trial in trial order, one column per parameter. */
export function writeTrialsCsv(folder: string, trials: readonly TrialRecord[]): void {
  const sorted = [...trials].sort((a, b) => a.number - b.number);
  const names: string[] = [];
  const seen = new Set<string>();
  for (const trial of sorted) {
    for (const name of Object.keys(flatten(trial.params))) {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  const header = ['trial', 'status', 'value', 'durationMs', ...names, 'error'];
  const rows = sorted.map((t) => {
    const params = flatten(t.params);
    return [
      String(t.number),
      t.status,
      t.value === null ? '' : String(t.value),
      t.durationMs.toFixed(1),
      ...names.map((n) => (n in params ? csvCell(params[n]) : '')),
      csvCell(t.error ?? ''),
    ].join(',');
  });
  writeFileSync(join(folder, 'trials.csv'), `${[header.join(','), ...rows].join('\n')}\n`);
}

/** Writes best.json. */
export function writeBestJson(folder: string, best: Record<string, unknown>): void {
  writeFileSync(join(folder, 'best.json'), `${JSON.stringify(best, null, 2)}\n`);
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
