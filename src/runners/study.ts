// A study (`kiln tune`): a search whose every trial runs on worker threads and is journaled as
// it finishes, so that an interrupted study resumes where it stopped and ends exactly as an
// uninterrupted one would.
import { hostname } from 'node:os';
import { errorMessage } from '../core/errors.js';
import { fileSystemError } from '../core/file-system-errors.js';
import type { Problem } from '../core/problem.js';
import type { AnySolver } from '../core/solver.js';
import type { Budget, StopReason } from './budget.js';
import { minimize, type RunProgress } from './minimize.js';
import { prepareOutputFolder } from './output-folder.js';
import { acquireOutputLock, type OutputLock } from './output-lock.js';
import { poolEvaluator } from './pool-evaluator.js';
import { openStudyJournal, type StudyJournal, type TrialRecord } from './study-journal.js';
import { writeBestJson, writeTrialsCsv } from './study-output.js';

/** Options of {@link runStudy}. */
export interface StudyOptions<X> {
  problem: Problem<X>;
  solver: AnySolver;
  params: Record<string, unknown>;
  budget: Budget;
  seed: number | string;
  /** Worker threads running the trials. */
  workers: number;
  /** Per-trial time limit in seconds. */
  timeoutSeconds?: number;
  /** Folder for the journal, best.json, trials.csv and the best model. */
  output?: string;
  /** Folder that relative paths of the problem spec resolve against. */
  baseDir: string;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Called once with the journal's warnings (torn or corrupted lines) when resuming. */
  onWarning?: (message: string) => void;
  /** Called after each finished trial is journaled (e.g. to refresh a report). */
  onTrial?: (trial: TrialRecord) => void;
}

/** The outcome of a study. */
export interface StudyResult<X> {
  bestParams: X | undefined;
  bestValue: number;
  /** Number of the best trial (1-based). */
  bestTrial: number | undefined;
  trials: number;
  failedTrials: number;
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
  const { problem, solver, params, budget, seed, output } = options;
  const sign = problem.direction === 'maximize' ? -1 : 1;
  let journal: StudyJournal | undefined;
  let lock: OutputLock | undefined;
  if (output !== undefined) {
    prepareOutputFolder(output);
    lock = acquireOutputLock(output, options.onWarning);
    try {
      journal = openStudyJournal(output, {
        type: 'study',
        version: 1,
        seed,
        solver: { type: solver.name, ...params },
        problem: problem.spec ?? { name: problem.name },
        direction: problem.direction ?? 'minimize',
        space: problem.space.spec,
      });
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
  const trials: TrialRecord[] = [...(journal?.previous ?? [])];
  const evaluator = poolEvaluator(problem, {
    workers: options.workers,
    baseDir: options.baseDir,
    localShare: false,
    ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
  });
  const open = journal;
  try {
    const result = await minimize(problem, solver, {
      budget,
      params,
      seed,
      evaluator,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      ...(open === undefined ? {} : { replay: open.replay((x: X) => problem.space.key(x), sign) }),
      onEvaluation: (record) => {
        const failed = record.error !== undefined || !Number.isFinite(record.value);
        const trial: TrialRecord = {
          type: 'trial',
          number: record.number,
          batch: record.batch,
          index: record.index,
          params: record.candidate,
          value: failed ? null : record.value,
          status: failed ? 'failed' : 'complete',
          ...(failed ? { error: record.error ?? `objective returned ${record.value}` } : {}),
          durationMs: Math.round(record.durationMs * 10) / 10,
          finishedAt: new Date().toISOString(),
        };
        open?.append(trial);
        trials.push(trial);
        options.onTrial?.(trial);
      },
    });
    open?.append({
      type: 'end',
      stopReason: result.stopReason,
      elapsedMs: Math.round(result.elapsedMs),
      trials: result.evaluations,
      failedTrials: result.failedEvaluations,
    });
    const bestKey = result.best === undefined ? undefined : problem.space.key(result.best);
    const bestTrial = trials
      .filter(
        (t) =>
          t.status === 'complete' &&
          bestKey !== undefined &&
          problem.space.key(t.params as X) === bestKey,
      )
      .sort((a, b) => a.number - b.number)[0]?.number;
    const study: StudyResult<X> = {
      bestParams: result.best,
      bestValue: result.bestValue,
      bestTrial,
      trials: result.evaluations,
      failedTrials: result.failedEvaluations,
      resumedTrials: result.replayedEvaluations,
      elapsedMs: result.elapsedMs,
      seed: result.seed,
      stopReason: result.stopReason,
      solver: result.solver,
      params: result.params,
      problem: result.problem,
      direction: result.direction,
      ...(output === undefined ? {} : { output }),
    };
    if (
      problem.finalize !== undefined &&
      result.best !== undefined &&
      result.stopReason !== 'aborted'
    ) {
      study.report = await problem.finalize(result.best, output);
    }
    if (output !== undefined) {
      try {
        writeTrialsCsv(output, trials);
        // A budget shrunk below what the journal holds must not replace a better best.json.
        const journaled = journaledBest(open?.previous ?? [], sign);
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
    await evaluator.close();
  }
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
