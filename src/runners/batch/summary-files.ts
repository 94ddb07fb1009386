// Writers of a batch summary: summary.csv (one row per problem x solver variant), summary.json,
// summary.md (a markdown table with the plots), and plots/<problem>.svg.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringifyState } from '../../core/json.js';
import { formatNumber, markdownTable } from '../../cli/format.js';
import { convergencePlotSvg } from '../../report/charts/convergence.js';
import type { BatchSummary, SummaryRow } from './summary-types.js';

/** The columns of summary.csv, in order. */
export const SUMMARY_COLUMNS = [
  'problem',
  'solver',
  'runs',
  'median',
  'iqr',
  'best',
  'worst',
  'gapPercent',
  'successRate',
  'ert',
  'medianSeconds',
  'failed',
  'successes',
  'target',
  'optimum',
  'medianEvaluations',
  'medianMoveEvaluations',
] as const satisfies readonly (keyof SummaryRow)[];

/** Columns that depend on wall time (differ between otherwise identical batches). */
export const WALL_TIME_COLUMNS: readonly string[] = ['medianSeconds'];

function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return String(value);
  }
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** summary.csv: a header and one row per problem x solver variant; `inf` for an infinite ERT. */
export function summaryCsv(rows: readonly SummaryRow[]): string {
  const lines = [SUMMARY_COLUMNS.join(',')];
  for (const row of rows) lines.push(SUMMARY_COLUMNS.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

/** A file name for a label: safe characters only, unique among `taken`. */
export function fileNameFor(label: string, taken: Set<string>): string {
  const base = label.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'problem';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/** What the summary files say about the batch beyond its rows. */
export interface SummaryContext {
  description?: string;
  /** Runs in the grid. */
  runs: number;
  seeds: readonly number[];
}

const percent = (value: number | null): string =>
  value === null ? '-' : `${formatNumber(100 * value)}%`;

/** The cells of a row for humans (markdown and the terminal). */
export function displayCells(row: SummaryRow): string[] {
  return [
    row.problem,
    row.solver,
    row.failed > 0 ? `${row.runs} (${row.failed} failed)` : String(row.runs),
    formatNumber(row.median),
    formatNumber(row.iqr),
    formatNumber(row.best),
    formatNumber(row.worst),
    row.gapPercent === null ? '-' : `${formatNumber(row.gapPercent)}%`,
    percent(row.successRate),
    formatNumber(row.ert),
    formatNumber(row.medianSeconds),
  ];
}

/** Headers matching {@link displayCells}. */
export const DISPLAY_HEADER = [
  'problem',
  'solver',
  'runs',
  'median',
  'IQR',
  'best',
  'worst',
  'gap',
  'success',
  'ERT',
  'median s',
];

/** summary.md: the table and the convergence plots. */
export function summaryMarkdown(
  summary: BatchSummary,
  context: SummaryContext,
  plots: ReadonlyMap<string, string>,
): string {
  const lines = ['# Batch summary', ''];
  if (context.description !== undefined) lines.push(context.description, '');
  lines.push(
    `${summary.finished} of ${context.runs} runs finished (seeds ${context.seeds.join(', ')}). ` +
      `${valuesSentence(summary)}; gap: mean distance to the known optimum in percent; ` +
      'success: share of runs that reached the target; ERT: expected evaluations to reach it (COCO).',
    '',
    markdownTable(DISPLAY_HEADER, summary.rows.map(displayCells)),
    '',
  );
  const hypervolumeNote = hypervolumeSentence(summary);
  if (hypervolumeNote !== undefined) lines.push(hypervolumeNote, '');
  if (plots.size > 0) {
    lines.push('## Convergence', '');
    for (const [problem, file] of plots) lines.push(`![${problem}](${file})`, '');
  }
  return lines.join('\n');
}

// What the values of the rows are: final best values, hypervolumes, or some of each.
function valuesSentence(summary: BatchSummary): string {
  const hypervolumes = new Set([
    ...summary.hypervolumes.map((h) => h.problem),
    ...summary.multiObjective,
  ]);
  if (hypervolumes.size === 0) return 'Values are final best values';
  const fronts = "hypervolumes of the runs' Pareto fronts (see below)";
  return summary.rows.every((row) => row.median === null || hypervolumes.has(row.problem))
    ? `Values are ${fronts}`
    : `Values are final best values, and for multi-objective problems ${fronts}`;
}

/** The files written, relative to the output folder. */
export interface SummaryFiles {
  csv: string;
  json: string;
  markdown: string;
  plots: string[];
}

/** Writes the summary files into `folder`; returns their names. */
export function writeSummaryFiles(
  folder: string,
  summary: BatchSummary,
  context: SummaryContext,
): SummaryFiles {
  mkdirSync(join(folder, 'plots'), { recursive: true });
  const taken = new Set<string>();
  const plots = new Map<string, string>();
  for (const curves of summary.curves) {
    const file = `plots/${fileNameFor(curves.problem, taken)}.svg`;
    writeFileSync(join(folder, file), convergencePlotSvg(curves));
    plots.set(curves.problem, file);
  }
  writeFileSync(join(folder, 'summary.csv'), summaryCsv(summary.rows));
  writeFileSync(
    join(folder, 'summary.json'),
    `${stringifyState(
      {
        runs: context.runs,
        finished: summary.finished,
        seeds: context.seeds,
        rows: summary.rows,
        failures: summary.failures,
        plots: Object.fromEntries(plots),
      },
      2,
    )}\n`,
  );
  writeFileSync(join(folder, 'summary.md'), summaryMarkdown(summary, context, plots));
  return {
    csv: 'summary.csv',
    json: 'summary.json',
    markdown: 'summary.md',
    plots: [...plots.values()],
  };
}

/**
 * The sentence saying which problems have several objectives and so values that are
 * hypervolumes, against which reference points; undefined when there are none.
 */
export function hypervolumeSentence(summary: BatchSummary): string | undefined {
  if (summary.hypervolumes.length === 0) return undefined;
  const parts = summary.hypervolumes.map(
    (h) => `${h.problem} against (${h.referencePoint.join(', ')})`,
  );
  return `Multi-objective problems: values are the hypervolume of each run's Pareto front (larger is better), ${parts.join('; ')}; no convergence plot.`;
}
