// A study (`kiln tune`): trials proposed one by one as workers free up, run on worker threads
// with intermediate values and pruning, and journaled as they finish, so that an interrupted
// study resumes where it stopped and ends exactly as an uninterrupted one would.
import { hostname } from 'node:os';
import type { Piscina } from 'piscina';
import { resolveParams } from '../config/params.js';
import { ProblemError, errorMessage } from '../core/errors.js';
import { fileSystemError } from '../core/file-system-errors.js';
import type { Problem } from '../core/problem.js';
import { createRng } from '../core/rng.js';
import type { AnySolver, SolverContext } from '../core/solver.js';
import type { ProblemConfig } from '../config/run-config.js';
import { checkBudget, type Budget, type StopReason } from './budget.js';
import type { Evaluator } from './evaluator.js';
import type { RunProgress } from './minimize.js';
import { prepareOutputFolder } from './output-folder.js';
import { acquireOutputLock, type OutputLock } from './output-lock.js';
import { createPruner, type PrunerConfig } from './pruners/pruner-config.js';
import { distinctMessages } from './failure-summary.js';
import { studyHeader } from './study-header.js';
import { finishedTrial, runStudyLoop, type FinishedStudyTrial } from './study-loop.js';
import { openStudyJournal, type StudyJournal, type TrialRecord } from './study-journal.js';
import { writeBestJson, writeTrialsCsv } from './study-output.js';
import { proposalSource } from './study-proposals.js';
import { PruningBoard } from './study-pruning.js';
import { checkMemoryLimit, defaultMemoryLimitMb } from './worker-limits.js';
import { checkWorkers, closeWorkerPool, createWorkerPool } from './worker-pool.js';
import { writeParetoCsv } from '../multi-objective/pareto-csv.js';
import { checkMultiObjectiveStudy, studyFront, type StudyFront } from './study-front.js';
import { evaluationFromRecord, recordValues } from './study-values.js';

/** Options of {@link runStudy}. */
export interface StudyOptions<X> {
  problem: Problem<X>;
  solver: AnySolver;
  params: Record<string, unknown>;
  /** `evaluations` counts trials; `epochs` the training epochs of all trials. */
  budget: Budget;
  seed: number | string;
  /** Worker threads running the trials; with `evaluator`, the trials in flight at most. */
  workers: number;
  /**
   * Runs the trials instead of a pool of `workers` threads: an evaluator that supports
   * `EvaluateOptions.trial` (see `queueEvaluator`). The caller closes it. @defaultValue threads
   */
  evaluator?: Evaluator<X>;
  /** Stops unpromising trials from their intermediate values. */
  pruner?: PrunerConfig;
  /** Per-trial time limit in seconds. */
  timeoutSeconds?: number;
  /** Heap limit of each worker thread in MB. @defaultValue half of the machine's memory shared among the workers (512..4096) */
  memoryLimitMb?: number;
  /** Folder for the journal, best.json, trials.csv (pareto.csv) and the best model. */
  output?: string;
  /**
   * Multi-objective studies: the hypervolume's reference point in the user's terms, by objective
   * name; derived from the front (and reported) when absent.
   */
  referencePoint?: Record<string, number>;
  /** Folder that relative paths of the problem spec resolve against. */
  baseDir: string;
  /** Where config errors point (the config file). @defaultValue "options" */
  source?: string;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Called once with the journal's warnings (torn or corrupted lines) when resuming. */
  onWarning?: (message: string) => void;
  /** Called after each finished trial is journaled (e.g. to refresh a report). */
  onTrial?: (trial: TrialRecord) => void;
}

/**
 * The outcome of a study. A multi-objective study has no best trial (bestParams and bestTrial
 * undefined, bestValue NaN): it reports `paretoFront`, `hypervolume` and `referencePoint`.
 */
export interface StudyResult<X> extends Partial<StudyFront<X>> {
  bestParams: X | undefined;
  bestValue: number;
  /** Number of the best trial (1-based). */
  bestTrial: number | undefined;
  trials: number;
  failedTrials: number;
  /** The first distinct messages of the failed trials (empty when none failed). */
  failureMessages: string[];
  /** Trials stopped by the pruner (or that threw TrialPruned). */
  prunedTrials: number;
  /** Training epochs of all trials (steps reported x epochs per step: folds x seeds). */
  epochs: number;
  /** Trials taken from the journal of an earlier session. */
  resumedTrials: number;
  elapsedMs: number;
  seed: number | string;
  stopReason: StopReason;
  solver: string;
  params: object;
  problem: string;
  direction: 'minimize' | 'maximize';
  output?: string;
  /** What the problem reports about the best candidate (e.g. testAccuracy, modelPath). */
  report?: Record<string, unknown>;
  /**
   * Why best.json or trials.csv could not be written (a full disk...), when that happened at
   * the end; the result is complete and the journal holds every trial.
   */
  outputError?: string;
}

/** Runs (or resumes) a study. */
export async function runStudy<X>(options: StudyOptions<X>): Promise<StudyResult<X>> {
  const { problem, solver, seed, output } = options;
  const sign = problem.direction === 'maximize' ? -1 : 1;
  const budget = checkBudget(options.budget);
  if (problem.spec === undefined) {
    throw new ProblemError(
      `problem ${problem.name} has no spec, so a worker thread cannot rebuild it; build it from a config block (buildProblem) or a module`,
    );
  }
  const params = resolveParams(solver, options.params, `solver ${solver.name}`) as object;
  const objectives = problem.objectives;
  if (objectives !== undefined) checkMultiObjectiveStudy(options, objectives);
  const pruner =
    options.pruner === undefined
      ? undefined
      : createPruner(options.pruner, {
          maxSteps: problem.steps?.max,
          seed,
          source: options.source ?? 'options',
        });
  let journal: StudyJournal | undefined;
  let lock: OutputLock | undefined;
  if (output !== undefined) {
    prepareOutputFolder(output);
    lock = acquireOutputLock(output, options.onWarning);
    try {
      const header = studyHeader(
        {
          seed,
          solver: { type: solver.name, ...options.params },
          problem: problem.spec ?? { name: problem.name },
          direction: problem.direction ?? 'minimize',
          ...(options.pruner === undefined ? {} : { pruner: options.pruner }),
          ...(objectives === undefined ? {} : { objectives: [...objectives] }),
          space: problem.space.spec,
        },
        options.baseDir,
      );
      journal = openStudyJournal(output, header, options.baseDir);
    } catch (error) {
      lock.release();
      throw error;
    }
    for (const warning of journal.warnings) options.onWarning?.(warning);
    journal.append({
      type: 'session',
      startedAt: new Date().toISOString(),
      workers: options.workers,
      pid: process.pid,
      host: hostname(),
    });
  }
  const context: SolverContext<X> = {
    space: problem.space,
    gradients: false,
    budget: {
      ...(budget.evaluations === undefined ? {} : { evaluations: budget.evaluations }),
      ...(budget.seconds === undefined ? {} : { seconds: budget.seconds }),
    },
    ...(objectives === undefined ? {} : { objectives }),
  };
  const state: unknown = solver.init(context, params, createRng(seed).fork('solver'));
  const board = new PruningBoard(pruner);
  const workers = checkWorkers(options.workers);
  const memoryLimitMb =
    options.memoryLimitMb === undefined
      ? defaultMemoryLimitMb(workers)
      : checkMemoryLimit(options.memoryLimitMb);
  const pool =
    options.evaluator === undefined ? createWorkerPool({ workers, memoryLimitMb }) : undefined;
  const open = journal;
  const key = (x: X): string => problem.space.key(x);
  try {
    const loop = await runStudyLoop({
      problem,
      proposals: proposalSource(solver, state, params, context, seed),
      board,
      // Without a pool, the evaluator runs every trial and the settings go unused.
      settings: {
        pool: pool as Piscina,
        problem: problem.spec as ProblemConfig,
        baseDir: options.baseDir,
        kind: problem.space.kind,
        timeoutSeconds: options.timeoutSeconds,
        memoryLimitMb,
      },
      workers,
      ...(options.evaluator === undefined ? {} : { evaluator: options.evaluator }),
      budget,
      sign,
      recorded: (k, x) => {
        const record = open?.recorded(k + 1, x, key);
        return record === undefined ? undefined : fromRecord(record, k, x, sign, board, problem);
      },
      onTrial: (trial) => {
        if (trial.replayed) return;
        const record: TrialRecord = {
          ...toRecord(trial, sign, problem),
          finishedAt: new Date().toISOString(),
        };
        open?.append(record);
        options.onTrial?.(record);
      },
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
    const trials = loop.trials;
    open?.append({
      type: 'end',
      stopReason: loop.stopReason,
      elapsedMs: Math.round(loop.elapsedMs),
      trials: trials.length,
      failedTrials: trials.filter((t) => t.status === 'failed').length,
    });
    const best = trials
      .filter((t) => t.status === 'complete')
      .reduce<FinishedStudyTrial<X> | undefined>(
        (b, t) => (b === undefined || t.value < b.value ? t : b),
        undefined,
      );
    const front =
      objectives === undefined ? undefined : studyFront(trials, objectives, options.referencePoint);
    const study: StudyResult<X> = {
      ...front,
      bestParams: best?.params,
      bestValue:
        objectives !== undefined ? NaN : best === undefined ? sign * Infinity : sign * best.value,
      bestTrial: best === undefined ? undefined : best.k + 1,
      trials: trials.length,
      failedTrials: trials.filter((t) => t.status === 'failed').length,
      failureMessages: distinctMessages(
        trials.filter((t) => t.status === 'failed').map((t) => t.error),
      ),
      prunedTrials: trials.filter((t) => t.status === 'pruned').length,
      epochs: trials.reduce((sum, t) => sum + t.epochs, 0),
      resumedTrials: trials.filter((t) => t.replayed).length,
      elapsedMs: loop.elapsedMs,
      seed,
      stopReason: loop.stopReason,
      solver: solver.name,
      params,
      problem: problem.name,
      direction: sign === 1 ? 'minimize' : 'maximize',
      ...(output === undefined ? {} : { output }),
    };
    if (
      problem.finalize !== undefined &&
      best !== undefined &&
      objectives === undefined &&
      loop.stopReason !== 'aborted'
    ) {
      study.report = await problem.finalize(best.params, output);
    }
    if (output !== undefined) {
      try {
        writeTrialsCsv(
          output,
          trials.map((t) => toRecord(t, sign, problem)),
          objectives,
        );
        if (objectives !== undefined && front !== undefined)
          writeParetoCsv(output, front.paretoFront, objectives, 'trial');
        // A budget shrunk below what the journal holds must not replace a better best.json.
        const journaled =
          objectives === undefined ? journaledBest(open?.previous ?? [], sign) : undefined;
        if (journaled?.value != null && sign * journaled.value < sign * study.bestValue) {
          options.onWarning?.(
            `the journal holds a better trial (${journaled.number}, value ${journaled.value}) than this run reached within its budget; best.json is left as it was`,
          );
        } else {
          writeBestJson(output, { ...study });
        }
      } catch (error) {
        study.outputError = errorMessage(fileSystemError(error, output, 'write the results'));
      }
    }
    return study;
  } finally {
    open?.close();
    lock?.release();
    if (pool !== undefined) await closeWorkerPool(pool);
  }
}

// A journal line from a finished trial (values back in the user's terms).
function toRecord<X>(
  trial: FinishedStudyTrial<X>,
  sign: 1 | -1,
  problem: Pick<Problem<X>, 'attributes' | 'objectives'>,
): TrialRecord {
  const user = (v: number): number => (v === 0 ? 0 : sign * v);
  const hasValue = trial.status !== 'failed' && Number.isFinite(trial.value);
  const values = recordValues(trial, problem.objectives);
  const record: TrialRecord = {
    type: 'trial',
    number: trial.k + 1,
    batch: trial.k,
    index: 0,
    params: trial.params,
    value: hasValue ? user(trial.value) : null,
    ...values,
    status: trial.status,
    ...(trial.error === undefined ? {} : { error: trial.error }),
    ...(trial.stack === undefined ? {} : { stack: trial.stack }),
    durationMs: Math.round(trial.durationMs * 10) / 10,
  };
  if (trial.intermediate.size > 0) {
    record.intermediate = Object.fromEntries(
      [...trial.intermediate].sort((a, b) => a[0] - b[0]).map(([s, v]) => [String(s), user(v)]),
    );
    record.epochs = trial.epochs;
  }
  if (trial.step !== undefined) record.prunedStep = trial.step;
  const attributes = problem.attributes?.(trial.params);
  if (attributes !== undefined) record.attributes = attributes;
  return record;
}

// A finished trial from its journal line.
function fromRecord<X>(
  record: TrialRecord,
  k: number,
  params: X,
  sign: 1 | -1,
  board: PruningBoard,
  problem: Problem<X>,
): FinishedStudyTrial<X> {
  for (const [step, value] of Object.entries(record.intermediate ?? {})) {
    board.report(k, Number(step), sign * value);
  }
  const value = record.value === null ? NaN : sign * record.value;
  const evaluation = evaluationFromRecord(record, problem.objectives);
  const trial = finishedTrial(
    { board, problem },
    k,
    params,
    record.status,
    value,
    record.durationMs,
  );
  if (record.error !== undefined) trial.error = record.error;
  if (record.stack !== undefined) trial.stack = record.stack;
  if (evaluation !== undefined) trial.evaluation = evaluation;
  trial.replayed = true;
  return trial;
}

// The best complete trial of the journal (in the user's terms), if any.
function journaledBest(trials: readonly TrialRecord[], sign: 1 | -1): TrialRecord | undefined {
  let best: TrialRecord | undefined;
  for (const trial of trials) {
    if (trial.status !== 'complete' || trial.value === null) continue;
    if (best === undefined || sign * trial.value < sign * (best.value as number)) best = trial;
  }
  return best;
}
