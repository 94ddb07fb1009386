// The powers of SBX and polynomial mutation without Math.pow where the exponent allows: their
// exponents are eta + 1 and 1 / (eta + 1), and the usual distribution indices are integers
// (SBX 15: x^16 and x^(1/16); polynomial mutation 5: x^6 and x^(1/6)). Products and square and
// cube roots cost a few nanoseconds where a fractional Math.pow costs about 45, and agree with
// it to a few units in the last place.

/** Largest integer exponent computed by products (beyond it, Math.pow). */
const LARGEST_PRODUCT_EXPONENT = 1024;

function isProductExponent(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= LARGEST_PRODUCT_EXPONENT;
}

/** x^n: by repeated squaring for integer n in 0..1024, else Math.pow. */
export function realPower(x: number, n: number): number {
  if (!isProductExponent(n)) return Math.pow(x, n);
  let result = 1;
  let square = x;
  // The bits of n, lowest first: the same products as halving n and testing n % 2.
  for (let rest = n; rest > 0; rest >>>= 1) {
    if ((rest & 1) === 1) result *= square;
    square *= square;
  }
  return result;
}

/**
 * x^(1/n) for x >= 0: by square and cube roots when the integer n is a product of twos and
 * threes (1, 2, 3, 4, 6, 8, 9, 12, 16...), else Math.pow.
 */
export function realRoot(x: number, n: number): number {
  let plan: number;
  if (n === firstIndex) plan = firstPlan;
  else if (n === secondIndex) plan = secondPlan;
  else {
    // SBX and polynomial mutation alternate between two indices: remember both.
    plan = planRoot(n);
    secondIndex = firstIndex;
    secondPlan = firstPlan;
    firstIndex = n;
    firstPlan = plan;
  }
  if (plan < 0) return Math.pow(x, 1 / n);
  let result = x;
  for (let k = plan & 0xff; k > 0; k--) result = Math.sqrt(result);
  for (let k = plan >>> 8; k > 0; k--) result = Math.cbrt(result);
  return result;
}

// The last two indices asked about and their plans: square roots + 256 x cube roots, or -1 when
// the index is not a product of twos and threes.
let firstIndex = NaN;
let firstPlan = -1;
let secondIndex = NaN;
let secondPlan = -1;

function planRoot(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > LARGEST_PRODUCT_EXPONENT) return -1;
  let rest = n;
  let squareRoots = 0;
  let cubeRoots = 0;
  for (; rest % 2 === 0; rest /= 2) squareRoots++;
  for (; rest % 3 === 0; rest /= 3) cubeRoots++;
  return rest === 1 ? squareRoots + 256 * cubeRoots : -1;
}

/**
 * The least beta from which 2 - 1 / realPower(beta, n) rounds to exactly 2 (SBX's alpha once
 * the parents lie far from a bound), or Infinity where realPower is Math.pow. It is 2^k with
 * k n >= 54: the products of powers of two are exact and rounding is monotone, so realPower
 * (beta, n) >= 2^(k n) for beta >= 2^k, its reciprocal is at most 2^-54, and 2 minus that
 * rounds to 2 (half a unit in the last place below 2 is 2^-53).
 */
export function closedAlphaLimit(n: number): number {
  if (n !== limitExponent) {
    limitExponent = n;
    limit = !isProductExponent(n) || n < 1 ? Infinity : 2 ** Math.ceil(54 / n);
  }
  return limit;
}

// The last exponent asked about and its limit (SBX asks with the same one every call).
let limitExponent = NaN;
let limit = Infinity;
