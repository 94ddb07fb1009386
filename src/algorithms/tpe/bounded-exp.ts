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
