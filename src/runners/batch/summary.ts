// The summary of a batch, computed by streaming its journal (twice: scalars, then convergence
// curves), with a fixed amount of memory per run and never a whole trace list in memory.
// Each run's numbers are stored at its grid position, so the summary does not depend on the
// order in which runs finished (a resumed batch summarizes exactly like an uninterrupted one).
import { convergenceCurves } from './convergence-curves.js';
import { gridRuns, type BatchGrid } from './grid.js';
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
import {
  FAILED,
  MISSING,
  OK,
  newGroup,
  orNull,
  type GroupData,
  type ProblemData,
} from './summary-groups.js';
import {
  MAX_FAILURES,
  type BatchSummary,
  type FailedRun,
  type SummaryRow,
  type TargetRuns,
} from './summary-types.js';

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
    if (outcome.referencePoint !== undefined) problem.referencePoint ??= outcome.referencePoint;
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
  const hypervolumes = grid.problems.flatMap((p, i) => {
    const referencePoint = problems[i]?.referencePoint;
    return referencePoint === undefined ? [] : [{ problem: p.label, referencePoint }];
  });
  // Multi-objective runs keep no best-so-far trace: their problems get no convergence plot, even
  // when no run of theirs finished to say it had several objectives.
  const multiObjective = grid.problems.flatMap((p) =>
    p.objectives === undefined ? [] : [p.label],
  );
  const curves = (await convergenceCurves(grid, journalPath, problems, groups, locate)).filter(
    (c) =>
      !multiObjective.includes(c.problem) && !hypervolumes.some((h) => h.problem === c.problem),
  );
  return { rows, curves, finished, ignored, failures, targetRuns, hypervolumes, multiObjective };
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
