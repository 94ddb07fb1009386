// Restart regimes of CMA-ES: IPOP (Auger & Hansen 2005, "A restart CMA evolution strategy with
// increasing population size") and BIPOP (Hansen 2009, "Benchmarking a BI-population CMA-ES on
// the BBOB-2009 function testbed", with the budget accounting of pycma's `fmin`).
import type { Rng } from '../../core/rng.js';
import type { CmaRestarts } from './params.js';

/** Bookkeeping of the restart regimes (plain data). */
export interface RestartLedger {
  defaultPopulation: number;
  /** Population of the latest large-regime run (doubles at each large restart). */
  largePopulation: number;
  largeRestarts: number;
  evaluationsLarge: number;
  evaluationsSmall: number;
  regime: 'large' | 'small';
  runs: number;
}

/** The first run: the default population, counted in the small regime's budget (as pycma). */
export function createLedger(defaultPopulation: number): RestartLedger {
  return {
    defaultPopulation,
    largePopulation: defaultPopulation,
    largeRestarts: 0,
    evaluationsLarge: 0,
    evaluationsSmall: 0,
    regime: 'small',
    runs: 1,
  };
}

/** Counts a finished run's evaluations in its regime. */
export function recordRun(ledger: RestartLedger, evaluations: number): void {
  if (ledger.regime === 'large') ledger.evaluationsLarge += evaluations;
  else ledger.evaluationsSmall += evaluations;
}

/** The population size, step-size factor and generation limit of the next run. */
export interface NextRun {
  populationSize: number;
  stepSizeFactor: number;
  /** Most generations the run may take (null: no limit but the stop criteria). */
  generationLimit: number | null;
}

/**
 * Chooses the next run. IPOP multiplies the population by `increase` each time. BIPOP runs a
 * small run while the small regime (the first run included) has used fewer evaluations than
 * the large one: lambda = floor(lambda_def (lambda_large / (2 lambda_def))^(U^2)), step sigma0
 * 10^(-2U'), U and U' uniform on [0, 1], and at most half the large regime's evaluations so far;
 * otherwise a large run multiplies the population by `increase` again.
 */
export function nextRun(
  ledger: RestartLedger,
  restarts: Exclude<CmaRestarts, 'none'>,
  increase: number,
  rng: Rng,
): NextRun {
  ledger.runs++;
  const small =
    restarts === 'bipop' && ledger.evaluationsSmall < Math.max(1, ledger.evaluationsLarge);
  if (small) {
    ledger.regime = 'small';
    // Hansen 2009: half the large population; with no large run yet, the default.
    const ratio = Math.max(1, (0.5 * ledger.largePopulation) / ledger.defaultPopulation);
    const u = rng.next();
    const populationSize = Math.max(
      ledger.defaultPopulation,
      Math.floor(ledger.defaultPopulation * ratio ** (u * u)),
    );
    const stepSizeFactor = 10 ** (-2 * rng.next());
    const generationLimit = Math.max(
      1,
      Math.floor((0.5 * ledger.evaluationsLarge) / populationSize),
    );
    return { populationSize, stepSizeFactor, generationLimit };
  }
  ledger.regime = 'large';
  ledger.largeRestarts++;
  ledger.largePopulation = Math.max(
    ledger.largePopulation + 1,
    Math.round(ledger.largePopulation * increase),
  );
  return { populationSize: ledger.largePopulation, stepSizeFactor: 1, generationLimit: null };
}
