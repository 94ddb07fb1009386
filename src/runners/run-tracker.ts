// Bookkeeping of one run: counts, best-so-far, failures, trace and the stop conditions.
import { copyCandidate } from '../core/candidate-copy.js';
import { budgetFraction, budgetReached, type Budget, type StopReason } from './budget.js';
import { Trace, type TracePoint } from './trace.js';

/** A failed evaluation: its 1-based index in the run and what went wrong. */
export interface FailureRecord {
  evaluation: number;
  message: string;
}

/** Failures kept in full in a result; later ones are only counted. */
export const MAX_FAILURE_RECORDS = 100;

/**
 * Tracks a run in minimized terms. `sign` converts to the user's terms (-1 when maximizing)
 * for the trace and the target.
 */
export class RunTracker<X> {
  evaluations = 0;
  failedEvaluations = 0;
  best: X | undefined = undefined;
  bestValue = Infinity;
  readonly failures: FailureRecord[] = [];
  readonly trace: Trace;
  private lastImprovement = 0;

  constructor(
    private readonly budget: Budget,
    private readonly sign: 1 | -1,
    maxTracePoints: number,
    private readonly clock: () => number,
  ) {
    this.trace = new Trace(maxTracePoints);
  }

  /** Evaluations still allowed (Infinity without an evaluation budget). */
  remaining(): number {
    return this.budget.evaluations === undefined
      ? Infinity
      : this.budget.evaluations - this.evaluations;
  }

  /**
   * Records one evaluated candidate; returns the value the solver is told (Infinity for a
   * failure). `error` marks a failure; a non-finite value is one too.
   */
  record(x: X, value: number, error: string | undefined): number {
    this.evaluations++;
    if (error !== undefined || !Number.isFinite(value)) {
      this.failedEvaluations++;
      if (this.failures.length < MAX_FAILURE_RECORDS) {
        this.failures.push({
          evaluation: this.evaluations,
          message: error ?? `objective returned ${value}`,
        });
      }
      return Infinity;
    }
    if (value < this.bestValue) {
      this.bestValue = value;
      this.best = copyCandidate(x);
      this.lastImprovement = this.evaluations;
      this.trace.add({
        evaluations: this.evaluations,
        elapsedMs: this.clock(),
        value: this.sign * value,
      });
    }
    return value;
  }

  /** The first budget limit reached, if any (the abort signal is checked by the caller). */
  stopReason(elapsedMs: number): StopReason | undefined {
    return budgetReached(
      this.budget,
      {
        evaluations: this.evaluations,
        elapsedMs,
        bestValue: this.bestValue,
        sinceImprovement: this.evaluations - this.lastImprovement,
      },
      this.sign,
    );
  }

  /** Fraction of the budget used, by the tightest of evaluations and seconds. */
  fraction(elapsedMs: number): number | undefined {
    return budgetFraction(this.budget, this.evaluations, elapsedMs);
  }

  /** The trace, ending with a point at the last evaluation. */
  finalTrace(elapsedMs: number): TracePoint[] {
    const points = this.trace.points.slice();
    const last = points[points.length - 1];
    if (last !== undefined && last.evaluations < this.evaluations) {
      points.push({ evaluations: this.evaluations, elapsedMs, value: last.value });
    }
    return points;
  }
}
