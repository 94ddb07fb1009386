// Hypervolume history of a multi-objective study: the hypervolume of the feasible trials so far
// against the trial number, with the reference point it is measured from.
import { formatNumber } from '../../cli/format.js';
import { hypervolumeHistory, type ParetoModel } from '../pareto.js';
import { makeAxis } from '../svg/axis.js';
import { chartFrame, emptyChart } from '../svg/frame.js';
import { polyline } from './marks.js';

const WIDTH = 880;
const HEIGHT = 320;
const AREA = { left: 80, right: WIDTH - 24, top: 44, bottom: HEIGHT - 46 };

/** The hypervolume history chart (reference in minimized terms, derived when absent). */
export function hypervolumeHistoryChart(model: ParetoModel, reference?: readonly number[]): string {
  const description = 'Hypervolume of the trials so far';
  const history = hypervolumeHistory(model, reference);
  if (history.points.length === 0 || history.reference === undefined)
    return emptyChart(WIDTH, 160, description, 'no feasible trial has finished yet');
  const last = history.points[history.points.length - 1] as [number, number];
  const x = makeAxis([1, Math.max(2, last[0])], {
    log: false,
    from: AREA.left,
    to: AREA.right,
    exactMin: true,
  });
  const y = makeAxis([0, ...history.points.map((p) => p[1])], {
    log: false,
    from: AREA.bottom,
    to: AREA.top,
  });
  const signs = model.objectives.map((o) => (o.direction === 'maximize' ? -1 : 1));
  const shown = history.reference
    .map((r, i) => `${model.objectives[i]?.name} ${formatNumber((signs[i] as number) * r)}`)
    .join(', ');
  const frame = chartFrame({
    width: WIDTH,
    height: HEIGHT,
    area: AREA,
    x,
    y,
    description,
    xLabel: 'trial',
    yLabel: 'hypervolume',
    subtitle: `reference point ${shown}${reference === undefined ? ' (derived from the final front)' : ''}; final ${formatNumber(last[1])}`,
    className: 'hypervolume',
  });
  const points = history.points.map(([t, v]) => [x.toPixel(t), y.toPixel(v)] as [number, number]);
  return [...frame.open, `<path d="${polyline(points)}" class="best-line"/>`, frame.close].join(
    '\n',
  );
}
