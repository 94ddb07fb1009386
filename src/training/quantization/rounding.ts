// Rounding as the quantizers do it: to the nearest integer, halves to the even neighbour (C's
// nearbyint, WebAssembly's f64.nearest), which Math.round gets wrong (it rounds halves up).

/** `value` rounded to the nearest integer, an exact half to the even one: 0.5 → 0, 1.5 → 2, -2.5 → -2. */
export function roundHalfToEven(value: number): number {
  const floor = Math.floor(value);
  const difference = value - floor;
  if (difference < 0.5) return floor;
  if (difference > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}
