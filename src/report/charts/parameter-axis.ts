// The axis of one parameter (its range, log when the parameter is, or its choices) and where a
// trial's value lands on it; categories spread their trials a little so that they stay visible.
import type { CategoryValue } from '../../core/space.js';
import { choiceLabel, type ParameterInfo } from '../parameters.js';
import { categoryAxis, type Axis } from '../svg/axis.js';
import { rangeAxis } from '../svg/value-axis.js';

/** A parameter's axis between pixels `from` and `to`. */
export function parameterAxis(info: ParameterInfo, from: number, to: number): Axis {
  return info.kind === 'categorical'
    ? categoryAxis(info.choices, from, to)
    : rangeAxis(info.low, info.high, info.log, from, to);
}

// A fixed offset in [-0.5, 0.5) per trial (golden-ratio sequence): deterministic jitter.
const jitter = (trial: number): number => ((trial * 0.6180339887498949) % 1) - 0.5;

/**
 * The pixel of a trial's value on the parameter's axis (undefined when the trial does not have
 * it); `spread` is the jitter width of categories in pixels.
 */
export function parameterPixel(
  info: ParameterInfo,
  axis: Axis,
  value: CategoryValue | undefined,
  trial: number,
  spread = 0,
): number | undefined {
  if (value === undefined) return undefined;
  if (info.kind === 'categorical') {
    const index = info.choices.indexOf(choiceLabel(value));
    return index < 0 ? undefined : axis.toPixel(index) + spread * jitter(trial);
  }
  return typeof value === 'number' && Number.isFinite(value) ? axis.toPixel(value) : undefined;
}
