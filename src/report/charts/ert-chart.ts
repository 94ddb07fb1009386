// Expected running time (COCO's ERT) per problem and solver variant: a dot per pair on a log
// scale, one colour per solver; pairs without a success sit at the right edge as open circles.
import type { SummaryRow } from '../../runners/batch/summary-types.js';
import { categoryAxis, makeAxis } from '../svg/axis.js';
import { escapeXml, pixel } from '../svg/escape.js';
import { chartFrame, emptyChart } from '../svg/frame.js';
import { seriesColor } from '../svg/palette.js';
import { maxOf, minOf } from '../../core/extremes.js';

const WIDTH = 880;
const ROW = 30;

/** The ERT chart of a batch's summary rows (rows without a target are left out). */
export function ertChart(rows: readonly SummaryRow[]): string {
  const description = 'Expected running time to the target per problem and solver';
  const withTarget = rows.filter((r) => r.ert !== null);
  if (withTarget.length === 0)
    return emptyChart(WIDTH, 120, description, 'no problem of this batch sets a target');
  const problems = [...new Set(withTarget.map((r) => r.problem))];
  const solvers = [...new Set(withTarget.map((r) => r.solver))];
  const finite = withTarget.map((r) => r.ert as number).filter(Number.isFinite);
  const area = { left: 170, right: WIDTH - 250, top: 44, bottom: 44 + ROW * problems.length };
  const height = area.bottom + 46;
  const x = makeAxis(
    finite.length === 0 ? [1, 10] : [Math.max(1, minOf(finite)), maxOf(finite) * 1.5],
    {
      log: true,
      from: area.left,
      to: area.right,
    },
  );
  const y = categoryAxis(problems, area.top, area.bottom);
  const frame = chartFrame({
    width: WIDTH,
    height,
    area,
    x,
    y,
    description,
    subtitle:
      'evaluations spent by all runs until success or end, divided by the successes; open circle: no success',
    xLabel: 'ERT (evaluations, log scale)',
    tickCharacters: 24,
  });
  const out = [...frame.open];
  for (const row of withTarget) {
    const s = solvers.indexOf(row.solver);
    const p = problems.indexOf(row.problem);
    const offset = solvers.length === 1 ? 0 : (s / (solvers.length - 1) - 0.5) * ROW * 0.5;
    const py = y.toPixel(p) + offset;
    const ert = row.ert as number;
    const px = Number.isFinite(ert) ? x.toPixel(ert) : area.right - 6;
    const color = seriesColor(s);
    const fill = Number.isFinite(ert)
      ? `fill="${color}"`
      : `fill="#ffffff" stroke="${color}" stroke-width="2"`;
    out.push(
      `<circle cx="${pixel(px)}" cy="${pixel(py)}" r="5" ${fill}><title>${escapeXml(`${row.problem}, ${row.solver}: ERT ${Number.isFinite(ert) ? Math.round(ert) : 'inf (no success)'}, ${row.successes ?? 0} of ${row.runs} runs reached the target`)}</title></circle>`,
    );
  }
  solvers.forEach((solver, i) => {
    const ly = area.top + 10 + i * 20;
    out.push(
      `<circle cx="${area.right + 24}" cy="${ly}" r="5" fill="${seriesColor(i)}"/>`,
      `<text x="${area.right + 36}" y="${ly + 4}">${escapeXml(solver)}</text>`,
    );
  });
  out.push(frame.close);
  return out.join('\n');
}
