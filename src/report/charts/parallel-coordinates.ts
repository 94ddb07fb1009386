// Parallel coordinates: one vertical axis for the value and one per parameter, one line per
// trial, coloured by value (best dark, drawn last so that they stay on top). A line skips the
// axis of a parameter its trial does not have (conditional parameters). Hovering the value
// axis names the trial.
import { drawnTrials } from '../downsample.js';
import type { ParameterInfo } from '../parameters.js';
import type { ReportTrial, StudyModel } from '../study-model.js';
import type { Axis } from '../svg/axis.js';
import { escapeXml, pixel } from '../svg/escape.js';
import { emptyChart } from '../svg/frame.js';
import { valueAxis } from '../svg/value-axis.js';
import { pointCloud, type CloudPoint } from './marks.js';
import { parameterAxis, parameterPixel } from './parameter-axis.js';

const WIDTH = 880;
const HEIGHT = 400;
const TOP = 56;
const BOTTOM = HEIGHT - 30;
const LEFT = 60;
const RIGHT = WIDTH - 60;

const shorten = (text: string, limit: number): string =>
  text.length > limit ? `${text.slice(0, limit - 1)}…` : text;

function axisMarks(x: number, name: string, axis: Axis, limit: number): string[] {
  const out = [
    `<line x1="${pixel(x)}" y1="${TOP}" x2="${pixel(x)}" y2="${BOTTOM}" class="axis"/>`,
    `<text x="${pixel(x)}" y="${TOP - 26}" text-anchor="middle" font-weight="bold">${escapeXml(shorten(name, limit))}<title>${escapeXml(name)}</title></text>`,
  ];
  const ticks = axis.ticks.length > 6 ? axis.ticks.filter((_, i) => i % 2 === 0) : axis.ticks;
  for (const t of ticks)
    out.push(
      `<text x="${pixel(x + 4)}" y="${pixel(axis.toPixel(t.value) + 4)}" class="tick">${escapeXml(shorten(t.label, limit))}</text>`,
    );
  return out;
}

/** The parallel-coordinates chart over `parameters`. */
export function parallelCoordinatesChart(
  model: StudyModel,
  parameters: readonly ParameterInfo[],
): string {
  const description = 'Parallel coordinates: value and parameters of each trial';
  const valued = model.trials.filter((t) => t.value !== null);
  if (valued.length === 0 || parameters.length === 0)
    return emptyChart(WIDTH, 160, description, 'no trial with a value and parameters yet');
  const sign = model.direction === 'maximize' ? -1 : 1;
  const { axis: values } = valueAxis(
    valued.map((t) => t.value as number),
    BOTTOM,
    TOP,
  );
  const step = (RIGHT - LEFT) / Math.max(1, parameters.length);
  const axes = parameters.map((info) => parameterAxis(info, BOTTOM, TOP));
  const limit = Math.max(6, Math.floor(step / 7));
  // Worst first, so that the best lines are drawn on top.
  const ranked = drawnTrials(valued, sign).sort(
    (a, b) => sign * ((b.value as number) - (a.value as number)) || b.number - a.number,
  );
  const out = [
    `<svg width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="11" role="img">`,
    `<title>${escapeXml(description)}</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    '<g class="lines">',
  ];
  // One path per shade (a few elements for thousands of lines); the hover finds a trial by its
  // point on the value axis.
  const shades: string[][] = Array.from({ length: 8 }, () => []);
  const anchors: CloudPoint[] = [];
  ranked.forEach((trial: ReportTrial, rank) => {
    const start = values.toPixel(trial.value as number);
    anchors.push({ x: LEFT, y: start, trial: trial.number, className: '' });
    let d = `M${pixel(LEFT)} ${pixel(start)}`;
    let broken = false;
    parameters.forEach((info, i) => {
      const py = parameterPixel(info, axes[i] as Axis, trial.params[info.name], trial.number);
      if (py === undefined) {
        broken = true;
        return;
      }
      d += `${broken ? 'M' : 'L'}${pixel(LEFT + step * (i + 1))} ${pixel(py)}`;
      broken = false;
    });
    // Classes s0 (best) .. s7 (worst) by rank.
    const shade = Math.min(7, Math.floor((8 * (ranked.length - 1 - rank)) / ranked.length));
    (shades[shade] as string[]).push(d);
  });
  // Worst shade first, so that the best lines are drawn on top.
  for (let shade = 7; shade >= 0; shade--) {
    const d = (shades[shade] as string[]).join('');
    if (d !== '') out.push(`<path d="${d}" class="s${shade}"/>`);
  }
  out.push('</g>', pointCloud(anchors, 0), ...axisMarks(LEFT, 'value', values, limit));
  parameters.forEach((info, i) =>
    out.push(...axisMarks(LEFT + step * (i + 1), info.name, axes[i] as Axis, limit)),
  );
  out.push(
    `<text x="${LEFT}" y="16" fill="#555555">${escapeXml(`${ranked.length} trials; colour by value rank (dark: best)`)}</text>`,
    '</svg>',
  );
  return out.join('\n');
}
