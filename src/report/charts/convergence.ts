// Convergence plots of a batch (plots/<problem>.svg and the report): median best-so-far against
// evaluations, one line per solver variant with its interquartile band, log scales where the
// data span decades.
import type { ConvergenceSeries, ProblemCurves } from '../../runners/batch/summary-types.js';
import { makeAxis, type Axis } from '../svg/axis.js';
import { escapeXml, pixel } from '../svg/escape.js';
import { chartFrame } from '../svg/frame.js';
import { seriesColor } from '../svg/palette.js';
import { maxOf, minOf } from '../../core/extremes.js';

const WIDTH = 860;
const HEIGHT = 480;
const LEFT = 80;
const RIGHT = WIDTH - 260;
const TOP = 56;
const BOTTOM = HEIGHT - 58;
// Legend entries longer than this are shortened (the full text shows on hover).
const LEGEND_CHARACTERS = 34;

/** How values map to the y axis. */
interface YScale {
  axis: Axis;
  /** The plotted quantity of a value (clamped into the axis). */
  y: (value: number) => number;
  label: string;
  /** A horizontal reference line (the optimum on a value scale). */
  reference?: { value: number; label: string };
  note?: string;
}

// The optimum as it is known (integers in full), not rounded like a tick.
const exact = (value: number): string =>
  Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));

const spansDecades = (positive: number[]): boolean =>
  positive.length > 0 && maxOf(positive) / minOf(positive) >= 100;

function yScale(curves: ProblemCurves, series: ConvergenceSeries[]): YScale {
  const values = series.flatMap((s) => [...s.median, ...s.low, ...s.high]).filter(Number.isFinite);
  const pixels = { from: BOTTOM, to: TOP };
  const clampTo = (axis: Axis, floor: number) => (v: number) =>
    Number.isFinite(v) ? Math.max(floor, v) : v > 0 ? axis.max : axis.min;
  const { optimum } = curves;
  const sign = curves.direction === 'maximize' ? -1 : 1;
  if (optimum !== undefined) {
    const tolerance = 1e-12 * Math.max(1, Math.abs(optimum));
    const distances = values.map((v) => sign * (v - optimum));
    const positive = distances.filter((d) => d > 0);
    if (distances.every((d) => d >= -tolerance) && spansDecades(positive)) {
      // Log scale of the distance to the optimum; runs that reached it sit on the bottom edge.
      const floor = Math.pow(10, Math.floor(Math.log10(minOf(positive))));
      const zeros = positive.length < distances.length;
      const axis = makeAxis([floor, ...positive], { log: true, ...pixels, exactMin: zeros });
      const clamp = clampTo(axis, floor);
      return {
        axis,
        y: (v) => {
          const distance = sign * (v - optimum);
          return clamp(Number.isFinite(distance) ? Math.max(0, distance) : distance);
        },
        label: `${sign === 1 ? 'best − optimum' : 'optimum − best'} (optimum ${exact(optimum)}, log scale)`,
        ...(zeros ? { note: 'the optimum reached is drawn on the bottom edge' } : {}),
      };
    }
  }
  const positive = values.filter((v) => v > 0);
  if (positive.length === values.length && spansDecades(positive)) {
    const axis = makeAxis(positive, { log: true, ...pixels });
    return { axis, y: clampTo(axis, axis.min), label: 'best value so far (log scale)' };
  }
  const withOptimum = optimum === undefined ? values : [...values, optimum];
  const axis = makeAxis(withOptimum.length === 0 ? [0, 1] : withOptimum, { log: false, ...pixels });
  return {
    axis,
    y: clampTo(axis, -Infinity),
    label: 'best value so far',
    ...(optimum === undefined
      ? {}
      : { reference: { value: optimum, label: `optimum ${exact(optimum)}` } }),
  };
}

/** The convergence plot of one problem as an SVG document (series without points are left out). */
export function convergencePlotSvg(curves: ProblemCurves): string {
  const series = curves.series.filter((s) => s.evaluations.length > 0);
  const xs = series.flatMap((s) => s.evaluations);
  const maxX = xs.length === 0 ? 10 : maxOf(xs);
  const xLog = maxX >= 100;
  const xAxis = makeAxis(xs.length === 0 ? [1, 10] : [xLog ? 1 : minOf(xs), maxX], {
    log: xLog,
    from: LEFT,
    to: RIGHT,
    exactMin: true,
  });
  const scale = yScale(curves, series);
  const px = (x: number): string => pixel(xAxis.toPixel(x));
  const py = (v: number): string => pixel(scale.axis.toPixel(scale.y(v)));
  const runs = new Set(series.map((s) => s.runs));
  const sameRuns = runs.size === 1 ? ` of ${[...runs][0]} runs` : '';
  const subtitle = [
    `median best-so-far${sameRuns} (${curves.direction === 'maximize' ? 'maximized' : 'minimized'}); band: interquartile range`,
    ...(scale.note === undefined ? [] : [scale.note]),
  ].join('; ');
  const frame = chartFrame({
    width: WIDTH,
    height: HEIGHT,
    area: { left: LEFT, right: RIGHT, top: TOP, bottom: BOTTOM },
    x: xAxis,
    y: scale.axis,
    description: `${curves.problem}: median best-so-far against evaluations`,
    title: curves.problem,
    subtitle,
    xLabel: `evaluations${xLog ? ' (log scale)' : ''}`,
    yLabel: scale.label,
    standalone: true,
  });
  const out = [...frame.open];
  if (scale.reference !== undefined) {
    const y = scale.axis.toPixel(scale.reference.value);
    out.push(
      `<line x1="${LEFT}" y1="${pixel(y)}" x2="${RIGHT}" y2="${pixel(y)}" stroke="#333333" stroke-dasharray="5 4"/>`,
      `<text x="${RIGHT - 4}" y="${pixel(y - 4)}" text-anchor="end" fill="#333333">${escapeXml(scale.reference.label)}</text>`,
    );
  }
  series.forEach((s, i) => {
    const upper = s.evaluations.map((x, j) => `${px(x)},${py(s.high[j] as number)}`);
    const lower = s.evaluations.map((x, j) => `${px(x)},${py(s.low[j] as number)}`).reverse();
    out.push(
      `<polygon points="${[...upper, ...lower].join(' ')}" fill="${seriesColor(i)}" fill-opacity="0.18" stroke="none"/>`,
    );
  });
  series.forEach((s, i) => {
    const d = s.evaluations
      .map((x, j) => `${j === 0 ? 'M' : 'L'}${px(x)} ${py(s.median[j] as number)}`)
      .join(' ');
    out.push(
      `<path d="${d}" fill="none" stroke="${seriesColor(i)}" stroke-width="2" stroke-linejoin="round"><title>${escapeXml(s.solver)}</title></path>`,
    );
  });
  series.forEach((s, i) => {
    const y = TOP + 10 + i * 20;
    const text = sameRuns === '' ? `${s.solver} (${s.runs} runs)` : s.solver;
    const shown =
      text.length > LEGEND_CHARACTERS ? `${text.slice(0, LEGEND_CHARACTERS - 1)}…` : text;
    out.push(
      `<line x1="${RIGHT + 14}" y1="${y}" x2="${RIGHT + 38}" y2="${y}" stroke="${seriesColor(i)}" stroke-width="3"/>`,
      `<text x="${RIGHT + 44}" y="${y + 4}">${escapeXml(shown)}<title>${escapeXml(text)}</title></text>`,
    );
  });
  if (series.length === 0)
    out.push(
      `<text x="${pixel((LEFT + RIGHT) / 2)}" y="${pixel((TOP + BOTTOM) / 2)}" text-anchor="middle" fill="#888888">no run finished with a result</text>`,
    );
  out.push(frame.close);
  return `${out.join('\n')}\n`;
}
