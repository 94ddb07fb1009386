// Convergence plots as standalone SVG: median best-so-far against evaluations, one line per
// solver variant with its interquartile band, log scales where the data span decades.
import { makeAxis, type Axis } from './plot-axes.js';
import type { ConvergenceSeries, ProblemCurves } from './summary.js';

// Tableau 10: distinguishable on white, in print and for most colour-blind readers.
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

const WIDTH = 860;
const HEIGHT = 480;
const LEFT = 80;
const RIGHT = WIDTH - 260;
const TOP = 56;
const BOTTOM = HEIGHT - 58;
// Legend entries longer than this are shortened (the full text shows on hover).
const LEGEND_CHARACTERS = 34;

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

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
  positive.length > 0 && Math.max(...positive) / Math.min(...positive) >= 100;

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
      const floor = Math.pow(10, Math.floor(Math.log10(Math.min(...positive))));
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
  const maxX = xs.length === 0 ? 10 : Math.max(...xs);
  const xLog = maxX >= 100;
  const xAxis = makeAxis(xs.length === 0 ? [1, 10] : [xLog ? 1 : Math.min(...xs), maxX], {
    log: xLog,
    from: LEFT,
    to: RIGHT,
    exactMin: true,
  });
  const scale = yScale(curves, series);
  const px = (x: number): string => xAxis.toPixel(x).toFixed(1);
  const py = (v: number): string => scale.axis.toPixel(scale.y(v)).toFixed(1);
  const runs = new Set(series.map((s) => s.runs));
  const sameRuns = runs.size === 1 ? ` of ${[...runs][0]} runs` : '';
  const subtitle = [
    `median best-so-far${sameRuns} (${curves.direction === 'maximize' ? 'maximized' : 'minimized'}); band: interquartile range`,
    ...(scale.note === undefined ? [] : [scale.note]),
  ].join('; ');

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${escapeXml(`${curves.problem}: median best-so-far against evaluations`)}</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="22" font-size="16" font-weight="bold">${escapeXml(curves.problem)}</text>`,
    `<text x="${LEFT}" y="40" fill="#555555">${escapeXml(subtitle)}</text>`,
    '<g stroke="#e5e5e5" stroke-width="1">',
  ];
  for (const t of xAxis.ticks)
    out.push(`<line x1="${px(t.value)}" y1="${TOP}" x2="${px(t.value)}" y2="${BOTTOM}"/>`);
  for (const t of scale.axis.ticks) {
    const y = scale.axis.toPixel(t.value).toFixed(1);
    out.push(`<line x1="${LEFT}" y1="${y}" x2="${RIGHT}" y2="${y}"/>`);
  }
  out.push(
    '</g>',
    `<rect x="${LEFT}" y="${TOP}" width="${RIGHT - LEFT}" height="${BOTTOM - TOP}" fill="none" stroke="#333333"/>`,
    '<g fill="#333333">',
  );
  for (const t of xAxis.ticks)
    out.push(
      `<text x="${px(t.value)}" y="${BOTTOM + 16}" text-anchor="middle">${escapeXml(t.label)}</text>`,
    );
  for (const t of scale.axis.ticks)
    out.push(
      `<text x="${LEFT - 6}" y="${(scale.axis.toPixel(t.value) + 4).toFixed(1)}" text-anchor="end">${escapeXml(t.label)}</text>`,
    );
  out.push(
    `<text x="${((LEFT + RIGHT) / 2).toFixed(1)}" y="${HEIGHT - 16}" text-anchor="middle">${escapeXml(`evaluations${xLog ? ' (log scale)' : ''}`)}</text>`,
    `<text transform="translate(18 ${((TOP + BOTTOM) / 2).toFixed(1)}) rotate(-90)" text-anchor="middle">${escapeXml(scale.label)}</text>`,
    '</g>',
  );
  if (scale.reference !== undefined) {
    const y = scale.axis.toPixel(scale.reference.value).toFixed(1);
    out.push(
      `<line x1="${LEFT}" y1="${y}" x2="${RIGHT}" y2="${y}" stroke="#333333" stroke-dasharray="5 4"/>`,
      `<text x="${RIGHT - 4}" y="${(Number(y) - 4).toFixed(1)}" text-anchor="end" fill="#333333">${escapeXml(scale.reference.label)}</text>`,
    );
  }
  const color = (i: number): string => PALETTE[i % PALETTE.length] as string;
  series.forEach((s, i) => {
    const upper = s.evaluations.map((x, j) => `${px(x)},${py(s.high[j] as number)}`);
    const lower = s.evaluations.map((x, j) => `${px(x)},${py(s.low[j] as number)}`).reverse();
    out.push(
      `<polygon points="${[...upper, ...lower].join(' ')}" fill="${color(i)}" fill-opacity="0.18" stroke="none"/>`,
    );
  });
  series.forEach((s, i) => {
    const d = s.evaluations
      .map((x, j) => `${j === 0 ? 'M' : 'L'}${px(x)} ${py(s.median[j] as number)}`)
      .join(' ');
    out.push(
      `<path d="${d}" fill="none" stroke="${color(i)}" stroke-width="2" stroke-linejoin="round"><title>${escapeXml(s.solver)}</title></path>`,
    );
  });
  series.forEach((s, i) => {
    const y = TOP + 10 + i * 20;
    const text = sameRuns === '' ? `${s.solver} (${s.runs} runs)` : s.solver;
    const shown =
      text.length > LEGEND_CHARACTERS ? `${text.slice(0, LEGEND_CHARACTERS - 1)}…` : text;
    out.push(
      `<line x1="${RIGHT + 14}" y1="${y}" x2="${RIGHT + 38}" y2="${y}" stroke="${color(i)}" stroke-width="3"/>`,
      `<text x="${RIGHT + 44}" y="${y + 4}">${escapeXml(shown)}<title>${escapeXml(text)}</title></text>`,
    );
  });
  if (series.length === 0)
    out.push(
      `<text x="${((LEFT + RIGHT) / 2).toFixed(1)}" y="${((TOP + BOTTOM) / 2).toFixed(1)}" text-anchor="middle" fill="#888888">no run finished with a result</text>`,
    );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
