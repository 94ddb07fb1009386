// The run loop's reading of the clock after each batch: every batch for a clock the caller gave
// (a fake clock must see the same calls whatever the speed), every few batches for the default
// one while batches are far cheaper than a clock reading matters.

/** Readings of the default clock are this far apart at most, in milliseconds, when skipped. */
const SKIP_SPAN_MS = 0.05;
/** Batches between two readings, at most. */
const MAX_STRIDE = 64;

/**
 * The time after each batch of a run. `performance.now` costs some 60 ns on a loaded machine,
 * as much as a cheap objective: with one-candidate batches (trajectory solvers) two readings per
 * batch were a third of the run. Skipping readings delays a seconds budget, a yield or a
 * progress report by at most {@link SKIP_SPAN_MS} (the stride follows the measured batch time).
 */
export class BatchClock {
  private last = NaN;
  private stride = 1;
  private sinceReading = 0;

  /** `skipping`: whether readings may be skipped (only for the default clock). */
  constructor(
    private readonly read: () => number,
    private readonly skipping: boolean,
  ) {}

  /** The time after a batch: a fresh reading, or the last one while the stride lasts. */
  afterBatch(): number {
    if (!this.skipping) return (this.last = this.read());
    this.sinceReading++;
    if (this.sinceReading < this.stride) return this.last;
    const now = this.read();
    const perBatch = (now - this.last) / this.sinceReading;
    this.sinceReading = 0;
    this.last = now;
    this.stride =
      perBatch > 0
        ? Math.max(1, Math.min(MAX_STRIDE, Math.floor(SKIP_SPAN_MS / perBatch)))
        : Math.min(MAX_STRIDE, 2 * this.stride);
    return now;
  }

  /** A fresh reading: the first one, and after a yield to the event loop (an unknown time). */
  now(): number {
    this.sinceReading = 0;
    this.last = this.read();
    return this.last;
  }
}
