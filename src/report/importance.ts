// Parameter importance by PED-ANOVA (Watanabe, Bansal & Hutter, IJCAI 2023): how far the
// density of a parameter among the top 10% of trials departs from its density among all
// trials, Σ p_all (p_top / p_all - 1)², normalized to sum to 1. Deterministic: no sampling.
// A conditional parameter is measured on the trials where it is active, and weighted by the
// share of trials that have it.
import { GRID_STEPS, categoricalGridDensity, numericGridDensity } from './grid-density.js';
import { choiceLabel, type FlatParameters, type ParameterInfo } from './parameters.js';

/** The share of the best trials that PED-ANOVA contrasts with all trials. */
export const TOP_QUANTILE = 0.1;

/** A trial as the importance needs it: a finished value and its parameters. */
export interface ScoredTrial {
  number: number;
  value: number;
  params: FlatParameters;
}

/** The importance of one parameter. */
export interface ParameterImportance {
  name: string;
  /** Share of the total importance, in [0, 1]. */
  importance: number;
  /** Complete trials in which the parameter is active. */
  trials: number;
  conditional: boolean;
}

/** The importances of a study's parameters, most important first. */
export interface ImportanceResult {
  method: 'ped-anova';
  quantile: number;
  /** Complete trials used, and how many of them form the top group. */
  trials: number;
  topTrials: number;
  importances: ParameterImportance[];
}

// Grid coordinates (numeric) or category indices of the trials that have the parameter.
function coordinates(info: ParameterInfo, trials: readonly ScoredTrial[]): number[] {
  const out: number[] = [];
  for (const trial of trials) {
    const value = trial.params[info.name];
    if (value === undefined) continue;
    if (info.kind === 'categorical') {
      const index = info.choices.indexOf(choiceLabel(value));
      if (index >= 0) out.push(index);
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    const steps = gridSteps(info);
    const span = info.log ? Math.log(info.high) - Math.log(info.low) : info.high - info.low;
    const offset = info.log ? Math.log(value) - Math.log(info.low) : value - info.low;
    out.push(span > 0 ? ((steps - 1) * offset) / span : (steps - 1) / 2);
  }
  return out;
}

// Integer parameters with few values get one step per value.
function gridSteps(info: ParameterInfo): number {
  if (info.integer && !info.log) return Math.max(1, Math.min(GRID_STEPS, info.high - info.low + 1));
  return GRID_STEPS;
}

function density(info: ParameterInfo, points: readonly number[]): Float64Array {
  return info.kind === 'categorical'
    ? categoricalGridDensity(points, Math.max(1, info.choices.length))
    : numericGridDensity(points, gridSteps(info));
}

// Pearson divergence of the top density from the density of all trials.
function divergence(top: Float64Array, all: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < all.length; i++) {
    const p = all[i] as number;
    sum += ((top[i] as number) - p) ** 2 / p;
  }
  return sum;
}

/**
 * PED-ANOVA importances of `parameters` over `trials` (complete trials, values in the user's
 * terms). Fewer than two trials, or identical values, give every parameter 0.
 */
export function parameterImportance(
  trials: readonly ScoredTrial[],
  parameters: readonly ParameterInfo[],
  direction: 'minimize' | 'maximize',
): ImportanceResult {
  const sign = direction === 'maximize' ? -1 : 1;
  const ranked = [...trials].sort((a, b) => sign * (a.value - b.value) || a.number - b.number);
  const topCount = ranked.length < 2 ? 0 : Math.max(1, Math.ceil(TOP_QUANTILE * ranked.length));
  const top = ranked.slice(0, topCount);
  const raw = parameters.map((info) => {
    const all = coordinates(info, ranked);
    const best = coordinates(info, top);
    const score =
      best.length === 0 || all.length < 2
        ? 0
        : divergence(density(info, best), density(info, all)) * (all.length / ranked.length);
    return { name: info.name, score, trials: all.length, conditional: info.conditional };
  });
  const total = raw.reduce((sum, r) => sum + r.score, 0);
  const importances = raw
    .map((r) => ({
      name: r.name,
      importance: total > 0 ? r.score / total : 0,
      trials: r.trials,
      conditional: r.conditional,
    }))
    .sort(
      (a, b) => b.importance - a.importance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
  return {
    method: 'ped-anova',
    quantile: TOP_QUANTILE,
    trials: ranked.length,
    topTrials: topCount,
    importances,
  };
}
