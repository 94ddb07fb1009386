// Optimization history: each trial's value against its number, the best value so far as a step
// line, failed trials as crosses along the top edge and pruned trials in grey.
import type { ReportTrial, StudyModel } from '../study-model.js';
import { makeAxis } from '../svg/axis.js';
import { chartFrame, emptyChart } from '../svg/frame.js';
import { valueAxis } from '../svg/value-axis.js';
import { drawnTrials } from '../downsample.js';
import { crosses, legend, pointCloud, polyline, trialPoint, type CloudPoint } from './marks.js';

const WIDTH = 880;
const HEIGHT = 380;
const AREA = { left: 76, right: WIDTH - 24, top: 44, bottom: HEIGHT - 46 };

/** Best value so far after each trial, as [trial number, best] at each improvement. */
export function bestSoFar(trials: readonly ReportTrial[], sign: 1 | -1): [number, number][] {
  const steps: [number, number][] = [];
  let best = Infinity;
  for (const trial of trials) {
    if (trial.status !== 'complete' || trial.value === null) continue;
    if (sign * trial.value < best) {
      best = sign * trial.value;
      steps.push([trial.number, trial.value]);
    }
  }
  return steps;
}

/** The optimization history chart of a study. */
export function historyChart(model: StudyModel): string {
  const description = 'Optimization history: value of each trial and best value so far';
  const valued = model.trials.filter((t) => t.value !== null);
  if (valued.length === 0)
    return emptyChart(WIDTH, 160, description, 'no trial has finished with a value yet');
  const sign = model.direction === 'maximize' ? -1 : 1;
  const last = model.trials[model.trials.length - 1] as ReportTrial;
  const x = makeAxis([1, Math.max(2, last.number)], {
    log: false,
    from: AREA.left,
    to: AREA.right,
    exactMin: true,
  });
  const { axis: y, label } = valueAxis(
    valued.map((t) => t.value as number),
    AREA.bottom,
    AREA.top,
  );
  const drawn = drawnTrials(model.trials, sign);
  const frame = chartFrame({
    width: WIDTH,
    height: HEIGHT,
    area: AREA,
    x,
    y,
    description,
    xLabel: 'trial',
    yLabel: label,
    subtitle:
      drawn.length < model.trials.length
        ? `${drawn.length} of ${model.trials.length} trials drawn (the best ones and an even spread of the others)`
        : `${model.trials.length} trials`,
  });
  const out = [...frame.open];
  const dots: CloudPoint[] = drawn.map((trial) => ({
    x: x.toPixel(trial.number),
    y: trial.value === null ? AREA.top + 5 : y.toPixel(trial.value),
    trial: trial.number,
    className:
      trial.value === null ? '' : trial.status === 'pruned' ? 'dot-pruned' : 'dot-complete',
  }));
  out.push(pointCloud(dots, 6, crosses(dots.filter((d) => d.className === ''))));
  const steps = bestSoFar(model.trials, sign);
  const points: [number, number][] = [];
  steps.forEach(([number, value], i) => {
    const py = y.toPixel(value);
    if (i > 0) points.push([x.toPixel(number), (points[points.length - 1] as [number, number])[1]]);
    points.push([x.toPixel(number), py]);
  });
  const end = points[points.length - 1];
  if (end !== undefined) {
    points.push([x.toPixel(last.number), end[1]]);
    out.push(`<path d="${polyline(points)}" class="best-line"/>`);
  }
  if (model.best !== undefined && model.best.value !== null)
    out.push(
      trialPoint(
        x.toPixel(model.best.number),
        y.toPixel(model.best.value),
        model.best.number,
        'best',
        5,
      ).replace('<circle ', '<circle id="best-trial" '),
    );
  const entries: [string, string][] = [
    ['complete', 'complete'],
    ['best-swatch', 'best so far'],
  ];
  if (model.trials.some((t) => t.status === 'pruned')) entries.push(['pruned', 'pruned']);
  if (model.trials.some((t) => t.value === null))
    entries.push(['failed-swatch', 'failed (top edge)']);
  out.push(`<g class="legend">${legend(AREA.right - 360, 30, entries)}</g>`, frame.close);
  return out.join('\n');
}
