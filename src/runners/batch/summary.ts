// The summary of a batch, computed by streaming its journal (twice: scalars, then convergence
// curves), with a fixed amount of memory per run and never a whole trace list in memory.
// Each run's numbers are stored at its grid position, so the summary does not depend on the
// order in which runs finished (a resumed batch summarizes exactly like an uninterrupted one).
import { gridRuns, runCount, type BatchGrid } from './grid.js';
import { readJournal, type JournalRecord, type WarningHandler } from './journal.js';
import {
  expectedRunningTime,
  mean,
  quantile,
  sortedValues,
  spread,
  successRate,
  type TargetRun,
} from './statistics.js';

/** One row of the summary: a problem x solver variant. Values are in the user's terms. */
export interface SummaryRow {
  problem: string;
  solver: string;
  /** Finished runs (failed ones included). */
  runs: number;
  /** Median, interquartile range, best and worst of the final best values (finished runs). */
  median: number | null;
  iqr: number | null;
  best: number | null;
  worst: number | null;
  /** Mean gap to the known optimum in percent (null when unknown or zero). */
  gapPercent: number | null;
  /** Fraction of runs that reached the target (null without a target). */
  successRate: number | null;
  /** Expected running time to the target in evaluations (COCO); Infinity without success. */
  ert: number | null;
  medianSeconds: number | null;
  /** Runs that could not run (their problem could not be built, their worker crashed...). */
  failed: number;
  successes: number | null;
  target: number | null;
  optimum: number | null;
  medianEvaluations: number | null;
  /** Median incremental move evaluations (move models of the local-search solvers). */
  medianMoveEvaluations: number | null;
}

/** The median and interquartile band of best-so-far against evaluations, for one solver variant. */
export interface ConvergenceSeries {
  solver: string;
  runs: number;
  evaluations: number[];
  median: number[];
  /** The interquartile band's edges (low <= high), in the user's terms. */
  low: number[];
  high: number[];
}

/** The convergence curves of one problem. */
export interface ProblemCurves {
  problem: string;
  direction: 'minimize' | 'maximize';
  optimum: number | undefined;
  series: ConvergenceSeries[];
}

/** Everything the summary writers need. */
export interface BatchSummary {
  rows: SummaryRow[];
  curves: ProblemCurves[];
  /** Runs of the grid found in the journal. */
  finished: number;
  /** Journal records that belong to no run of this grid (an earlier config), ignored. */
  ignored: number;
  /** The first failed runs with distinct messages (at most {@link MAX_FAILURES}). */
  failures: FailedRun[];
  /** Each problem x solver variant with a target: its runs' evaluations and first hits. */
  targetRuns: TargetRuns[];
}

/** The runs of one problem x solver variant against its target (for ECDF plots). */
export interface TargetRuns {
  problem: string;
  solver: string;
  runs: TargetRun[];
}

/** A run that could not run, and why. */
export interface FailedRun {
  problem: string;
  solver: string;
  seed: number;
  error: string;
}

/** Failed runs listed in a summary; later ones with the same message are only counted. */
export const MAX_FAILURES = 10;

/** Points of each convergence curve. */
const CURVE_POINTS = 60;

const MISSING = 0;
const OK = 1;
const FAILED = 2;

interface GroupData {
  status: Uint8Array;
  /** Final best value in minimized terms. */
  value: Float64Array;
  evaluations: Float64Array;
  moveEvaluations: Float64Array;
  /** Evaluation of the first hit; Infinity when the target was set and missed; NaN without one. */
  hit: Float64Array;
  elapsedMs: Float64Array;
  gap: Float64Array;
}

interface ProblemData {
  sign: 1 | -1;
  optimum: number | undefined;
  target: number | undefined;
  maxEvaluations: number;
}

function newGroup(seeds: number): GroupData {
  const filled = (): Float64Array => new Float64Array(seeds).fill(NaN);
  return {
    status: new Uint8Array(seeds),
    value: filled(),
    evaluations: filled(),
    moveEvaluations: filled(),
    hit: filled(),
    elapsedMs: filled(),
    gap: filled(),
  };
}

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** Summarizes the runs of `grid` found in the journal at `journalPath`. */
export async function summarizeJournal(
  grid: BatchGrid,
  journalPath: string,
  onWarning: WarningHandler = () => undefined,
): Promise<BatchSummary> {
  const seeds = grid.seeds.length;
  const solvers = grid.solvers.length;
  const indexOf = new Map<string, number>();
  for (const run of gridRuns(grid)) indexOf.set(run.key, run.index);
  const groups = Array.from({ length: grid.problems.length * solvers }, () => newGroup(seeds));
  const problems: ProblemData[] = grid.problems.map(() => ({
    sign: 1,
    optimum: undefined,
    target: undefined,
    maxEvaluations: 0,
  }));
  let ignored = 0;
  const failures: FailedRun[] = [];
  const locate = (record: JournalRecord): { group: number; seed: number } | undefined => {
    const index = indexOf.get(record.key);
    if (index === undefined) return undefined;
    return { group: Math.floor(index / seeds), seed: index % seeds };
  };

  for await (const record of readJournal(journalPath, onWarning)) {
    const at = locate(record);
    if (at === undefined) {
      ignored++;
      continue;
    }
    const group = groups[at.group] as GroupData;
    // A run's first ok record stands; a failed one gives way to a later retry.
    if (group.status[at.seed] === OK) continue;
    const outcome = record.outcome;
    if (record.status === 'failed' || outcome === undefined) {
      group.status[at.seed] = FAILED;
      const error = record.error ?? 'no result recorded';
      if (failures.length < MAX_FAILURES && !failures.some((f) => f.error === error))
        failures.push({ problem: record.problem, solver: record.solver, seed: record.seed, error });
      continue;
    }
    const problem = problems[Math.floor(at.group / solvers)] as ProblemData;
    problem.sign = outcome.direction === 'maximize' ? -1 : 1;
    problem.optimum ??= outcome.optimum;
    problem.target ??= outcome.target;
    problem.maxEvaluations = Math.max(problem.maxEvaluations, outcome.evaluations);
    group.status[at.seed] = OK;
    group.value[at.seed] = problem.sign * outcome.bestValue;
    group.evaluations[at.seed] = outcome.evaluations;
    group.moveEvaluations[at.seed] = outcome.moveEvaluations;
    group.elapsedMs[at.seed] = outcome.elapsedMs;
    group.gap[at.seed] = outcome.gapPercent ?? NaN;
    if (outcome.target !== undefined)
      group.hit[at.seed] = outcome.hitEvaluations == null ? Infinity : outcome.hitEvaluations;
  }

  const finished = groups.reduce(
    (sum, group) => sum + group.status.filter((s) => s !== MISSING).length,
    0,
  );
  const targetRuns: TargetRuns[] = [];
  const rows = groups.map((group, g) => {
    const problem = grid.problems[Math.floor(g / solvers)]?.label as string;
    const solver = grid.solvers[g % solvers]?.label as string;
    const { row, runs } = summaryRow(
      problem,
      solver,
      group,
      problems[Math.floor(g / solvers)] as ProblemData,
    );
    if (row.target !== null && runs.length > 0) targetRuns.push({ problem, solver, runs });
    return row;
  });
  const curves = await convergenceCurves(grid, journalPath, problems, groups, locate);
  return { rows, curves, finished, ignored, failures, targetRuns };
}

function summaryRow(
  problem: string,
  solver: string,
  group: GroupData,
  data: ProblemData,
): { row: SummaryRow; runs: TargetRun[] } {
  const ok: number[] = [];
  let failed = 0;
  group.status.forEach((status, k) => {
    if (status === OK) ok.push(k);
    else if (status === FAILED) failed++;
  });
  const runs = ok.length + failed;
  const values = spread(ok.map((k) => group.value[k] as number));
  const { sign } = data;
  const targetRuns: TargetRun[] = [];
  const withTarget = data.target !== undefined;
  if (withTarget) {
    for (const k of ok) {
      const hit = group.hit[k] as number;
      targetRuns.push({
        evaluations: group.evaluations[k] as number,
        hitEvaluations: Number.isFinite(hit) ? hit : null,
      });
    }
    // A run that could not run spent nothing and did not succeed.
    for (let f = 0; f < failed; f++) targetRuns.push({ evaluations: 0, hitEvaluations: null });
  }
  const successes = targetRuns.filter((r) => r.hitEvaluations !== null).length;
  const seconds = sortedValues(ok.map((k) => (group.elapsedMs[k] as number) / 1000));
  const evaluations = sortedValues(ok.map((k) => group.evaluations[k] as number));
  const moves = sortedValues(ok.map((k) => group.moveEvaluations[k] as number));
  const signed = (v: number): number | null => orNull(Number.isNaN(v) ? NaN : sign * v);
  const row: SummaryRow = {
    problem,
    solver,
    runs,
    median: signed(values.median),
    iqr: orNull(values.iqr),
    best: signed(values.min),
    worst: signed(values.max),
    gapPercent: orNull(mean(ok.map((k) => group.gap[k] as number))),
    successRate: withTarget ? orNull(successRate(targetRuns)) : null,
    ert: withTarget ? orNull(expectedRunningTime(targetRuns)) : null,
    medianSeconds: orNull(quantile(seconds, 0.5)),
    failed,
    successes: withTarget ? successes : null,
    target: data.target ?? null,
    optimum: data.optimum ?? null,
    medianEvaluations: orNull(quantile(evaluations, 0.5)),
    medianMoveEvaluations: orNull(quantile(moves, 0.5)),
  };
  return { row, runs: targetRuns };
}

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

async function convergenceCurves(
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
