// The report of a batch: the summary table, a convergence plot per problem, the ECDF of runs
// reaching their targets and the ERT per solver, as one HTML page.
import { formatNumber } from '../cli/format.js';
import type { BatchReport } from '../runners/batch/output-folder.js';
import {
  DISPLAY_HEADER,
  displayCells,
  hypervolumeSentence,
} from '../runners/batch/summary-files.js';
import { convergencePlotSvg } from './charts/convergence.js';
import { ertChart } from './charts/ert-chart.js';
import { targetEcdfChart } from './charts/target-ecdf.js';
import { reportPage, type ReportSection } from './html/page.js';
import { escapeXml, pixel } from './svg/escape.js';

// A bar of the batch's runs: finished, failed, not yet run.
function runsBar(report: BatchReport): string {
  const failed = report.summary.rows.reduce((sum, r) => sum + r.failed, 0);
  const finished = report.summary.finished - failed;
  const pending = report.runs - report.summary.finished;
  const parts: [string, string, number][] = [
    ['finished', 'complete', finished],
    ['failed', 'failed-swatch', failed],
    ['not run yet', 'pruned', pending],
  ];
  const out = [
    '<svg width="560" height="46" viewBox="0 0 560 46" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img">',
    '<title>Runs by outcome</title>',
  ];
  let at = 0;
  let legendAt = 0;
  for (const [label, className, n] of parts) {
    const width = report.runs === 0 ? 0 : (560 * n) / report.runs;
    if (n > 0)
      out.push(
        `<rect x="${pixel(at)}" y="0" width="${pixel(width)}" height="18" class="${className}"/>`,
      );
    at += width;
    const text = `${label} ${n}`;
    out.push(
      `<rect x="${legendAt}" y="28" width="10" height="10" class="${className}"/>`,
      `<text x="${legendAt + 14}" y="37">${escapeXml(text)}</text>`,
    );
    legendAt += 30 + text.length * 7;
  }
  out.push('</svg>');
  return out.join('\n');
}

function summaryTable(report: BatchReport): string {
  const header = DISPLAY_HEADER.map((h) => `<th>${escapeXml(h)}</th>`).join('');
  const rows = report.summary.rows.map(
    (row) =>
      `<tr>${displayCells(row)
        .map((cell, i) => `<td${i >= 2 ? ' class="num"' : ''}>${escapeXml(cell)}</td>`)
        .join('')}</tr>`,
  );
  const failures = report.summary.failures.map(
    (f) =>
      `<li>${escapeXml(`${f.problem}, ${f.solver}, seed ${f.seed}: `)}<span class="error">${escapeXml(f.error)}</span></li>`,
  );
  return [
    runsBar(report),
    `<div class="table-wrap"><table><thead><tr>${header}</tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`,
    ...(failures.length > 0 ? [`<h3>Failed runs</h3><ul>${failures.join('')}</ul>`] : []),
  ].join('\n');
}

/** Renders the report of a batch whose summary has just been computed. */
export function renderBatchReport(
  report: BatchReport,
  name: string,
  description: string | undefined,
): { html: string; sections: string[] } {
  const hypervolumes = hypervolumeSentence(report.summary);
  const sections: ReportSection[] = [
    {
      id: 'summary',
      title: 'Summary',
      note: `Final best values per problem and solver variant; gap: mean distance to the known optimum; success: share of runs at the target; ERT: expected evaluations to reach it (COCO).${hypervolumes === undefined ? '' : ` ${hypervolumes}`}`,
      body: summaryTable(report),
    },
    {
      id: 'convergence',
      title: 'Convergence',
      note: 'Median best-so-far against evaluations, with the interquartile band.',
      body:
        report.summary.curves.length === 0 && report.summary.hypervolumes.length > 0
          ? '<p class="note">Only multi-objective problems: their runs keep no best-so-far trace.</p>'
          : `<div class="grid">${report.summary.curves.map(convergencePlotSvg).join('\n')}</div>`,
    },
    {
      id: 'ecdf',
      title: 'Runs reaching their targets',
      body: targetEcdfChart(report.summary.targetRuns),
    },
    { id: 'ert', title: 'Expected running time', body: ertChart(report.summary.rows) },
  ];
  const html = reportPage({
    title: `Batch: ${name}`,
    subtitle: [
      ...(description === undefined ? [] : [description]),
      `${formatNumber(report.summary.finished)} of ${formatNumber(report.runs)} runs finished`,
    ],
    sections,
    data: { kind: 'batch', summary: report.summary.rows },
  });
  return { html, sections: sections.map((s) => s.id) };
}
