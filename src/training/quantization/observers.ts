// Observers: the range of values a tensor takes over calibration batches, from which its scale
// and zero point follow. MinMax and MovingAverageMinMax are PyTorch's (observer.py); percentile
// clips the rare outliers a min/max range would spend its codes on.
import { ParameterError } from '../../core/errors.js';

/** How an activation range is observed. */
export type ObserverKind = 'minmax' | 'moving-average' | 'percentile';

export const OBSERVER_KINDS: readonly ObserverKind[] = ['minmax', 'moving-average', 'percentile'];

/** Options of the observers. */
export interface ObserverOptions {
  /** Moving average: weight of a new batch's min and max. @defaultValue 0.01 (PyTorch's) */
  averagingConstant?: number;
  /** Percentile: the share of values kept inside the range, in percent. @defaultValue 99.99 */
  percentile?: number;
}

/** A range observer: `observe` each batch, then read `min` and `max`. */
export interface Observer {
  observe(values: ArrayLike<number>, from?: number, to?: number): void;
  readonly min: number;
  readonly max: number;
}

const fl32 = Math.fround;

class MinMaxObserver implements Observer {
  min = Infinity;
  max = -Infinity;
  observe(values: ArrayLike<number>, from = 0, to = values.length): void {
    for (let i = from; i < to; i++) {
      const v = fl32(values[i] as number);
      if (v < this.min) this.min = v;
      if (v > this.max) this.max = v;
    }
  }
}

class MovingAverageObserver implements Observer {
  min = Infinity;
  max = -Infinity;
  constructor(private readonly constant: number) {}
  observe(values: ArrayLike<number>, from = 0, to = values.length): void {
    const batch = new MinMaxObserver();
    batch.observe(values, from, to);
    if (batch.min > batch.max) return;
    if (this.min > this.max) {
      this.min = batch.min;
      this.max = batch.max;
      return;
    }
    this.min = fl32(this.min + this.constant * (batch.min - this.min));
    this.max = fl32(this.max + this.constant * (batch.max - this.max));
  }
}

/** Keeps every value (calibration sets are small) and reads the range off the sorted values. */
class PercentileObserver implements Observer {
  private readonly chunks: Float32Array[] = [];
  constructor(private readonly percent: number) {}
  observe(values: ArrayLike<number>, from = 0, to = values.length): void {
    const chunk = new Float32Array(Math.max(0, to - from));
    for (let i = from; i < to; i++) chunk[i - from] = values[i] as number;
    this.chunks.push(chunk);
  }
  private sorted(): Float32Array {
    const all = new Float32Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    return all.sort();
  }
  get min(): number {
    const all = this.sorted();
    if (all.length === 0) return Infinity;
    return all[Math.floor(((100 - this.percent) / 100) * (all.length - 1))] as number;
  }
  get max(): number {
    const all = this.sorted();
    if (all.length === 0) return -Infinity;
    return all[Math.ceil((this.percent / 100) * (all.length - 1))] as number;
  }
}

/** A new observer of `kind`. */
export function createObserver(kind: ObserverKind, options: ObserverOptions = {}): Observer {
  switch (kind) {
    case 'minmax':
      return new MinMaxObserver();
    case 'moving-average': {
      const constant = options.averagingConstant ?? 0.01;
      if (!(constant > 0 && constant <= 1)) {
        throw new ParameterError(
          `observer: averagingConstant must be in (0, 1] (got ${String(constant)})`,
        );
      }
      return new MovingAverageObserver(constant);
    }
    case 'percentile': {
      const percent = options.percentile ?? 99.99;
      if (!(percent > 50 && percent <= 100)) {
        throw new ParameterError(
          `observer: percentile must be in (50, 100] (got ${String(percent)})`,
        );
      }
      return new PercentileObserver(percent);
    }
    default:
      throw new ParameterError(
        `observer: kind must be one of ${OBSERVER_KINDS.join(', ')} (got ${String(kind)})`,
      );
  }
}
