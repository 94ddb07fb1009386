// The Pareto front chart: every complete trial in the plane of two objectives, the front's trials
// in red joined by their attainment staircase, dominated trials in blue, infeasible ones in grey
// (optuna-dashboard's colours). Drawn with inline colours, so that the same SVG stands alone
// (the README's figure) or inside a report, where hovering a point names its trial.
import type { ParetoModel, ValuedTrial } from '../pareto.js';
import { escapeXml, pixel } from '../svg/escape.js';
import { chartFrame, emptyChart } from '../svg/frame.js';
import { MUTED_COLOR, seriesColor } from '../svg/palette.js';
import { valueAxis } from '../svg/value-axis.js';
import { polyline } from './marks.js';

/** Options of {@link paretoFrontChart}. */
export interface ParetoChartOptions {
  /** The objectives on the x and y axes (indices into the model's objectives). */
  axes?: [number, number];
  width?: number;
  height?: number;
  title?: string;
  /** A standalone .svg file (xmlns attribute). */
  standalone?: boolean;
  /** Dots at most (the front is always drawn). @defaultValue 2000 */
  limit?: number;
}

const FRONT_COLOR = '#d62728';
const DOMINATED_COLOR = seriesColor(0);

// Points of one colour as a single path of zero-length round-capped segments.
function dots(points: readonly [number, number][], color: string, diameter: number): string {
  if (points.length === 0) return '';
  const d = points.map(([x, y]) => `M${pixel(x)} ${pixel(y)}h0`).join('');
  return `<path d="${d}" fill="none" stroke="${color}" stroke-opacity="0.8" stroke-width="${diameter}" stroke-linecap="round"/>`;
}

// Swatches with inline colours and their labels, left to right from (x, y).
function colourLegend(x: number, y: number, entries: readonly [string, string][]): string {
  let at = x;
  return entries
    .map(([color, label]) => {
      const mark = `<rect x="${pixel(at)}" y="${pixel(y - 9)}" width="10" height="10" fill="${color}"/><text x="${pixel(at + 14)}" y="${pixel(y)}">${escapeXml(label)}</text>`;
      at += 24 + label.length * 6.5;
      return mark;
    })
    .join('');
}

/** The front of `model` in the plane of two objectives. */
export function paretoFrontChart(model: ParetoModel, options: ParetoChartOptions = {}): string {
  const [i, j] = options.axes ?? [0, 1];
  const width = options.width ?? 880;
  const height = options.height ?? 420;
  const small = width < 400;
  const area = {
    left: small ? 58 : 80,
    right: width - (small ? 12 : 24),
    top: options.title === undefined ? (small ? 26 : 44) : 50,
    bottom: height - (small ? 40 : 46),
  };
  const xName = model.objectives[i]?.name ?? `f${i + 1}`;
  const yName = model.objectives[j]?.name ?? `f${j + 1}`;
  const description = `Pareto front: ${yName} against ${xName}`;
  if (model.valued.length === 0)
    return emptyChart(width, 160, description, 'no trial has finished with objective values yet');
  const xs = valueAxis(
    model.valued.map((v) => v.values[i] as number),
    area.left,
    area.right,
  );
  const ys = valueAxis(
    model.valued.map((v) => v.values[j] as number),
    area.bottom,
    area.top,
  );
  const limit = options.limit ?? 2000;
  const others = model.valued.filter((v) => !model.front.has(v.trial.number));
  const stride = Math.max(1, others.length / Math.max(1, limit - model.front.size));
  const drawnOthers = others.filter((_, k) => Math.floor(k % stride) === 0);
  const frame = chartFrame({
    width,
    height,
    area,
    x: xs.axis,
    y: ys.axis,
    description,
    ...(options.title === undefined ? {} : { title: options.title }),
    subtitle: `${model.front.size} Pareto-optimal configuration${model.front.size === 1 ? '' : 's'} of ${model.valued.length} trials${drawnOthers.length < others.length ? ` (${drawnOthers.length} others drawn)` : ''}`,
    xLabel: `${xName} (${model.objectives[i]?.direction ?? 'minimize'}${xs.axis.log ? ', log scale' : ''})`,
    yLabel: `${yName} (${model.objectives[j]?.direction ?? 'minimize'}${ys.axis.log ? ', log' : ''})`,
    className: 'pareto',
    ...(options.standalone === true ? { standalone: true } : {}),
  });
  const at = (v: ValuedTrial): [number, number] => [
    xs.axis.toPixel(v.values[i] as number),
    ys.axis.toPixel(v.values[j] as number),
  ];
  const diameter = small ? 4 : 6;
  const out = [...frame.open];
  // The staircase of the front in this plane (its attainment surface when there are two objectives).
  const front = model.frontTrials;
  if (model.objectives.length === 2 && front.length > 0) {
    const sx = model.objectives[i]?.direction === 'maximize' ? -1 : 1;
    const sorted = [...front].sort(
      (a, b) => sx * ((a.values[i] as number) - (b.values[i] as number)),
    );
    const steps: [number, number][] = [];
    sorted.forEach((v, k) => {
      const [x, y] = at(v);
      if (k > 0) steps.push([x, (steps[steps.length - 1] as [number, number])[1]]);
      steps.push([x, y]);
    });
    out.push(
      `<path d="${polyline(steps)}" fill="none" stroke="${FRONT_COLOR}" stroke-width="1.4" stroke-opacity="0.7"/>`,
    );
  }
  const infeasible = drawnOthers.filter((v) => !v.feasible);
  const dominated = drawnOthers.filter((v) => v.feasible);
  const hover = [...drawnOthers, ...front]
    .map((v) => `${v.trial.number} ${at(v).map(pixel).join(' ')}`)
    .join(' ');
  out.push(
    `<g class="cloud" data-points="${hover}">`,
    dots(infeasible.map(at), MUTED_COLOR, diameter),
    dots(dominated.map(at), DOMINATED_COLOR, diameter),
    dots(front.map(at), FRONT_COLOR, diameter + 1),
    '</g>',
  );
  if (!small) {
    const entries: [string, string][] = [
      [FRONT_COLOR, 'Pareto-optimal'],
      [DOMINATED_COLOR, 'dominated'],
      ...(infeasible.length > 0 ? [[MUTED_COLOR, 'infeasible'] as [string, string]] : []),
    ];
    out.push(`<g class="legend">${colourLegend(area.right - 300, 30, entries)}</g>`);
  }
  out.push(frame.close);
  return out.join('\n');
}

/**
 * Pair plots for three or more objectives: one small front chart per pair of objectives (the
 * front is the front in all objectives, so some of its points look dominated in a plane).
 */
export function paretoPairCharts(model: ParetoModel): string[] {
  const charts: string[] = [];
  const m = model.objectives.length;
  for (let a = 0; a < m; a++)
    for (let b = a + 1; b < m; b++)
      charts.push(
        paretoFrontChart(model, {
          axes: [a, b],
          width: 290,
          height: 260,
          title: `${model.objectives[b]?.name} vs ${model.objectives[a]?.name}`,
        }).replace('<svg ', `<svg data-pair="${escapeXml(`${a},${b}`)}" `),
      );
  return charts;
}
