// ZDT1 (Zitzler, Deb & Thiele 2000) as a module objective for `kiln tune`: x in [0, 1]^n,
// f1 = x1, g = 1 + 9 sum(x2..xn)/(n - 1), f2 = g (1 - sqrt(f1 / g)). Front: f2 = 1 - sqrt(f1).
export default function zdt1(x) {
  const n = x.length;
  let sum = 0;
  for (let i = 1; i < n; i++) sum += x[i];
  const g = 1 + (9 * sum) / (n - 1);
  return [x[0], g * (1 - Math.sqrt(x[0] / g))];
}

/** f2 alone, for single-objective studies on it (bench/zdt1-tuning.ts --objective f2). */
export function f2(x) {
  return zdt1(x)[1];
}
