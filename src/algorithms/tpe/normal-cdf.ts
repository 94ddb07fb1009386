// The standard normal CDF for the truncation masses of the TPE's kernels: tabulated once and
// interpolated, because an estimator normalizes thousands of kernels on every ask.

// Abramowitz & Stegun 7.1.26 (error below 1.5e-7), only used to fill the table.
function erfNormalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    t *
      (0.254829592 +
        t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
      Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

// The CDF on [-8, 8] every 1/1024, interpolated linearly (interpolation error below
// h^2/8 x max |phi'| = 3e-8, under the formula's own): a table read instead of an exponential.
const STEPS_PER_UNIT = 1024;
const LIMIT = 8;
const TABLE = Float64Array.from({ length: 2 * LIMIT * STEPS_PER_UNIT + 2 }, (_, i) =>
  erfNormalCdf(i / STEPS_PER_UNIT - LIMIT),
);

/** Phi(z), the standard normal CDF (absolute error below 2e-7; NaN stays NaN). */
export function normalCdf(z: number): number {
  if (!(z > -LIMIT)) return z === z ? 0 : NaN;
  if (z >= LIMIT) return 1;
  const position = (z + LIMIT) * STEPS_PER_UNIT;
  const index = position | 0;
  const fraction = position - index;
  const below = TABLE[index] as number;
  return below + ((TABLE[index + 1] as number) - below) * fraction;
}

// Phi at the two ends of each kernel's interval, written here rather than returned: with 0 and 1
// returned as literals beside the table's doubles, V8 boxed every returned value once the CDF
// was inlined into the kernels' loop (about 380 KB of garbage per ask at 1,000 trials).
const ends = new Float64Array(2);

// normalCdf(z) into ends[slot] (the same double).
function normalCdfInto(z: number, slot: number): void {
  if (!(z > -LIMIT)) ends[slot] = z === z ? 0 : NaN;
  else if (z >= LIMIT) ends[slot] = 1;
  else {
    const position = (z + LIMIT) * STEPS_PER_UNIT;
    const index = position | 0;
    const fraction = position - index;
    const below = TABLE[index] as number;
    ends[slot] = below + ((TABLE[index + 1] as number) - below) * fraction;
  }
}

/**
 * Multiplies masses[k] by the mass that the normal of mean `mean` and standard deviation
 * 1 / inverseSigma puts on [low, high] (at least 1e-12).
 */
export function multiplyMass(
  masses: Float64Array,
  k: number,
  mean: number,
  inverseSigma: number,
  low: number,
  high: number,
): void {
  normalCdfInto((high - mean) * inverseSigma, 1);
  normalCdfInto((low - mean) * inverseSigma, 0);
  const mass = (ends[1] as number) - (ends[0] as number);
  masses[k] = (masses[k] as number) * (mass > 1e-12 ? mass : 1e-12);
}

/**
 * Multiplies masses[k] by the mass that the normal of mean means[k] and standard deviation
 * 1 / inverseSigmas[k] puts on [low, high] (Phi(high) - Phi(low) with {@link normalCdf}, at
 * least 1e-12), for k < count.
 */
export function multiplyTruncationMasses(
  means: Float64Array,
  inverseSigmas: Float64Array,
  low: number,
  high: number,
  masses: Float64Array,
  count: number,
): void {
  for (let k = 0; k < count; k++) {
    multiplyMass(masses, k, means[k] as number, inverseSigmas[k] as number, low, high);
  }
}

/** {@link multiplyTruncationMasses} with one standard deviation, 1 / inverseSigma, for all k. */
export function multiplySharedTruncationMasses(
  means: Float64Array,
  inverseSigma: number,
  low: number,
  high: number,
  masses: Float64Array,
  count: number,
): void {
  for (let k = 0; k < count; k++)
    multiplyMass(masses, k, means[k] as number, inverseSigma, low, high);
}
