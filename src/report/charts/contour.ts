// Contour of the two most important parameters: the value interpolated over a grid (inverse
// distance weighting of the nearest trials, in the parameters' normalized coordinates), the
// trials on top, and a colour bar. Trials without both parameters are left out.
import { drawnTrials } from '../downsample.js';
import { parameterPosition, type ParameterInfo } from '../parameters.js';
import type { StudyModel } from '../study-model.js';
import { escapeXml, pixel } from '../svg/escape.js';
import { chartFrame, emptyChart } from '../svg/frame.js';
import { sequentialColor } from '../svg/palette.js';
import { tickLabel } from '../svg/axis.js';
import { pointCloud, trialPoint } from './marks.js';
import { parameterAxis } from './parameter-axis.js';
import { maxOf, minOf } from '../../core/extremes.js';

const WIDTH = 620;
const HEIGHT = 500;
const AREA = { left: 76, right: WIDTH - 110, top: 44, bottom: HEIGHT - 50 };
const CELLS = 30;
const NEIGHBOURS = 8;

interface Sample {
  u: number;
  v: number;
  value: number;
}

// Value at (u, v): inverse squared distance weights of the nearest samples.
function interpolate(samples: readonly Sample[], u: number, v: number): number {
  const nearest: { d: number; value: number }[] = [];
  for (const s of samples) {
    const d = (s.u - u) ** 2 + (s.v - v) ** 2;
    if (nearest.length < NEIGHBOURS) nearest.push({ d, value: s.value });
    else if (d < (nearest[NEIGHBOURS - 1] as { d: number }).d)
      nearest[NEIGHBOURS - 1] = { d, value: s.value };
    else continue;
    nearest.sort((a, b) => a.d - b.d);
  }
  let weights = 0;
  let sum = 0;
  for (const { d, value } of nearest) {
    if (d === 0) return value;
    weights += 1 / d;
    sum += value / d;
  }
  return sum / weights;
}

/** The contour chart of parameters `a` (x) and `b` (y). */
export function contourChart(model: StudyModel, a: ParameterInfo, b: ParameterInfo): string {
  const description = `Contour of the value over ${a.name} and ${b.name}`;
  const sign = model.direction === 'maximize' ? -1 : 1;
  const trials = drawnTrials(
    model.trials.filter(
      (t) => t.value !== null && t.params[a.name] !== undefined && t.params[b.name] !== undefined,
    ),
    sign,
  );
  if (trials.length < 2)
    return emptyChart(
      WIDTH,
      160,
      description,
      `fewer than two trials have both ${a.name} and ${b.name}`,
    );
  const values = trials.map((t) => t.value as number);
  const min = minOf(values);
  const max = maxOf(values);
  const log = min > 0 && max / min >= 100;
  const scale = (value: number): number => {
    if (max === min) return 0.5;
    const t = log
      ? (Math.log(value) - Math.log(min)) / (Math.log(max) - Math.log(min))
      : (value - min) / (max - min);
    // Dark is good: flip for maximization.
    return sign === 1 ? t : 1 - t;
  };
  const samples = trials.map((t) => ({
    u: parameterPosition(a, t.params[a.name]),
    v: parameterPosition(b, t.params[b.name]),
    value: t.value as number,
  }));
  const x = parameterAxis(a, AREA.left, AREA.right);
  const y = parameterAxis(b, AREA.bottom, AREA.top);
  const frame = chartFrame({
    width: WIDTH,
    height: HEIGHT,
    area: AREA,
    x,
    y,
    description,
    subtitle: `value interpolated from the ${trials.length} nearest trials' values (dark: better)`,
    xLabel: `${a.name}${a.log ? ' (log scale)' : ''}`,
    yLabel: `${b.name}${b.log ? ' (log scale)' : ''}`,
  });
  const out = [...frame.open, '<g class="cells">'];
  const cellWidth = (AREA.right - AREA.left) / CELLS;
  const cellHeight = (AREA.bottom - AREA.top) / CELLS;
  for (let i = 0; i < CELLS; i++)
    for (let j = 0; j < CELLS; j++) {
      const value = interpolate(samples, (i + 0.5) / CELLS, (j + 0.5) / CELLS);
      out.push(
        `<rect x="${pixel(AREA.left + i * cellWidth)}" y="${pixel(AREA.bottom - (j + 1) * cellHeight)}" width="${pixel(cellWidth + 0.4)}" height="${pixel(cellHeight + 0.4)}" fill="${sequentialColor(scale(value))}"/>`,
      );
    }
  out.push('</g>');
  const dots = samples.map((s, k) => ({
    x: AREA.left + s.u * (AREA.right - AREA.left),
    y: AREA.bottom - s.v * (AREA.bottom - AREA.top),
    trial: (trials[k] as (typeof trials)[number]).number,
    className: 'dot-contour',
  }));
  out.push(pointCloud(dots, 4));
  const best = dots.find((d) => d.trial === model.best?.number);
  if (best !== undefined) out.push(trialPoint(best.x, best.y, best.trial, 'best', 5));
  // Colour bar: better values at the bottom.
  const barLeft = AREA.right + 24;
  const steps = 40;
  const barHeight = (AREA.bottom - AREA.top) / steps;
  for (let k = 0; k < steps; k++) {
    const t = k / (steps - 1);
    out.push(
      `<rect x="${barLeft}" y="${pixel(AREA.bottom - (k + 1) * barHeight)}" width="16" height="${pixel(barHeight + 0.4)}" fill="${sequentialColor(t)}"/>`,
    );
  }
  const label = (value: number): string => escapeXml(tickLabel(value));
  const better = sign === 1 ? min : max;
  const worse = sign === 1 ? max : min;
  out.push(
    `<text x="${barLeft + 20}" y="${AREA.bottom}" font-size="11">${label(better)}</text>`,
    `<text x="${barLeft + 20}" y="${AREA.top + 8}" font-size="11">${label(worse)}</text>`,
    `<text x="${barLeft}" y="${AREA.top - 8}" font-size="11">value${log ? ' (log)' : ''}</text>`,
    frame.close,
  );
  return out.join('\n');
}
