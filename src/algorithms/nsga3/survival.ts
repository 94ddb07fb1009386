// NSGA-III survival (Deb & Jain, IEEE TEC 18(4) 2014, Algorithm 1-4): whole fronts first; the
// last front is cut by niching, each member associated with its nearest reference line and the
// least crowded lines served first.
import type { Rng } from '../../core/rng.js';
import type { ObjectiveEvaluation } from '../../multi-objective/evaluation.js';
import { nonDominatedSort } from '../../multi-objective/non-dominated-sort.js';
import { normalizeObjectives } from './normalization.js';

/** Indices of the `size` survivors of `evaluations` among `directions` (reference directions). */
export function referencePointSurvival(
  evaluations: readonly ObjectiveEvaluation[],
  directions: readonly (readonly number[])[],
  size: number,
  rng: Rng,
): number[] {
  const { fronts } = nonDominatedSort(evaluations, size);
  const chosen: number[] = [];
  let rank = 0;
  while (rank < fronts.length && chosen.length + (fronts[rank] as number[]).length <= size) {
    chosen.push(...(fronts[rank] as number[]));
    rank++;
  }
  if (chosen.length === size || rank >= fronts.length) return chosen;
  const last = fronts[rank] as number[];
  if ((evaluations[last[0] as number] as ObjectiveEvaluation).violation > 0) {
    // An infeasible front: every member shares one violation level.
    return [...chosen, ...last.slice(0, size - chosen.length)];
  }
  const considered = [...chosen, ...last];
  const normalized = normalizeObjectives(
    considered.map((i) => (evaluations[i] as ObjectiveEvaluation).values),
    (fronts[0] as number[]).map((i) => considered.indexOf(i)).filter((k) => k >= 0),
  );
  const association = normalized.map((p) => nearestLine(p, directions));
  const niche = new Array<number>(directions.length).fill(0);
  for (let k = 0; k < chosen.length; k++) {
    const line = (association[k] as Association).line;
    niche[line] = (niche[line] as number) + 1;
  }
  // Members of the last front waiting, per reference line.
  const waiting: number[][] = directions.map(() => []);
  for (let k = chosen.length; k < considered.length; k++) {
    (waiting[(association[k] as Association).line] as number[]).push(k);
  }
  const open = new Set(
    directions.map((_, j) => j).filter((j) => (waiting[j] as number[]).length > 0),
  );
  while (chosen.length < size && open.size > 0) {
    let least = Infinity;
    let candidates: number[] = [];
    for (const j of open) {
      const count = niche[j] as number;
      if (count < least) {
        least = count;
        candidates = [j];
      } else if (count === least) candidates.push(j);
    }
    const line = candidates[rng.int(candidates.length)] as number;
    const members = waiting[line] as number[];
    let pick: number;
    if (least === 0) {
      pick = 0;
      for (let q = 1; q < members.length; q++) {
        const distance = (association[members[q] as number] as Association).distance;
        if (distance < (association[members[pick] as number] as Association).distance) pick = q;
      }
    } else pick = rng.int(members.length);
    const [k] = members.splice(pick, 1);
    chosen.push(considered[k as number] as number);
    niche[line] = (niche[line] as number) + 1;
    if (members.length === 0) open.delete(line);
  }
  return chosen;
}

interface Association {
  line: number;
  distance: number;
}

// The reference line nearest to p by perpendicular distance (ties: the lower index).
function nearestLine(
  p: readonly number[],
  directions: readonly (readonly number[])[],
): Association {
  let best: Association = { line: 0, distance: Infinity };
  directions.forEach((w, j) => {
    let dot = 0;
    let norm = 0;
    for (let i = 0; i < p.length; i++) {
      dot += (p[i] as number) * (w[i] as number);
      norm += (w[i] as number) * (w[i] as number);
    }
    const t = dot / norm;
    let squared = 0;
    for (let i = 0; i < p.length; i++) {
      const d = (p[i] as number) - t * (w[i] as number);
      squared += d * d;
    }
    if (squared < best.distance) best = { line: j, distance: squared };
  });
  return best;
}
