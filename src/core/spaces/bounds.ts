// Validation of box bounds shared by the real and integer spaces.
import { ParameterError, describeValue } from '../errors.js';
import { isArray } from '../guards.js';
import { WIDE_HINT } from './parameter-issues.js';

/**
 * Checks bounds (finite, lower <= upper, a finite width upper - lower) and returns copies; errors
 * name the index and suggest a swap where it fits.
 */
export function checkBounds(
  where: string,
  lower: readonly number[],
  upper: readonly number[],
  integer: boolean,
): { lower: number[]; upper: number[] } {
  const lows: unknown = lower;
  const highs: unknown = upper;
  if (!isArray(lows) || !isArray(highs)) {
    throw new ParameterError(`${where}: lower and upper must be arrays of numbers`);
  }
  if (lows.length === 0) throw new ParameterError(`${where}: lower must not be empty`);
  if (lows.length !== highs.length) {
    throw new ParameterError(
      `${where}: lower and upper must have the same length (got ${lows.length} and ${highs.length})`,
    );
  }
  const wrong: string[] = [];
  for (let i = 0; i < lows.length; i++) {
    const lo = lows[i];
    const hi = highs[i];
    if (typeof lo !== 'number' || !Number.isFinite(lo))
      wrong.push(`lower[${i}] must be a finite number (got ${describeValue(lo)})`);
    else if (typeof hi !== 'number' || !Number.isFinite(hi))
      wrong.push(`upper[${i}] must be a finite number (got ${describeValue(hi)})`);
    else if (integer && (!Number.isInteger(lo) || !Number.isInteger(hi)))
      wrong.push(`bounds[${i}] must be integers (got ${lo} and ${hi})`);
    else if (lo > hi)
      wrong.push(
        `lower[${i}] must be <= upper[${i}] (got ${lo} > ${hi}; did you swap lower and upper?)`,
      );
    // Past about 1.8e308 the width is Infinity: samples and steps would be Infinity or NaN.
    else if (!Number.isFinite(hi - lo))
      wrong.push(`upper[${i}] - lower[${i}] must be finite (got ${hi} - ${lo}; ${WIDE_HINT})`);
  }
  if (wrong.length > 0) throw new ParameterError(`${where}: ${wrong.join('; ')}`);
  return { lower: lower.slice(), upper: upper.slice() };
}

/** Checks a space size (permutation length, number of bits). */
export function checkSize(where: string, size: number): number {
  if (!Number.isInteger(size) || size < 1) {
    throw new ParameterError(`${where}: size must be an integer >= 1 (got ${describeValue(size)})`);
  }
  return size;
}
