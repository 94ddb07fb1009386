// ECDF of runs reaching their targets (as COCO draws them): for each solver variant, the share
// of its runs over all problems with a target that had reached it after x evaluations.
import type { TargetRuns } from '../../runners/batch/summary-types.js';
import { makeAxis } from '../svg/axis.js';
import { escapeXml, pixel } from '../svg/escape.js';
import { chartFrame, emptyChart } from '../svg/frame.js';
import { seriesColor } from '../svg/palette.js';
import { polyline } from './marks.js';

const WIDTH = 880;
const HEIGHT = 400;
const AREA = { left: 70, right: WIDTH - 250, top: 44, bottom: HEIGHT - 46 };

/** One solver variant's ECDF: sorted hit evaluations and the number of runs. */
export interface SolverEcdf {
  solver: string;
  hits: number[];
  runs: number;
  /** The largest budget any of its runs spent. */
  maxEvaluations: number;
}

/** The ECDF of each solver variant, pooled over the problems, in first-seen order. */
export function solverEcdfs(targetRuns: readonly TargetRuns[]): SolverEcdf[] {
  const bySolver = new Map<string, SolverEcdf>();
  for (const group of targetRuns) {
    const entry = bySolver.get(group.solver) ?? {
      solver: group.solver,
      hits: [],
      runs: 0,
      maxEvaluations: 0,
    };
    for (const run of group.runs) {
      entry.runs++;
      entry.maxEvaluations = Math.max(entry.maxEvaluations, run.evaluations);
      if (run.hitEvaluations !== null) entry.hits.push(run.hitEvaluations);
    }
    bySolver.set(group.solver, entry);
  }
  for (const entry of bySolver.values()) entry.hits.sort((a, b) => a - b);
  return [...bySolver.values()];
}

/** The ECDF chart of a batch. */
export function targetEcdfChart(targetRuns: readonly TargetRuns[]): string {
  const description = 'Share of runs that reached their target against evaluations, per solver';
  const ecdfs = solverEcdfs(targetRuns);
  if (ecdfs.length === 0)
    return emptyChart(WIDTH, 120, description, 'no problem of this batch sets a target');
  const maxX = Math.max(10, ...ecdfs.map((e) => e.maxEvaluations));
  const x = makeAxis([1, maxX], { log: true, from: AREA.left, to: AREA.right, exactMin: true });
  const y = makeAxis([0, 1], { log: false, from: AREA.bottom, to: AREA.top, exactMin: true });
  const problems = new Set(targetRuns.map((t) => t.problem)).size;
  const frame = chartFrame({
    width: WIDTH,
    height: HEIGHT,
    area: AREA,
    x,
    y: { ...y, ticks: y.ticks.filter((t) => t.value <= 1) },
    description,
    subtitle: `runs on ${problems} problem${problems === 1 ? '' : 's'} with a target; a step when a run reaches it`,
    xLabel: 'evaluations (log scale)',
    yLabel: 'share of runs at target',
  });
  const out = [...frame.open];
  ecdfs.forEach((ecdf, i) => {
    const points: [number, number][] = [[x.toPixel(1), y.toPixel(0)]];
    ecdf.hits.forEach((hit, k) => {
      const px = x.toPixel(Math.max(1, hit));
      points.push([px, y.toPixel(k / ecdf.runs)], [px, y.toPixel((k + 1) / ecdf.runs)]);
    });
    points.push([x.toPixel(ecdf.maxEvaluations), y.toPixel(ecdf.hits.length / ecdf.runs)]);
    out.push(
      `<path d="${polyline(points)}" fill="none" stroke="${seriesColor(i)}" stroke-width="2"><title>${escapeXml(`${ecdf.solver}: ${ecdf.hits.length} of ${ecdf.runs} runs reached the target`)}</title></path>`,
    );
    const ly = AREA.top + 10 + i * 20;
    out.push(
      `<line x1="${AREA.right + 14}" y1="${ly}" x2="${AREA.right + 38}" y2="${ly}" stroke="${seriesColor(i)}" stroke-width="3"/>`,
      `<text x="${AREA.right + 44}" y="${pixel(ly + 4)}">${escapeXml(`${ecdf.solver} (${ecdf.hits.length}/${ecdf.runs})`)}</text>`,
    );
  });
  out.push(frame.close);
  return out.join('\n');
}
