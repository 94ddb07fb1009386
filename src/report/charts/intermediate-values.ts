// Intermediate values: the values a trial reported at each step (epochs...), one line per trial;
// pruned trials in grey, ending with a cross where they were stopped.
import { drawnTrials } from '../downsample.js';
import type { StudyModel } from '../study-model.js';
import { makeAxis } from '../svg/axis.js';
import { chartFrame, emptyChart } from '../svg/frame.js';
import { valueAxis } from '../svg/value-axis.js';
import { failureCross, legend, polyline } from './marks.js';
import { maxOf, minOf } from '../../core/extremes.js';

const WIDTH = 880;
const HEIGHT = 380;
const AREA = { left: 76, right: WIDTH - 24, top: 44, bottom: HEIGHT - 46 };
/** Lines drawn at most (the best trials first). */
const DRAWN_LINES = 300;

/** True when some trial of the study reported intermediate values. */
export function hasIntermediateValues(model: StudyModel): boolean {
  return model.trials.some((t) => t.intermediate.length > 0);
}

/** The intermediate-values chart of a study. */
export function intermediateValuesChart(model: StudyModel): string {
  const description = 'Intermediate values reported by each trial, pruned trials in grey';
  const reporting = model.trials.filter((t) => t.intermediate.length > 0);
  if (reporting.length === 0)
    return emptyChart(WIDTH, 120, description, 'no trial reported intermediate values');
  const sign = model.direction === 'maximize' ? -1 : 1;
  const drawn = drawnTrials(reporting, sign, DRAWN_LINES);
  const steps = reporting.flatMap((t) => t.intermediate.map(([step]) => step));
  const x = makeAxis([minOf(steps), Math.max(minOf(steps) + 1, maxOf(steps))], {
    log: false,
    from: AREA.left,
    to: AREA.right,
    exactMin: true,
  });
  const { axis: y, label } = valueAxis(
    reporting.flatMap((t) => t.intermediate.map(([, value]) => value)),
    AREA.bottom,
    AREA.top,
  );
  const pruned = reporting.filter((t) => t.status === 'pruned').length;
  const frame = chartFrame({
    width: WIDTH,
    height: HEIGHT,
    area: AREA,
    x,
    y,
    description,
    subtitle: `${reporting.length} trials reported values, ${pruned} of them pruned${drawn.length < reporting.length ? `; ${drawn.length} drawn` : ''}`,
    xLabel: 'step',
    yLabel: label,
  });
  const out = [...frame.open, '<g class="marks">'];
  // Pruned trials first, so that complete ones stay on top.
  const ordered = [
    ...drawn.filter((t) => t.status === 'pruned'),
    ...drawn.filter((t) => t.status !== 'pruned'),
  ];
  for (const trial of ordered) {
    const points = trial.intermediate.map(
      ([step, value]) => [x.toPixel(step), y.toPixel(value)] as [number, number],
    );
    const className = trial.status === 'pruned' ? 'iv-pruned' : 'iv-complete';
    out.push(`<path d="${polyline(points)}" class="${className}" data-t="${trial.number}"/>`);
    const end = points[points.length - 1];
    if (trial.status === 'pruned' && end !== undefined)
      out.push(failureCross(end[0], end[1], trial.number));
  }
  out.push(
    '</g>',
    `<g class="legend">${legend(AREA.right - 230, 30, [
      ['iv-complete-swatch', 'complete'],
      ['iv-pruned-swatch', 'pruned (× where stopped)'],
    ])}</g>`,
    frame.close,
  );
  return out.join('\n');
}
