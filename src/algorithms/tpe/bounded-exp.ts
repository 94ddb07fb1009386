// e^x for x in [-64, 0], the terms of the TPE's log-sum-exps: a power of two from a table times a
// short polynomial, several times cheaper than Math.exp and the same on every platform.

// 2^-n for n = 0..94.
const POWERS_OF_HALF = Float64Array.from({ length: 95 }, (_, n) => 2 ** -n);
// Taylor coefficients of 2^t = e^(t ln 2) around t = 0 for |t| <= 1/2, up to t^7 (relative error
// below (ln 2 / 2)^8 / 8! = 5e-9).
const C1 = Math.LN2;
const C2 = C1 ** 2 / 2;
const C3 = C1 ** 3 / 6;
const C4 = C1 ** 4 / 24;
const C5 = C1 ** 5 / 120;
const C6 = C1 ** 6 / 720;
const C7 = C1 ** 7 / 5040;

/** e^x for -64 <= x <= 0, relative error below 1e-8 (0 below -64). */
export function expNonPositive(x: number): number {
  if (!(x >= -64)) return 0;
  // x log2 e = -(n + 1/2) + t with n an integer and |t| <= 1/2.
  const y = -x * Math.LOG2E;
  const n = Math.round(y);
  const t = n - y;
  const power = 1 + t * (C1 + t * (C2 + t * (C3 + t * (C4 + t * (C5 + t * (C6 + t * C7))))));
  return (POWERS_OF_HALF[n] as number) * power;
}

/**
 * log sum_k e^(terms[k]) over terms[from..to), as top + log sum e^(term - top) with top the
 * largest term, summed in index order; -Infinity when every term is. The loop sits beside
 * {@link expNonPositive} because V8 inlines it about three times faster into a loop of its own
 * module than into one of another module (measured in bench/README.md).
 */
export function logSumExp(terms: Float64Array, from: number, to: number): number {
  return logSumExpBelow(terms, from, to, largestTerm(terms, from, to));
}

/** The largest of terms[from..to), -Infinity when there is none (NaN terms are passed over). */
export function largestTerm(terms: Float64Array, from: number, to: number): number {
  let top = -Infinity;
  for (let k = from; k < to; k++) {
    const term = terms[k] as number;
    if (term > top) top = term;
  }
  return top;
}

/** {@link logSumExp} when the largest term, `top`, is already known. */
export function logSumExpBelow(terms: Float64Array, from: number, to: number, top: number): number {
  // Terms below e^-64 of the largest cannot change a sum of up to 10^5 (expNonPositive: 0).
  if (top === -Infinity) return -Infinity;
  let sum = 0;
  for (let k = from; k < to; k++) sum += expNonPositive((terms[k] as number) - top);
  return top + Math.log(sum);
}

// e^-((b + 1) / 64) for b = 0..2047: the least a term in the b-th bin (of width 1/64) below the
// largest contributes to a sum of e^(term - top); e^(1/64) times it is the most. 1/64 rather than
// 1/16: fewer draws of the TPE stay within their brackets of each other (bench/README.md).
const BINS_PER_UNIT = 64;
const BIN_FLOORS = Float64Array.from({ length: 32 * BINS_PER_UNIT }, (_, b) =>
  Math.exp(-(b + 1) / BINS_PER_UNIT),
);
const BIN_RANGE = 32;
const BIN_SPREAD = Math.exp(1 / BINS_PER_UNIT);
const FAR = Math.exp(-BIN_RANGE);

/**
 * Bounds of {@link logSumExpBelow}(terms, from, to, top) as it computes it, without an
 * exponential per term, into `into[0]` (lower) and `into[1]` (upper): each term within 32 of
 * `top` counts as the least, then the most value of its bin (1/64 wide) below it; the farther
 * ones as 0, then e^-32. The two are about 1/64 apart, and each is 1e-6 wider on purpose, which
 * covers the relative error of {@link expNonPositive} (below 1e-8) and the sums' rounding: a
 * candidate whose score is below another's even with these bounds cannot win.
 */
export function logSumExpBounds(
  terms: Float64Array,
  from: number,
  to: number,
  top: number,
  into: Float64Array,
): void {
  if (top === -Infinity) {
    into[0] = -Infinity;
    into[1] = -Infinity;
    return;
  }
  let sum = 0;
  let near = 0;
  for (let k = from; k < to; k++) {
    const below = top - (terms[k] as number);
    // NaN and infinite distances fail the test and count as far.
    if (below < BIN_RANGE) {
      sum += BIN_FLOORS[(below * BINS_PER_UNIT) | 0] as number;
      near++;
    }
  }
  into[0] = top + Math.log(sum) - 1e-6;
  into[1] = top + Math.log(sum * BIN_SPREAD + (to - from - near) * FAR) + 1e-6;
}
