// Axes of the SVG charts: linear, log or category scales from data to pixels, with round ticks.
import { maxOf, minOf } from '../../core/extremes.js';

/** A scale from data to pixels, with its ticks. */
export interface Axis {
  log: boolean;
  min: number;
  max: number;
  /** Pixel of a value, clamped to the axis. */
  toPixel: (value: number) => number;
  ticks: { value: number; label: string }[];
}

/** A short label for a tick value: 0.001, 250, 1e-8, 2e5. */
export function tickLabel(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) {
    const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
    const m = Number(Number(mantissa).toPrecision(3));
    return `${m}e${Number(exponent)}`;
  }
  return String(Number(value.toPrecision(4)));
}

/** About five round ticks (1, 2, 2.5 or 5 times a power of ten apart) inside [min, max]. */
export function linearTicks(min: number, max: number): number[] {
  const span = max - min || Math.abs(max) || 1;
  const rough = span / 5;
  const power = Math.pow(10, Math.floor(Math.log10(rough)));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out.filter((t) => t >= min && t <= max);
}

/**
 * Powers of ten inside [min, max] (every few when there are many), with 2 and 5 times them
 * when the range spans less than two decades.
 */
export function logTicks(min: number, max: number): number[] {
  const low = Math.ceil(Math.log10(min) - 1e-9);
  const high = Math.floor(Math.log10(max) + 1e-9);
  const stride = Math.max(1, Math.ceil((high - low + 1) / 9));
  const factors = high - low < 2 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let e = low - 1; e <= high; e++)
    for (const f of factors) {
      const v = Number((f * Math.pow(10, e)).toPrecision(12));
      const inside = v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
      if (inside && (f !== 1 || (e - low) % stride === 0)) out.push(v);
    }
  return out;
}

/** Options of {@link makeAxis}. */
export interface AxisOptions {
  log: boolean;
  /** Pixels of the axis's minimum and maximum. */
  from: number;
  to: number;
  /** Start exactly at the data's minimum (no margin), e.g. 1 evaluation. */
  exactMin?: boolean;
}

/** An axis spanning `values` (with a small margin), linear or log. */
export function makeAxis(values: readonly number[], options: AxisOptions): Axis {
  const { log, from, to } = options;
  let min = minOf(values);
  let max = maxOf(values);
  if (log) {
    if (options.exactMin !== true) min /= Math.pow(10, 0.05);
    max = max <= min ? min * 10 : max * Math.pow(10, 0.05);
  } else {
    const pad = (max - min) * 0.05 || Math.abs(max) * 0.05 || 1;
    if (options.exactMin !== true) min -= pad;
    max += pad;
  }
  const position = (v: number): number =>
    log
      ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
      : (v - min) / (max - min);
  const toPixel = (v: number): number =>
    from + (to - from) * Math.min(1, Math.max(0, Number.isNaN(v) ? 0 : position(v)));
  const ticks = (log ? logTicks(min, max) : linearTicks(min, max)).map((value) => ({
    value,
    label: tickLabel(value),
  }));
  return { log, min, max, toPixel, ticks };
}

/**
 * An axis of categories: category `i` sits at the centre of the i-th of `labels.length` equal
 * bands between `from` and `to`.
 */
export function categoryAxis(labels: readonly string[], from: number, to: number): Axis {
  const count = Math.max(1, labels.length);
  const toPixel = (index: number): number =>
    from + ((to - from) * (Math.min(count - 1, Math.max(0, index)) + 0.5)) / count;
  return {
    log: false,
    min: -0.5,
    max: count - 0.5,
    toPixel,
    ticks: labels.map((label, value) => ({ value, label })),
  };
}
