// CMA-ES's small-budget strategy: with few evaluations per dimension, orthogonal sampling (Wang,
// Emmerich & Bäck 2014) instead of independent draws.
import type { CmaSampling, CmaSamplingChoice } from './params.js';

/**
 * Evaluations per dimension up to which `auto` samples orthogonally. Measured on the shifted
 * suite at d = 10 (bench/cma-es-small-budget.ts, bench/README.md "CMA-ES"): at 100 and 300
 * evaluations per dimension orthogonal sampling was as good or better on every function but
 * Schwefel (about even), at 1,000 and 10,000 worse on shifted Schwefel with BIPOP.
 */
export const SMALL_BUDGET_PER_DIMENSION = 300;

/**
 * The sampling a run uses: `auto` is `orthogonal` when the run has an evaluation budget of at
 * most {@link SMALL_BUDGET_PER_DIMENSION} x n, else `independent`.
 */
export function resolveSampling(
  choice: CmaSamplingChoice,
  evaluations: number | undefined,
  dimension: number,
): CmaSampling {
  if (choice !== 'auto') return choice;
  const small =
    evaluations !== undefined && evaluations <= SMALL_BUDGET_PER_DIMENSION * Math.max(1, dimension);
  return small ? 'orthogonal' : 'independent';
}
