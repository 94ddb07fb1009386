// A study (`kiln tune`): trials proposed one by one as workers free up, run on worker threads
// with intermediate values and pruning, and journaled as they finish, so that an interrupted
// study resumes where it stopped and ends exactly as an uninterrupted one would.
import { hostname } from 'node:os';
import type { Piscina } from 'piscina';
import { checkParamsOption, resolveParams } from '../config/params.js';
import { KilnError, ParameterError, ProblemError, errorMessage } from '../core/errors.js';
import { fileSystemError } from '../core/file-system-errors.js';
import { createRng } from '../core/rng.js';
import type { SolverContext } from '../core/solver.js';
import type { ProblemConfig } from '../config/run-config.js';
import { checkBudget, type Budget } from './budget.js';
import { prepareOutputFolder } from './output-folder.js';
import { refuseOtherOutput } from './output-kind.js';
import { acquireOutputLock, type OutputLock } from './output-lock.js';
import { createPruner } from './pruners/pruner-config.js';
import { distinctMessages } from './failure-summary.js';
import { studyHeader } from './study-header.js';
import { runStudyLoop, type FinishedStudyTrial } from './study-loop.js';
import { openStudyJournal, type StudyJournal, type TrialRecord } from './study-journal.js';
import { studyDocument, writeBestJson, writeTrialFiles } from './study-output.js';
import { proposalSource } from './study-proposals.js';
import { PruningBoard } from './study-pruning.js';
import { checkMemoryLimit, defaultMemoryLimitMb } from './worker-limits.js';
import { checkWorkers, closeWorkerPool, createWorkerPool } from './worker-pool.js';
import { checkMultiObjectiveStudy, studyFront } from './study-front.js';
import type { StudyOptions, StudyResult } from './study-types.js';
import { fromRecord, journaledBest, toRecord } from './study-records.js';

export type { StudyOptions, StudyResult } from './study-types.js';

// `budget.epochs` counts the steps trials report (trainer problems: epochs); a problem that
// reports none would never reach it. Module objectives may report, which the loop checks.
function checkEpochBudget(budget: Budget, problem: StudyOptions<unknown>['problem']): void {
  if (budget.epochs === undefined || problem.steps !== undefined) return;
  if (problem.spec !== undefined && 'module' in problem.spec) return;
  throw new ParameterError(
    `budget.epochs counts the training epochs trials report, and problem ${problem.name} reports none (the trainer problems and module objectives that call trial.report do); use budget.evaluations or budget.seconds`,
  );
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
  checkEpochBudget(budget, problem);
  checkParamsOption(options.params);
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
    refuseOtherOutput(output, 'study');
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
  // A journal that cannot be written (a full disk) stops the study like an interrupt: the trials
  // running finish, and the result so far is returned with the error in `outputError`.
  let journalError: KilnError | undefined;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  if (options.signal?.aborted === true) stop.abort();
  options.signal?.addEventListener('abort', onAbort);
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
        if (trial.replayed || journalError !== undefined) return;
        const record: TrialRecord = {
          ...toRecord(trial, sign, problem),
          finishedAt: new Date().toISOString(),
        };
        try {
          open?.append(record);
        } catch (error) {
          if (!(error instanceof KilnError && error.userFacing)) throw error;
          journalError = error;
          stop.abort();
          return;
        }
        options.onTrial?.(record);
      },
      signal: stop.signal,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
    const trials = loop.trials;
    if (journalError === undefined)
      open?.append({
        type: 'end',
        stopReason: loop.stopReason,
        elapsedMs: Math.round(loop.elapsedMs),
        trials: trials.length,
        failedTrials: trials.filter((t) => t.status === 'failed').length,
      });
    // A multi-objective study has no best trial, only its front.
    const best =
      objectives !== undefined
        ? undefined
        : trials
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
    if (journalError !== undefined) {
      // trials.csv and best.json are left as they were: the journal, which holds every trial
      // written before the error, rebuilds them when the study resumes.
      study.outputError = errorMessage(journalError);
    } else if (output !== undefined) {
      try {
        writeTrialFiles(
          output,
          trials.map((t) => toRecord(t, sign, problem)),
          objectives,
          front?.paretoFront,
        );
        // A budget shrunk below what the journal holds must not replace a better best.json.
        const journaled =
          objectives === undefined ? journaledBest(open?.previous ?? [], sign) : undefined;
        if (journaled?.value != null && sign * journaled.value < sign * study.bestValue) {
          options.onWarning?.(
            `the journal holds a better trial (${journaled.number}, value ${journaled.value}) than this run reached within its budget; best.json is left as it was`,
          );
        } else {
          writeBestJson(output, studyDocument(study));
        }
      } catch (error) {
        study.outputError = errorMessage(fileSystemError(error, output, 'write the results'));
      }
    }
    return study;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    open?.close();
    lock?.release();
    if (pool !== undefined) await closeWorkerPool(pool);
  }
}
