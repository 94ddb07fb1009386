// Evaluation of multidimensional knapsack selections: exact fixed-point sums, the greedy repair
// of Chu & Beasley (1998; DROP then ADD by pseudo-utility), and the feasibility-first penalty.
import type { KnapsackInstance } from './orlib.js';

/** How selections that break a capacity are scored. */
export type ConstraintHandling = 'repair' | 'penalty';

/**
 * Values as integers times 1 / scale, so that sums of decimals (profits like 600.1) are exact:
 * the smallest power of ten up to 10^6 that makes every value an integer, else the values as
 * they are (scale 1).
 */
export function toFixedPoint(values: readonly number[]): { scaled: number[]; scale: number } {
  const total = values.reduce((sum, v) => sum + Math.abs(v), 0);
  for (let digits = 0; digits <= 6; digits++) {
    const scale = 10 ** digits;
    if (total * scale > Number.MAX_SAFE_INTEGER) break;
    const scaled = values.map((v) => Math.round(v * scale));
    if (scaled.every((s, k) => Math.abs(s - (values[k] as number) * scale) <= 1e-6)) {
      return { scaled, scale };
    }
  }
  return { scaled: values.slice(), scale: 1 };
}

/** An instance prepared for fast evaluation: flat fixed-point data and the greedy orders. */
export interface PreparedKnapsack {
  readonly items: number;
  readonly resources: number;
  /** Profits in units of 1 / profitScale. */
  readonly profits: Float64Array;
  readonly profitScale: number;
  /** weights[i * items + j], in the same units as capacities. */
  readonly weights: Float64Array;
  readonly capacities: Float64Array;
  /** Items by increasing pseudo-utility (the DROP order); ADD goes through it backwards. */
  readonly order: Int32Array;
}

/**
 * Prepares an instance. The pseudo-utility of item j is p_j / sum_i (w_ij / c_i): its profit
 * per unit of capacity used, each resource weighted by the inverse of its capacity.
 */
export function prepareKnapsack(instance: KnapsackInstance): PreparedKnapsack {
  const items = instance.profits.length;
  const resources = instance.capacities.length;
  const profits = toFixedPoint(instance.profits);
  const data = toFixedPoint([...instance.weights.flat(), ...instance.capacities]);
  const weights = Float64Array.from(data.scaled.slice(0, items * resources));
  const capacities = Float64Array.from(data.scaled.slice(items * resources));
  const utility = new Float64Array(items);
  for (let j = 0; j < items; j++) {
    let used = 0;
    for (let i = 0; i < resources; i++) {
      const w = weights[i * items + j] as number;
      if (w > 0) used += w / (capacities[i] as number);
    }
    utility[j] = used === 0 ? Infinity : (instance.profits[j] as number) / used;
  }
  const order = Int32Array.from({ length: items }, (_, j) => j).sort(
    (a, b) => (utility[a] as number) - (utility[b] as number) || a - b,
  );
  return {
    items,
    resources,
    profits: Float64Array.from(profits.scaled),
    profitScale: profits.scale,
    weights,
    capacities,
    order,
  };
}

/** The loads of a selection on each resource, and its profit (both in fixed point). */
export function loadsOf(
  knapsack: PreparedKnapsack,
  x: readonly number[],
): { loads: Float64Array; profit: number } {
  const { items, resources, weights, profits } = knapsack;
  const loads = new Float64Array(resources);
  let profit = 0;
  for (let j = 0; j < items; j++) {
    if (x[j] !== 1) continue;
    profit += profits[j] as number;
    for (let i = 0; i < resources; i++)
      loads[i] = (loads[i] as number) + (weights[i * items + j] as number);
  }
  return { loads, profit };
}

/**
 * The selection after the greedy repair: DROP removes selected items in increasing
 * pseudo-utility, each one that uses an overloaded resource, until every capacity holds; ADD
 * then inserts unselected items in decreasing pseudo-utility wherever they fit. Returns 0/1.
 */
export function repairSelection(knapsack: PreparedKnapsack, x: readonly number[]): Uint8Array {
  const { items, resources, weights, capacities, order } = knapsack;
  const selected = new Uint8Array(items);
  const loads = new Float64Array(resources);
  for (let j = 0; j < items; j++) {
    if (x[j] !== 1) continue;
    selected[j] = 1;
    for (let i = 0; i < resources; i++)
      loads[i] = (loads[i] as number) + (weights[i * items + j] as number);
  }
  let violations = 0;
  for (let i = 0; i < resources; i++)
    if ((loads[i] as number) > (capacities[i] as number)) violations++;
  for (let k = 0; k < items && violations > 0; k++) {
    const j = order[k] as number;
    if (selected[j] === 0) continue;
    let relieves = false;
    for (let i = 0; i < resources && !relieves; i++) {
      relieves =
        (weights[i * items + j] as number) > 0 && (loads[i] as number) > (capacities[i] as number);
    }
    if (!relieves) continue;
    selected[j] = 0;
    for (let i = 0; i < resources; i++) {
      const load = loads[i] as number;
      const lighter = load - (weights[i * items + j] as number);
      const capacity = capacities[i] as number;
      if (load > capacity && lighter <= capacity) violations--;
      loads[i] = lighter;
    }
  }
  for (let k = items - 1; k >= 0; k--) {
    const j = order[k] as number;
    if (selected[j] === 1) continue;
    let fits = true;
    for (let i = 0; i < resources && fits; i++)
      fits = (loads[i] as number) + (weights[i * items + j] as number) <= (capacities[i] as number);
    if (!fits) continue;
    selected[j] = 1;
    for (let i = 0; i < resources; i++)
      loads[i] = (loads[i] as number) + (weights[i * items + j] as number);
  }
  return selected;
}

/**
 * The feasibility-first score (Deb 2000) of a selection with these loads and profit: its
 * profit when every capacity holds, else minus its total relative overload
 * sum_i max(0, load_i - c_i) / c_i, so every feasible selection beats every infeasible one.
 */
export function penaltyValue(
  knapsack: PreparedKnapsack,
  loads: Float64Array,
  profit: number,
): number {
  const { resources, capacities } = knapsack;
  let overload = 0;
  for (let i = 0; i < resources; i++) {
    const excess = (loads[i] as number) - (capacities[i] as number);
    if (excess > 0) overload += excess / Math.max(capacities[i] as number, 1);
  }
  return overload > 0 ? -overload : profit / knapsack.profitScale;
}
