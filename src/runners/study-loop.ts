// The trial loop of a study: proposes trial k as soon as the trials it depends on have finished
// and a worker is free (no batch barrier), runs it on the pool with a `trial` for intermediate
// values and pruning, and stops on the budget. Every decision that shapes the study (the
// proposals, the pruning, the budget checks but `seconds`) reads only trials that have
// finished before it, in trial order, so the study is the same for any number of workers.
import { MessageChannel } from 'node:worker_threads';
import { errorMessage, ProblemError } from '../core/errors.js';
import type { Problem } from '../core/problem.js';
import { budgetFraction, budgetReached, type Budget, type StopReason } from './budget.js';
import type { Evaluator } from './evaluator.js';
import type { RunProgress } from './minimize.js';
import { runEvaluateTask, TaskFailure, type TaskSettings } from './pool-task.js';
import type { ProposalSource } from './study-proposals.js';
import type { FinishedStudyTrial } from './study-trial.js';
import type { PruningBoard } from './study-pruning.js';
import { runEvaluatorTrial } from './study-remote-trial.js';
import { finishedTrial, settledTrial } from './study-trial-outcome.js';
import type { TrialAnswer, TrialMessage } from './trial-channel.js';

export type { FinishedStudyTrial } from './study-trial.js';
export { finishedTrial } from './study-trial-outcome.js';

/** What the loop needs. */
export interface StudyLoopOptions<X> {
  problem: Problem<X>;
  proposals: ProposalSource<X>;
  board: PruningBoard;
  settings: TaskSettings;
  /** Runs the trials instead of `settings.pool` (a queue of remote workers). */
  evaluator?: Evaluator<X>;
  workers: number;
  budget: Budget;
  sign: 1 | -1;
  /** A journaled trial `number` (1-based) in minimized terms, or undefined. */
  recorded: (k: number, params: X) => FinishedStudyTrial<X> | undefined;
  onTrial: (trial: FinishedStudyTrial<X>) => void;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
}

/** The trials of the study and why it stopped. */
export interface StudyLoopResult<X> {
  trials: FinishedStudyTrial<X>[];
  stopReason: StopReason;
  elapsedMs: number;
}

/** Runs trials until the budget is spent; resolves once every started trial has finished. */
export async function runStudyLoop<X>(options: StudyLoopOptions<X>): Promise<StudyLoopResult<X>> {
  const { proposals, board, budget, signal } = options;
  const start = performance.now();
  const clock = (): number => performance.now() - start;
  const trials: (FinishedStudyTrial<X> | { params: X })[] = [];
  const finished: boolean[] = [];
  let prefix = 0; // trials 0..prefix-1 have all finished
  let running = 0;
  let wake: () => void = () => undefined;
  const changed = (): Promise<void> => new Promise((resolve) => (wake = resolve));
  const onAbort = (): void => wake();
  signal?.addEventListener('abort', onAbort);
  const progress = progressReporter(options, clock);
  const complete = (trial: FinishedStudyTrial<X>): void => {
    trials[trial.k] = trial;
    finished[trial.k] = true;
    while (finished[prefix] === true) prefix++;
    board.finish(trial.k, trial.status);
    options.onTrial(trial);
    progress.add(trial);
    wake();
  };
  // An onTrial that throws (a journal on a full disk) stops the loop; the error is thrown once
  // every started trial has finished, so no trial is left running and nothing rejects unheard.
  let failure: { error: unknown } | undefined;
  const inFlight: Promise<void>[] = [];
  const secondsSpent = (elapsedMs: number): boolean =>
    budget.seconds !== undefined && elapsedMs >= budget.seconds * 1000;
  let stopReason: StopReason | undefined;
  try {
    for (let k = 0; stopReason === undefined; k++) {
      if (budget.evaluations !== undefined && k >= budget.evaluations) {
        stopReason = 'evaluations';
        break;
      }
      const need = proposals.needs(k);
      while (
        failure === undefined &&
        signal?.aborted !== true &&
        (prefix < need || running >= options.workers)
      ) {
        if (secondsSpent(clock())) break;
        const next = changed();
        await (budget.seconds === undefined
          ? next
          : withDeadline(next, budget.seconds * 1000 - clock()));
      }
      if (failure !== undefined) break;
      const elapsedMs = clock();
      // `seconds` before the deterministic checks, so that a run out of time stops as such.
      stopReason =
        signal?.aborted === true
          ? 'aborted'
          : secondsSpent(elapsedMs)
            ? 'seconds'
            : budgetStop(
                trials.slice(0, need) as FinishedStudyTrial<X>[],
                k - need,
                budget,
                options.sign,
                elapsedMs,
              );
      if (stopReason !== undefined) break;
      // Leaves the loop with no stop reason: the study cannot end (thrown below).
      if (reportsNoEpochs(trials, prefix, budget)) break;
      const params = proposals.propose(k, trials);
      if (params === undefined) {
        stopReason = 'converged';
        break;
      }
      trials[k] = { params };
      board.start(k, need);
      const recorded = options.recorded(k, params);
      if (recorded !== undefined) {
        complete(recorded);
        continue;
      }
      running++;
      inFlight.push(
        (options.evaluator === undefined
          ? runTrial(options, k, params)
          : runEvaluatorTrial(options, options.evaluator, k, params)
        ).then((trial) => {
          running--;
          try {
            complete(trial);
          } catch (error) {
            failure ??= { error };
            wake();
          }
        }),
      );
    }
    await Promise.all(inFlight);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (failure !== undefined) throw failure.error;
  if (stopReason === undefined) {
    throw new ProblemError(
      `budget.epochs counts the steps trials report with trial.report(value, step), and trials 0-${SILENT_TRIALS - 1} of problem ${options.problem.name} reported none, so the budget would never be reached; report steps, or add budget.evaluations or budget.seconds (the finished trials are in the journal)`,
    );
  }
  progress.flush();
  return {
    trials: trials.filter((t): t is FinishedStudyTrial<X> => 'k' in t),
    stopReason,
    elapsedMs: clock(),
  };
}

// Runs trial k on the pool with its message port; never rejects (a crash fails the trial).
async function runTrial<X>(
  options: StudyLoopOptions<X>,
  k: number,
  params: X,
): Promise<FinishedStudyTrial<X>> {
  const { board, sign } = options;
  const channel = new MessageChannel();
  channel.port1.on('message', (message: TrialMessage) => {
    if (message.type === 'report') {
      board.report(k, message.step, sign * message.value);
      return;
    }
    void board.shouldPrune(k, message.step).then((prune) => {
      channel.port1.postMessage({ id: message.id, prune } satisfies TrialAnswer);
    });
  });
  const trial = { number: k + 1, port: channel.port2, pruning: board.prunes };
  const began = performance.now();
  let outcome: FinishedStudyTrial<X>;
  try {
    const reply = await runEvaluateTask(options.settings, [params], false, undefined, trial);
    for (const [step, value] of reply.reports ?? []) board.report(k, step, sign * value);
    outcome = settledTrial(options, k, params, {
      raw: reply.values[0] as number,
      error: reply.errors?.[0],
      stack: reply.stacks?.[0],
      evaluation: reply.evaluations?.[0],
      pruned: reply.pruned === true,
      durationMs: reply.durationsMs[0] ?? 0,
    });
  } catch (error) {
    // A timed-out or crashed trial lasted until its worker stopped, not 0 ms.
    const durationMs =
      error instanceof TaskFailure && error.durationMs > 0
        ? error.durationMs
        : performance.now() - began;
    outcome = finishedTrial(options, k, params, 'failed', NaN, durationMs);
    outcome.error = errorMessage(error);
  } finally {
    channel.port1.close();
  }
  return outcome;
}

// Trials that must have reported steps before an epochs-only budget is declared unreachable.
const SILENT_TRIALS = 10;

// Whether the budget is in epochs alone and trials 0..SILENT_TRIALS-1 (all finished: `prefix`
// trials are) reported none: the study would never end. Decided on trial numbers, so any worker
// count comes to the same verdict (after more or fewer later trials have started).
function reportsNoEpochs<X>(
  trials: readonly (FinishedStudyTrial<X> | { params: X })[],
  prefix: number,
  budget: Budget,
): boolean {
  if (budget.epochs === undefined || prefix < SILENT_TRIALS) return false;
  if (budget.evaluations !== undefined || budget.seconds !== undefined) return false;
  if (budget.stagnation !== undefined) return false;
  for (let k = 0; k < SILENT_TRIALS; k++) {
    if ((trials[k] as FinishedStudyTrial<X>).epochs > 0) return false;
  }
  return true;
}

// The deterministic budget checks, on the trials finished before the next proposal (`pending`
// more are running or queued); `seconds` is checked before them by the loop.
function budgetStop<X>(
  done: readonly FinishedStudyTrial<X>[],
  pending: number,
  budget: Budget,
  sign: 1 | -1,
  elapsedMs: number,
): StopReason | undefined {
  // Nothing finished: no value can have reached the target, nothing has stagnated or used epochs.
  if (done.length === 0) return undefined;
  let best = Infinity;
  let sinceImprovement = 0;
  for (const trial of done) {
    const value = trial.status === 'complete' ? trial.value : Infinity;
    if (value < best) {
      best = value;
      sinceImprovement = 0;
    } else sinceImprovement++;
  }
  const used = done.reduce((sum, t) => sum + t.epochs, 0);
  // Running trials are counted at the mean of the finished ones.
  const epochs = used + (pending * used) / done.length;
  return budgetReached(
    budget,
    { evaluations: done.length + pending, elapsedMs, bestValue: best, sinceImprovement, epochs },
    sign,
  );
}

function withDeadline(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, ms));
    void promise.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

// Progress in the user's terms, at most every 200 ms.
function progressReporter<X>(options: StudyLoopOptions<X>, clock: () => number) {
  let evaluations = 0;
  let failed = 0;
  let replayed = 0;
  let best = Infinity;
  let last = -Infinity;
  const report = (): void =>
    options.onProgress?.({
      evaluations,
      failedEvaluations: failed,
      bestValue: options.sign * best,
      elapsedMs: clock(),
      replayedEvaluations: replayed,
      fraction: budgetFraction(options.budget, evaluations, clock()),
    });
  return {
    add(trial: FinishedStudyTrial<X>): void {
      evaluations++;
      if (trial.status === 'failed') failed++;
      if (trial.replayed) replayed++;
      if (trial.status === 'complete' && trial.value < best) best = trial.value;
      if (clock() - last >= 200) {
        last = clock();
        report();
      }
    },
    flush: report,
  };
}
