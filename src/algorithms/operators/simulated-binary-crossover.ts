// Simulated binary crossover, bounded (Deb & Agrawal, Complex Systems 9 1995; the bounded spread
// of Deb's NSGA-II code, as in pymoo): children spread around their parents like one-point
// crossover on binary strings, never outside the bounds.
import type { Rng } from '../../core/rng.js';

/** Settings of {@link simulatedBinaryCrossover}. */
export interface SimulatedBinaryCrossoverSettings {
  /** Distribution index eta_c: larger keeps children nearer their parents. */
  readonly distributionIndex: number;
  /** Probability that each variable is recombined (else the children keep the parents' values). */
  readonly variableProbability: number;
}

// The spread factor beta_q for one side, where the parent lies `room` spreads from its bound.
function spread(room: number, eta: number, u: number): number {
  const beta = 1 + 2 * room;
  const alpha = 2 - beta ** -(eta + 1);
  return u <= 1 / alpha ? (u * alpha) ** (1 / (eta + 1)) : (1 / (2 - u * alpha)) ** (1 / (eta + 1));
}

/** Two children of `a` and `b` within [lower, upper]. */
export function simulatedBinaryCrossover(
  a: readonly number[],
  b: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  settings: SimulatedBinaryCrossoverSettings,
  rng: Rng,
): [number[], number[]] {
  const first = a.slice();
  const second = b.slice();
  const eta = settings.distributionIndex;
  for (let i = 0; i < a.length; i++) {
    if (!rng.bool(settings.variableProbability)) continue;
    const low = lower[i] as number;
    const high = upper[i] as number;
    const y1 = Math.min(a[i] as number, b[i] as number);
    const y2 = Math.max(a[i] as number, b[i] as number);
    const gap = y2 - y1;
    if (!(gap > 1e-14)) continue;
    const u = rng.next();
    const lowChild = 0.5 * (y1 + y2 - spread((y1 - low) / gap, eta, u) * gap);
    const highChild = 0.5 * (y1 + y2 + spread((high - y2) / gap, eta, u) * gap);
    const c1 = Math.min(Math.max(lowChild, low), high);
    const c2 = Math.min(Math.max(highChild, low), high);
    // Which child gets which value is a fair coin, as in the original code.
    if (rng.bool()) {
      first[i] = c2;
      second[i] = c1;
    } else {
      first[i] = c1;
      second[i] = c2;
    }
  }
  return [first, second];
}
