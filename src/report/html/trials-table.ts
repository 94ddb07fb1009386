// The table of trials: data for the script (columns and rows, sortable and filterable in the
// page) and the first page rendered as HTML, so that it reads without the script too.
import { formatNumber } from '../../cli/format.js';
import type { ParameterInfo } from '../parameters.js';
import type { ReportTrial } from '../study-model.js';
import { escapeXml } from '../svg/escape.js';

/** Rows per page of the table. */
export const TABLE_PAGE_SIZE = 100;

/** The table's data as embedded in the report. */
export interface TrialTable {
  columns: string[];
  /** Which columns hold numbers (right-aligned). */
  numeric: boolean[];
  rows: (string | number | boolean | null)[][];
  pageSize: number;
}

// Parameters to 6 significant digits: what a reader compares, at half the bytes of full
// doubles (journal.jsonl and trials.csv keep them exact). Values stay exact.
const shortened = (value: unknown): string | number | boolean | null =>
  typeof value === 'number'
    ? Number(value.toPrecision(6))
    : ((value as string | boolean | undefined) ?? null);

/** The table of `trials` with one column per parameter. */
export function trialTable(
  trials: readonly ReportTrial[],
  parameters: readonly ParameterInfo[],
  objectives: readonly { name: string }[] = [],
): TrialTable {
  // A multi-objective study: one column per objective instead of the value.
  const valueColumns = objectives.length > 1 ? objectives.map((o) => o.name) : ['value'];
  // The failure message column yields its name to an objective called `error`, as in trials.csv.
  const messageColumn = valueColumns.includes('error') ? 'errorMessage' : 'error';
  // The duration column likewise, to an objective or a parameter called `seconds`.
  const named = [...valueColumns, ...parameters.map((p) => p.name)];
  const secondsColumn = named.includes('seconds') ? 'durationSeconds' : 'seconds';
  const columns = [
    'trial',
    'status',
    ...valueColumns,
    secondsColumn,
    ...parameters.map((p) => p.name),
    messageColumn,
  ];
  const numeric = [
    true,
    false,
    ...valueColumns.map(() => true),
    true,
    ...parameters.map((p) => p.kind === 'numeric'),
    false,
  ];
  const rows = trials.map((t) => [
    t.number,
    t.status,
    ...(objectives.length > 1 ? valueColumns.map((_, i) => t.values?.[i] ?? null) : [t.value]),
    Math.round(t.durationMs) / 1000,
    ...parameters.map((p) => shortened(t.params[p.name])),
    t.error ?? null,
  ]);
  return { columns, numeric, rows, pageSize: TABLE_PAGE_SIZE };
}

const cellText = (value: string | number | boolean | null): string =>
  value === null ? '' : typeof value === 'number' ? formatNumber(value) : String(value);

/** The table's HTML: filter box, page buttons, header and the first page (by trial number). */
export function trialTableHtml(table: TrialTable, best: number | undefined): string {
  const header = table.columns.map((c) => `<th>${escapeXml(c)}</th>`).join('');
  const errorColumn = table.columns.length - 1;
  const rows = table.rows.slice(0, table.pageSize).map((row) => {
    const cells = row.map((value, i) => {
      const className =
        i === errorColumn && value !== null
          ? ' class="error"'
          : table.numeric[i] === true
            ? ' class="num"'
            : '';
      return `<td${className}>${escapeXml(cellText(value))}</td>`;
    });
    const bestClass = row[0] === best ? ' class="best"' : '';
    return `<tr data-t="${String(row[0])}"${bestClass}>${cells.join('')}</tr>`;
  });
  const pages = Math.max(1, Math.ceil(table.rows.length / table.pageSize));
  return [
    '<div class="controls"><input id="trials-filter" type="search" placeholder="filter: any text in a row" aria-label="filter trials">',
    '<button id="trials-previous" type="button">previous</button><button id="trials-next" type="button">next</button>',
    ` <span id="trials-page">${table.rows.length} trials, page 1 of ${pages}</span></div>`,
    `<div class="table-wrap"><table id="trials"><thead><tr>${header}</tr></thead>`,
    `<tbody id="trials-body">${rows.join('\n')}</tbody></table></div>`,
  ].join('\n');
}
