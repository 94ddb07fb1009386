// Timeline of trials: one bar per trial from its start to its end, in lanes (the worker slots
// busy at the time: each trial takes the first lane free when it starts), coloured by status.
// Gaps show idle workers; the subtitle gives the parallel efficiency.
import { drawnTrials } from '../downsample.js';
import type { ReportTrial, StudyModel } from '../study-model.js';
import { categoryAxis, makeAxis } from '../svg/axis.js';
import { pixel } from '../svg/escape.js';
import { chartFrame, emptyChart } from '../svg/frame.js';
import { legend, pointCloud, type CloudPoint } from './marks.js';
import { maxOf } from '../../core/extremes.js';

const WIDTH = 880;
const LANE = 22;

/** Trials with their lane (0-based), and the lane count. */
export function assignLanes(trials: readonly ReportTrial[]): {
  lanes: Map<number, number>;
  count: number;
} {
  const timed = trials
    .filter((t) => t.startMs !== undefined && t.endMs !== undefined)
    .sort((a, b) => (a.startMs as number) - (b.startMs as number) || a.number - b.number);
  const busyUntil: number[] = [];
  const lanes = new Map<number, number>();
  for (const trial of timed) {
    // A millisecond of slack: start and end times are rounded.
    let lane = busyUntil.findIndex((end) => end <= (trial.startMs as number) + 1);
    if (lane < 0) lane = busyUntil.length;
    busyUntil[lane] = trial.endMs as number;
    lanes.set(trial.number, lane);
  }
  return { lanes, count: busyUntil.length };
}

/** The timeline chart of a study. */
export function timelineChart(model: StudyModel): string {
  const description = 'Timeline: each trial from its start to its end, by worker slot';
  const { lanes, count } = assignLanes(model.trials);
  if (count === 0)
    return emptyChart(
      WIDTH,
      120,
      description,
      'the journal has no trial times (written by an older kiln)',
    );
  const timed = model.trials.filter((t) => lanes.has(t.number));
  const end = maxOf(timed.map((t) => t.endMs as number));
  const busy = timed.reduce((sum, t) => sum + t.durationMs, 0);
  const area = { left: 76, right: WIDTH - 24, top: 44, bottom: 44 + LANE * Math.max(2, count) };
  const height = area.bottom + 48;
  const seconds = Math.max(end / 1000, 0.001);
  const x = makeAxis([0, seconds], { log: false, from: area.left, to: area.right, exactMin: true });
  const y = categoryAxis(
    Array.from({ length: Math.max(2, count) }, (_, i) => (i < count ? `slot ${i + 1}` : '')),
    area.top,
    area.bottom,
  );
  const workers = Math.max(count, ...model.workers);
  const efficiency = end > 0 ? busy / (end * workers) : 1;
  const drawn = drawnTrials(timed, model.direction === 'maximize' ? -1 : 1);
  const frame = chartFrame({
    width: WIDTH,
    height,
    area,
    x,
    y,
    description,
    subtitle: `${timed.length} trials over ${seconds.toFixed(1)} s; workers busy ${(100 * efficiency).toFixed(0)}% of the time (${workers} worker${workers === 1 ? '' : 's'})${drawn.length < timed.length ? `; ${drawn.length} trials drawn` : ''}`,
    xLabel: 'seconds since the first trial started',
  });
  // One path of bars per status; the bars' centres go to the hover data.
  const bars = new Map<string, string[]>();
  const centres: CloudPoint[] = [];
  for (const trial of drawn) {
    const lane = lanes.get(trial.number) as number;
    const left = x.toPixel((trial.startMs as number) / 1000);
    const width = Math.max(0.8, x.toPixel((trial.endMs as number) / 1000) - left);
    const status = trial.value === null && trial.status !== 'pruned' ? 'failed' : trial.status;
    const list = bars.get(status) ?? [];
    list.push(
      `M${pixel(left)} ${pixel(y.toPixel(lane) - LANE * 0.35)}h${pixel(width)}v${pixel(LANE * 0.7)}h${pixel(-width)}z`,
    );
    bars.set(status, list);
    centres.push({ x: left + width / 2, y: y.toPixel(lane), trial: trial.number, className: '' });
  }
  const paths = [...bars].map(([status, d]) => `<path class="tl-${status}" d="${d.join('')}"/>`);
  const out = [...frame.open, pointCloud(centres, 0, paths.join(''))];
  const entries: [string, string][] = [['tl-complete', 'complete']];
  if (timed.some((t) => t.status === 'pruned')) entries.push(['tl-pruned', 'pruned']);
  if (timed.some((t) => t.value === null && t.status !== 'pruned'))
    entries.push(['tl-failed', 'failed']);
  out.push(`<g class="legend">${legend(area.right - 240, 30, entries)}</g>`, frame.close);
  return out.join('\n');
}
