// Convergence curves of a batch: each finished run's best-so-far trace sampled on a shared
// log-spaced grid of evaluation counts, then the median and interquartile band per solver.
import { runCount, type BatchGrid } from './grid.js';
import { readJournal, type JournalRecord } from './journal.js';
import { quantile, sortedValues } from './statistics.js';
import { OK, type GroupData, type ProblemData } from './summary-groups.js';
import type { ConvergenceSeries, ProblemCurves } from './summary-types.js';

/** Points of each convergence curve. */
const CURVE_POINTS = 60;

/** Evaluation counts at which curves are sampled: log-spaced past 100 evaluations. */
export function curveGrid(maxEvaluations: number, points = CURVE_POINTS): number[] {
  if (maxEvaluations < 1) return [];
  const out = new Set<number>();
  const logScale = maxEvaluations >= 100;
  for (let j = 0; j < points; j++) {
    const t = j / (points - 1);
    out.add(Math.round(logScale ? Math.pow(maxEvaluations, t) : 1 + t * (maxEvaluations - 1)));
  }
  return [...out].sort((a, b) => a - b);
}

/** Best-so-far (minimized terms) of a trace at each of `at`; Infinity before its first point. */
export function sampleTrace(
  trace: readonly (readonly [number, number])[],
  at: readonly number[],
  sign: 1 | -1,
  into: Float64Array,
  offset: number,
): void {
  let t = -1;
  at.forEach((x, j) => {
    while (t + 1 < trace.length && (trace[t + 1] as readonly [number, number])[0] <= x) t++;
    into[offset + j] = t < 0 ? Infinity : sign * (trace[t] as readonly [number, number])[1];
  });
}

/**
 * The median and interquartile band of best-so-far values of every finished run, per problem and
 * solver variant, sampled on {@link curveGrid} (a second pass over the journal).
 */
export async function convergenceCurves(
  grid: BatchGrid,
  journalPath: string,
  problems: ProblemData[],
  groups: GroupData[],
  locate: (record: JournalRecord) => { group: number; seed: number } | undefined,
): Promise<ProblemCurves[]> {
  const seeds = grid.seeds.length;
  const solvers = grid.solvers.length;
  const axes = problems.map((p) => curveGrid(p.maxEvaluations));
  const samples = groups.map((group, g) => {
    const points = (axes[Math.floor(g / solvers)] as number[]).length;
    return group.status.some((s) => s === OK) ? new Float64Array(seeds * points) : undefined;
  });
  // Pass 1 kept each run's first ok record: so does this pass.
  const sampled = groups.map(() => new Uint8Array(seeds));
  if (runCount(grid) > 0) {
    for await (const record of readJournal(journalPath)) {
      const at = locate(record);
      if (at === undefined || record.status !== 'ok' || record.outcome === undefined) continue;
      const seen = sampled[at.group] as Uint8Array;
      if (seen[at.seed] === 1) continue;
      seen[at.seed] = 1;
      const problem = Math.floor(at.group / solvers);
      const axis = axes[problem] as number[];
      const into = samples[at.group];
      if (into === undefined) continue;
      sampleTrace(
        record.outcome.trace,
        axis,
        (problems[problem] as ProblemData).sign,
        into,
        at.seed * axis.length,
      );
    }
  }
  return grid.problems.map((problem, p) => {
    const data = problems[p] as ProblemData;
    const axis = axes[p] as number[];
    const series: ConvergenceSeries[] = [];
    for (let s = 0; s < solvers; s++) {
      const g = p * solvers + s;
      const group = groups[g] as GroupData;
      const values = samples[g];
      if (values === undefined) continue;
      const ok: number[] = [];
      group.status.forEach((status, k) => {
        if (status === OK) ok.push(k);
      });
      const curve: ConvergenceSeries = {
        solver: grid.solvers[s]?.label as string,
        runs: ok.length,
        evaluations: [],
        median: [],
        low: [],
        high: [],
      };
      axis.forEach((x, j) => {
        const column = sortedValues(ok.map((k) => values[k * axis.length + j] as number));
        const median = quantile(column, 0.5);
        if (!Number.isFinite(median)) return;
        const a = data.sign * quantile(column, 0.25);
        const b = data.sign * quantile(column, 0.75);
        curve.evaluations.push(x);
        curve.median.push(data.sign * median);
        curve.low.push(Math.min(a, b));
        curve.high.push(Math.max(a, b));
      });
      series.push(curve);
    }
    return {
      problem: problem.label,
      direction: data.sign === 1 ? 'minimize' : 'maximize',
      optimum: data.optimum,
      series,
    };
  });
}
