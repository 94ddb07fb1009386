// The powers of SBX and polynomial mutation without Math.pow where the exponent allows: their
// exponents are eta + 1 and 1 / (eta + 1), and the usual distribution indices are integers
// (SBX 15: x^16 and x^(1/16); polynomial mutation 5: x^6 and x^(1/6)). Products and square and
// cube roots cost a few nanoseconds where a fractional Math.pow costs about 45, and agree with
// it to a few units in the last place.

/** Largest integer exponent computed by products (beyond it, Math.pow). */
const LARGEST_PRODUCT_EXPONENT = 1024;

/** x^n: by repeated squaring for integer n in 0..1024, else Math.pow. */
export function realPower(x: number, n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > LARGEST_PRODUCT_EXPONENT) return Math.pow(x, n);
  let result = 1;
  let square = x;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) {
    if (rest % 2 === 1) result *= square;
    square *= square;
  }
  return result;
}

/**
 * x^(1/n) for x >= 0: by square and cube roots when the integer n is a product of twos and
 * threes (1, 2, 3, 4, 6, 8, 9, 12, 16...), else Math.pow.
 */
export function realRoot(x: number, n: number): number {
  if (!isSmoothRootIndex(n)) return Math.pow(x, 1 / n);
  let result = x;
  let rest = n;
  while (rest % 2 === 0) {
    result = Math.sqrt(result);
    rest /= 2;
  }
  while (rest % 3 === 0) {
    result = Math.cbrt(result);
    rest /= 3;
  }
  return result;
}

// The last index asked about and the answer: an operator asks with the same index every call.
let lastIndex = NaN;
let lastSmooth = false;

function isSmoothRootIndex(n: number): boolean {
  if (n === lastIndex) return lastSmooth;
  let rest = n;
  if (Number.isInteger(rest) && rest >= 1 && rest <= LARGEST_PRODUCT_EXPONENT) {
    while (rest % 2 === 0) rest /= 2;
    while (rest % 3 === 0) rest /= 3;
  }
  lastIndex = n;
  lastSmooth = rest === 1;
  return lastSmooth;
}
