// Exact hypervolume in any number of objectives by WFG (While, Bradstreet & Barone, IEEE TEC
// 16(1) 2012): the sum of each point's exclusive hypervolume, computed from the non-dominated
// "limit set" of the points after it; with the points sorted worst-first in the last objective,
// every limit set lies in one slice of it, so the recursion drops one objective per level. A
// limit set in three objectives goes to the 3-D sweep, which needs no non-dominated filtering:
// called on three objectives, WFG itself still slices down to two.
import { dominates } from './dominance.js';
import { hypervolume2d } from './hypervolume-2d.js';
import { hypervolume3d } from './hypervolume-3d.js';
import { minOf } from '../core/extremes.js';

/**
 * The hypervolume dominated by `points` (minimized) and bounded by `reference`, in the first
 * `objectives` coordinates (default: all). Points not strictly better than the reference in every
 * objective add nothing.
 */
export function hypervolumeWfg(
  points: readonly (readonly number[])[],
  reference: readonly number[],
  objectives = reference.length,
): number {
  const inside = points.filter((p) => {
    for (let j = 0; j < objectives; j++)
      if (!((p[j] as number) < (reference[j] as number))) return false;
    return true;
  });
  return wfg(nonDominated(inside, objectives), reference, objectives);
}

function wfg(
  points: readonly (readonly number[])[],
  reference: readonly number[],
  m: number,
): number {
  if (points.length === 0) return 0;
  if (m === 1) return (reference[0] as number) - minOf(points.map((p) => p[0] as number));
  if (m === 2) return hypervolume2d(points, reference);
  if (points.length === 1) return box(points[0] as readonly number[], reference, m);
  const last = m - 1;
  // Worst first in the last objective: each later point's slice contains the earlier ones' limit.
  const sorted = [...points].sort((a, b) => (b[last] as number) - (a[last] as number));
  let volume = 0;
  for (let k = 0; k < sorted.length; k++) {
    const p = sorted[k] as readonly number[];
    const limit: number[][] = [];
    for (let i = k + 1; i < sorted.length; i++) {
      const q = sorted[i] as readonly number[];
      const bounded = new Array<number>(last);
      for (let j = 0; j < last; j++) bounded[j] = Math.max(p[j] as number, q[j] as number);
      limit.push(bounded);
    }
    const covered =
      last === 3
        ? hypervolume3d(limit, reference)
        : wfg(nonDominated(limit, last), reference, last);
    const exclusive = box(p, reference, last) - covered;
    volume += exclusive * ((reference[last] as number) - (p[last] as number));
  }
  return volume;
}

function box(p: readonly number[], reference: readonly number[], m: number): number {
  let volume = 1;
  for (let j = 0; j < m; j++) volume *= (reference[j] as number) - (p[j] as number);
  return volume;
}

// The points no other dominates in the first m objectives; of equal points one is kept.
function nonDominated(points: readonly (readonly number[])[], m: number): (readonly number[])[] {
  if (m === 2) return nonDominated2d(points);
  const kept: (readonly number[])[] = [];
  const project = (p: readonly number[]): readonly number[] => (p.length === m ? p : p.slice(0, m));
  outer: for (let i = 0; i < points.length; i++) {
    const p = project(points[i] as readonly number[]);
    for (let j = 0; j < points.length; j++) {
      if (i === j) continue;
      const q = project(points[j] as readonly number[]);
      if (dominates(q, p)) continue outer;
      if (j < i && equal(p, q)) continue outer;
    }
    kept.push(p);
  }
  return kept;
}

function equal(a: readonly number[], b: readonly number[]): boolean {
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return false;
  return true;
}

// Two objectives: sorted by the first (then the second), a point is kept when it improves on the
// best second objective seen so far. O(n log n).
function nonDominated2d(points: readonly (readonly number[])[]): (readonly number[])[] {
  const sorted = points
    .map((p) => [p[0] as number, p[1] as number] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const kept: (readonly number[])[] = [];
  let lowest = Infinity;
  for (const p of sorted) {
    if (p[1] < lowest) {
      kept.push(p);
      lowest = p[1];
    }
  }
  return kept;
}
