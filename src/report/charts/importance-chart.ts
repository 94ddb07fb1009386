// Parameter importance as horizontal bars, most important on top, conditional parameters marked.
import type { ImportanceResult } from '../importance.js';
import { categoryAxis, makeAxis } from '../svg/axis.js';
import { escapeXml, pixel } from '../svg/escape.js';
import { chartFrame, emptyChart } from '../svg/frame.js';

const WIDTH = 880;
const ROW = 24;

/** The importance chart (PED-ANOVA). */
export function importanceChart(result: ImportanceResult): string {
  const description = 'Parameter importance (PED-ANOVA): share of the total';
  const rows = result.importances;
  if (rows.length === 0 || result.topTrials === 0)
    return emptyChart(WIDTH, 120, description, 'importance needs at least two complete trials');
  const area = { left: 190, right: WIDTH - 70, top: 40, bottom: 40 + ROW * rows.length };
  const height = area.bottom + 44;
  const x = makeAxis([0, 1], { log: false, from: area.left, to: area.right, exactMin: true });
  const labels = rows.map((r) => (r.conditional ? `${r.name} (conditional)` : r.name));
  const y = categoryAxis(labels, area.top, area.bottom);
  const frame = chartFrame({
    width: WIDTH,
    height,
    area,
    x: { ...x, ticks: x.ticks.filter((t) => t.value <= 1) },
    y,
    description,
    subtitle: `top ${Math.round(result.quantile * 100)}% (${result.topTrials} trials) against all ${result.trials} complete trials`,
    xLabel: 'importance',
    tickCharacters: 28,
  });
  const out = [...frame.open];
  rows.forEach((row, i) => {
    const top = y.toPixel(i) - ROW * 0.35;
    const width = x.toPixel(row.importance) - area.left;
    out.push(
      `<rect x="${area.left}" y="${pixel(top)}" width="${pixel(width)}" height="${pixel(ROW * 0.7)}" class="bar"><title>${escapeXml(`${row.name}: ${row.importance.toFixed(4)} (${row.trials} trials)`)}</title></rect>`,
      `<text x="${pixel(area.left + width + 4)}" y="${pixel(y.toPixel(i) + 4)}">${row.importance.toFixed(3)}</text>`,
    );
  });
  out.push(frame.close);
  return out.join('\n');
}
