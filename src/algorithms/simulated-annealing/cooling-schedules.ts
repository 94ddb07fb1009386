// Cooling schedules of Metropolis annealing: the temperature at each level of a cycle.
// geometric: Kirkpatrick, Gelatt & Vecchi 1983; linear: Strenski & Kirkpatrick 1991;
// logarithmic: Geman & Geman 1984 (the Boltzmann annealing schedule); fast: Szu & Hartley 1987
// (Cauchy annealing); adaptive: feedback on the acceptance rate towards the target curve of
// Lam & Delosme 1988, in the modified form of Swartz 1993 (as described by Boyan 1998).

/** The cooling schedules of Metropolis annealing. */
export type CoolingSchedule = 'geometric' | 'linear' | 'logarithmic' | 'fast' | 'adaptive';

/** Every cooling schedule, for listings and tests. */
export const COOLING_SCHEDULES: readonly CoolingSchedule[] = [
  'geometric',
  'linear',
  'logarithmic',
  'fast',
  'adaptive',
];

/**
 * Temperature at `level` (0-based) of a cycle of `levels` levels that starts at `initial`:
 * - geometric: initial * rate^level, where rate = coolingRate when given, otherwise the rate that
 *   reaches initial * finalRatio at the last level;
 * - linear: from initial down to initial * finalRatio at the last level, in equal steps;
 * - logarithmic: initial * ln 2 / ln(level + 2) (needs no run length);
 * - fast: initial / (1 + level) (needs no run length).
 * The adaptive schedule has no closed form: see {@link adaptiveTemperature}.
 */
export function scheduledTemperature(
  schedule: Exclude<CoolingSchedule, 'adaptive'>,
  initial: number,
  level: number,
  levels: number,
  finalRatio: number,
  coolingRate?: number,
): number {
  const progress = levels > 0 ? Math.min(1, level / levels) : 1;
  switch (schedule) {
    case 'geometric':
      return coolingRate === undefined
        ? initial * Math.pow(finalRatio, progress)
        : initial * Math.pow(coolingRate, level);
    case 'linear':
      return initial * (1 - (1 - finalRatio) * progress);
    case 'logarithmic':
      return (initial * Math.LN2) / Math.log(level + 2);
    case 'fast':
      return initial / (1 + level);
  }
}

/**
 * The acceptance rate the adaptive schedule aims at, `progress` (0..1) into a cycle: it falls
 * from 1 to `target` over the first 15%, holds `target` until 65%, then falls to about
 * target / 440 at the end (Lam & Delosme's curve with target 0.44, in Swartz's form).
 */
export function targetAcceptanceAt(progress: number, target: number): number {
  if (progress < 0.15) return target + (1 - target) * Math.pow(560, -progress / 0.15);
  if (progress < 0.65) return target;
  return target * Math.pow(440, -(Math.min(progress, 1) - 0.65) / 0.35);
}

/** How strongly the adaptive schedule reacts: the log-temperature moves by GAIN * (target - rate). */
const ADAPTIVE_GAIN = 1.5;

/**
 * The next temperature of the adaptive schedule: above the target acceptance rate the
 * temperature falls, below it rises, by a factor exp(gain * (target - rate)) per level.
 */
export function adaptiveTemperature(
  temperature: number,
  acceptanceRate: number,
  targetRate: number,
): number {
  return temperature * Math.exp(ADAPTIVE_GAIN * (targetRate - acceptanceRate));
}
