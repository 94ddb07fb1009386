// The generalized (Tsallis) visiting distribution and its temperature schedule, after Tsallis &
// Stariolo 1996 (generalized simulated annealing) and Xiang, Sun, Fan & Gong 1997 (the form
// that dual annealing uses). Per coordinate, the visiting density at temperature T is
//   g(dx) ∝ [1 + (q - 1) dx² / T^(2 / (3 - q))]^(-1 / (q - 1)),
// which is a Student t density with nu = (3 - q) / (q - 1) degrees of freedom and scale
// T^(1 / (3 - q)) / sqrt(3 - q), sampled exactly by Bailey's polar method.
import type { Rng } from '../../core/rng.js';

/** Steps beyond this many units are clipped (they wrap around the box anyway). */
export const VISITING_TAIL_LIMIT = 1e8;

/**
 * The constants of Bailey's polar method for one number of degrees nu, computed once per
 * temperature: the exponent -2 / nu of W.
 */
interface StudentConstants {
  degrees: number;
  exponent: number;
}

function studentConstants(degrees: number): StudentConstants {
  return { degrees, exponent: -2 / degrees };
}

/**
 * A Student t deviate by Bailey's polar method (Bailey 1994, Math. Comp. 62: 779-781), exact for
 * every nu > 0: (U, V) uniform in the unit disc, W = U² + V², then
 * T = U sqrt(nu (W^(-2/nu) - 1) / W). It takes 4/pi pairs of uniforms on average, a logarithm,
 * an expm1 (W^(-2/nu) - 1 without cancellation near W = 1) and a square root.
 */
function studentDeviate(constants: StudentConstants, rng: Rng): number {
  for (;;) {
    const u = 2 * rng.next() - 1;
    const v = 2 * rng.next() - 1;
    const w = u * u + v * v;
    if (w > 1 || w === 0) continue;
    if (u === 0) return 0;
    const growth = Math.expm1(constants.exponent * Math.log(w));
    const magnitude = Math.sqrt((constants.degrees * growth) / w);
    // As many units as the tail limit when W^(-2/nu) overflows (the caller clips anyway).
    return (
      (u < 0 ? -1 : 1) * (magnitude < Infinity ? magnitude * Math.abs(u) : VISITING_TAIL_LIMIT)
    );
  }
}

/** A Student t deviate with `degrees` degrees of freedom (Bailey's polar method). */
export function studentT(degrees: number, rng: Rng): number {
  return studentDeviate(studentConstants(degrees), rng);
}

/** Degrees of freedom of the one-dimensional visiting distribution for the visiting index q. */
export function visitingDegrees(visitingIndex: number): number {
  return (3 - visitingIndex) / (visitingIndex - 1);
}

/** Scale of the one-dimensional visiting distribution at `temperature`. */
export function visitingScale(temperature: number, visitingIndex: number): number {
  return Math.pow(temperature, 1 / (3 - visitingIndex)) / Math.sqrt(3 - visitingIndex);
}

/**
 * The visiting distribution at one temperature, with what every step of it shares (scale,
 * degrees of freedom, the gamma constants) computed once: a chain draws d steps per proposal.
 */
export interface VisitingSampler {
  scale: number;
  student: StudentConstants;
}

/**
 * The sampler of the visiting distribution at `temperature`. The last one is kept: a chain
 * asks one proposal at a time, 2d of them at each temperature.
 */
export function visitingSampler(temperature: number, visitingIndex: number): VisitingSampler {
  if (last.temperature === temperature && last.visitingIndex === visitingIndex) return last.sampler;
  const degrees = visitingDegrees(visitingIndex);
  const sampler = {
    scale: visitingScale(temperature, visitingIndex),
    student: studentConstants(degrees),
  };
  last = { temperature, visitingIndex, sampler };
  return sampler;
}

let last: { temperature: number; visitingIndex: number; sampler: VisitingSampler } = {
  temperature: NaN,
  visitingIndex: NaN,
  sampler: { scale: NaN, student: studentConstants(1) },
};

/** One step of `sampler`, clipped to +-{@link VISITING_TAIL_LIMIT} (as {@link visitingStep}). */
export function sampleVisitingStep(sampler: VisitingSampler, rng: Rng): number {
  const step = sampler.scale * studentDeviate(sampler.student, rng);
  if (step > VISITING_TAIL_LIMIT) return VISITING_TAIL_LIMIT;
  if (step < -VISITING_TAIL_LIMIT) return -VISITING_TAIL_LIMIT;
  return step;
}

/**
 * One coordinate step drawn from the visiting distribution at `temperature` (in the units the
 * temperature was calibrated for), clipped to +-{@link VISITING_TAIL_LIMIT}.
 */
export function visitingStep(temperature: number, visitingIndex: number, rng: Rng): number {
  return sampleVisitingStep(visitingSampler(temperature, visitingIndex), rng);
}

/**
 * Visiting temperature after `iteration` >= 1 iterations of a cycle (Tsallis & Stariolo 1996):
 * T(t) = T(1) (2^(q-1) - 1) / ((1 + t)^(q-1) - 1), so that T(1) is the initial temperature.
 */
export function visitingTemperature(
  initial: number,
  visitingIndex: number,
  iteration: number,
): number {
  const exponent = visitingIndex - 1;
  return (initial * (Math.pow(2, exponent) - 1)) / (Math.pow(1 + iteration, exponent) - 1);
}

/** Wraps a coordinate periodically into [low, high] (the box is a torus for visiting steps). */
export function wrapIntoRange(value: number, low: number, high: number): number {
  if (value >= low && value <= high) return value;
  const width = high - low;
  if (!(width > 0)) return low;
  let offset = (value - low) % width;
  if (offset < 0) offset += width;
  // Rounding can land a hair past the top: keep the result inside.
  return Math.min(high, low + offset);
}

/** The first iteration whose visiting temperature is at most `ratio` times the initial one. */
export function iterationBelowRatio(visitingIndex: number, ratio: number): number {
  const exponent = visitingIndex - 1;
  return Math.max(
    1,
    Math.ceil(Math.pow((Math.pow(2, exponent) - 1) / ratio + 1, 1 / exponent) - 1),
  );
}
