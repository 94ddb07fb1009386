// The axis of objective values shared by the study charts: log when all values are positive and
// span two decades or more, linear otherwise.
import { makeAxis, type Axis } from './axis.js';
import { maxOf, minOf } from '../../core/extremes.js';

/** A value axis between pixels `from` and `to` with the label it deserves. */
export function valueAxis(
  values: readonly number[],
  from: number,
  to: number,
): { axis: Axis; label: string } {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0)
    return { axis: makeAxis([0, 1], { log: false, from, to }), label: 'value' };
  const min = minOf(finite);
  const max = maxOf(finite);
  const log = min > 0 && max / min >= 100;
  return {
    axis: makeAxis(finite, { log, from, to }),
    label: log ? 'value (log scale)' : 'value',
  };
}

/** An axis of a parameter's range (log for log-scaled parameters). */
export function rangeAxis(low: number, high: number, log: boolean, from: number, to: number): Axis {
  return makeAxis(low === high ? [low - 1, high + 1] : [low, high], {
    log: log && low > 0,
    from,
    to,
  });
}
