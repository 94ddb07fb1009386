// The generalized (Tsallis) visiting distribution and its temperature schedule, after Tsallis &
// Stariolo 1996 (generalized simulated annealing) and Xiang, Sun, Fan & Gong 1997 (the form
// that dual annealing uses). Per coordinate, the visiting density at temperature T is
//   g(dx) ∝ [1 + (q - 1) dx² / T^(2 / (3 - q))]^(-1 / (q - 1)),
// which is a Student t density with nu = (3 - q) / (q - 1) degrees of freedom and scale
// T^(1 / (3 - q)) / sqrt(3 - q): sampling it exactly needs a normal and a gamma deviate.
import type { Rng } from '../../core/rng.js';

/** Steps beyond this many units are clipped (they wrap around the box anyway). */
export const VISITING_TAIL_LIMIT = 1e8;

/**
 * Natural logarithm of a Gamma(shape, 1) deviate (Marsaglia & Tsang 2000; shapes below 1 use
 * G(a) = G(a + 1) U^(1/a)), kept in log form because tiny shapes underflow otherwise.
 */
export function logGammaDeviate(shape: number, rng: Rng): number {
  return gammaLog(gammaConstants(shape), rng);
}

// The constants of Marsaglia & Tsang's method for one shape, computed once per batch of steps.
interface GammaConstants {
  shape: number;
  boosted: boolean;
  d: number;
  c: number;
}

function gammaConstants(shape: number): GammaConstants {
  const boosted = shape < 1;
  const d = (boosted ? shape + 1 : shape) - 1 / 3;
  return { shape, boosted, d, c: 1 / Math.sqrt(9 * d) };
}

function gammaLog(constants: GammaConstants, rng: Rng): number {
  if (constants.boosted) {
    const u = 1 - rng.next(); // in (0, 1]
    return marsagliaTsang(constants.d, constants.c, rng) + Math.log(u) / constants.shape;
  }
  return marsagliaTsang(constants.d, constants.c, rng);
}

function marsagliaTsang(d: number, c: number, rng: Rng): number {
  for (;;) {
    const x = rng.normal();
    const root = 1 + c * x;
    if (root <= 0) continue;
    const v = root * root * root;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return Math.log(d * v);
  }
}

/** A Student t deviate with `degrees` degrees of freedom: z / sqrt(chi²_nu / nu). */
export function studentT(degrees: number, rng: Rng): number {
  return studentDeviate(gammaConstants(degrees / 2), Math.log(degrees), rng);
}

function studentDeviate(halfDegrees: GammaConstants, logDegrees: number, rng: Rng): number {
  const z = rng.normal();
  // chi²_nu = 2 Gamma(nu / 2)
  const logChiOverNu = Math.LN2 + gammaLog(halfDegrees, rng) - logDegrees;
  const magnitude = Math.exp(Math.log(Math.abs(z)) - 0.5 * logChiOverNu);
  return Math.sign(z) * (Number.isFinite(magnitude) ? magnitude : VISITING_TAIL_LIMIT);
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
  halfDegrees: GammaConstants;
  logDegrees: number;
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
    halfDegrees: gammaConstants(degrees / 2),
    logDegrees: Math.log(degrees),
  };
  last = { temperature, visitingIndex, sampler };
  return sampler;
}

let last: { temperature: number; visitingIndex: number; sampler: VisitingSampler } = {
  temperature: NaN,
  visitingIndex: NaN,
  sampler: { scale: NaN, halfDegrees: gammaConstants(1), logDegrees: NaN },
};

/** One step of `sampler`, clipped to +-{@link VISITING_TAIL_LIMIT} (as {@link visitingStep}). */
export function sampleVisitingStep(sampler: VisitingSampler, rng: Rng): number {
  const step = sampler.scale * studentDeviate(sampler.halfDegrees, sampler.logDegrees, rng);
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
