// Neighbours with their tabu attributes, for every space kind (Glover 1990, move attributes):
// swaps, 2-opt reversals and insertions on permutations, bit flips, coordinate steps on real
// and integer grids, value changes on categorical and mixed parameters.
import { insertInPlace, reverseInPlace } from '../operators/permutation.js';
import type { Rng } from '../../core/rng.js';
import type { CategoryValue, ParameterSpec, ParameterValues, Space } from '../../core/space.js';
import type { SampledMove, SampledMoveKind } from './search-state.js';

/** A neighbour and the move that makes it. */
export interface Neighbor {
  candidate: unknown;
  move: SampledMove;
}

/** The neighbourhood of one candidate: its size and its k-th neighbour (null: no change). */
interface Neighborhood {
  total: number;
  at(index: number): Neighbor | null;
}

const edgeName = (a: number, b: number): string => (a < b ? `${a}-${b}` : `${b}-${a}`);
const valueName = (name: string | number, value: unknown): string =>
  `${name}=${JSON.stringify(value)}`;

/** Number of neighbours of `x` under `kind` (before removing moves that change nothing). */
export function neighborhoodSize(
  space: Space<unknown>,
  kind: SampledMoveKind,
  x: unknown,
  step: number,
): number {
  return neighborhood(space, kind, x, step).total;
}

/**
 * `count` distinct random neighbours of `x` (all of them when `full` or when there are no more
 * than `count`), each with the attributes that decide its tabu status.
 */
export function sampleNeighbors(
  space: Space<unknown>,
  kind: SampledMoveKind,
  x: unknown,
  step: number,
  count: number,
  full: boolean,
  rng: Rng,
): Neighbor[] {
  const hood = neighborhood(space, kind, x, step);
  const out: Neighbor[] = [];
  if (full || hood.total <= count) {
    for (let k = 0; k < hood.total; k++) {
      const neighbor = hood.at(k);
      if (neighbor !== null) out.push(neighbor);
    }
    return out;
  }
  const seen = new Set<number>();
  // Bounded rejection sampling: moves that change nothing are skipped, not retried forever.
  for (let tries = 0; out.length < count && tries < 4 * count; tries++) {
    const k = rng.int(hood.total);
    if (seen.has(k)) continue;
    seen.add(k);
    const neighbor = hood.at(k);
    if (neighbor !== null) out.push(neighbor);
  }
  return out;
}

function neighborhood(
  space: Space<unknown>,
  kind: SampledMoveKind,
  x: unknown,
  step: number,
): Neighborhood {
  switch (kind) {
    case 'swap':
      return swaps(x as number[]);
    case 'two-opt':
      return reversals(x as number[]);
    case 'insertion':
      return insertions(x as number[]);
    case 'flip':
      return flips(x as number[]);
    case 'real-step':
    case 'integer-step':
      return coordinateSteps(space, x as number[], step, kind === 'integer-step');
    case 'categorical':
      return valueChanges(space, x as CategoryValue[]);
    case 'mixed':
      return parameterMoves(space as Space<ParameterValues>, x as ParameterValues, step);
  }
}

// Pair k of the pairs (i, j), i < j, in row order.
function pairAt(n: number, k: number): [number, number] {
  let i = 0;
  let rest = k;
  while (rest >= n - 1 - i) {
    rest -= n - 1 - i;
    i++;
  }
  return [i, i + 1 + rest];
}

function swaps(x: number[]): Neighborhood {
  const n = x.length;
  return {
    total: (n * (n - 1)) / 2,
    at(k) {
      const [i, j] = pairAt(n, k);
      const a = x[i] as number;
      const b = x[j] as number;
      const y = x.slice();
      y[i] = b;
      y[j] = a;
      // Tabu when both elements would return to positions they recently left (Taillard 1991).
      return {
        candidate: y,
        move: {
          attributes: [`${b}@${i}`, `${a}@${j}`],
          tabuIfAll: true,
          reverse: [`${a}@${i}`, `${b}@${j}`],
        },
      };
    },
  };
}

function reversals(x: number[]): Neighborhood {
  const n = x.length;
  return {
    total: (n * (n - 1)) / 2,
    at(k) {
      const [i, j] = pairAt(n, k);
      if (j - i < 2 || (i === 0 && j === n - 1)) return null;
      const a = x[i] as number;
      const b = x[i + 1] as number;
      const c = x[j] as number;
      const d = x[(j + 1) % n] as number;
      return {
        candidate: reverseInPlace(x.slice(), i + 1, j),
        move: {
          attributes: [edgeName(a, c), edgeName(b, d)],
          tabuIfAll: false,
          reverse: [edgeName(a, b), edgeName(c, d)],
        },
      };
    },
  };
}

function insertions(x: number[]): Neighborhood {
  const n = x.length;
  return {
    total: n * (n - 1),
    at(k) {
      const from = Math.floor(k / (n - 1));
      const t = k % (n - 1);
      const to = t >= from ? t + 1 : t;
      const e = x[from] as number;
      return {
        candidate: insertInPlace(x.slice(), from, to),
        move: { attributes: [`${e}@${to}`], tabuIfAll: false, reverse: [`${e}@${from}`] },
      };
    },
  };
}

function flips(x: number[]): Neighborhood {
  return {
    total: x.length,
    at(i) {
      const y = x.slice();
      y[i] = 1 - (y[i] as number);
      return { candidate: y, move: { attributes: [`${i}`], tabuIfAll: false, reverse: [`${i}`] } };
    },
  };
}

// Steps of +-step * range on one coordinate; real steps are tabu by direction (no stepping
// straight back), integer steps by value (no return to the value just left).
function coordinateSteps(
  space: Space<unknown>,
  x: number[],
  step: number,
  integer: boolean,
): Neighborhood {
  const lower = integer ? space.vectorLower.map((v) => v + 0.5) : space.vectorLower;
  const upper = integer ? space.vectorUpper.map((v) => v - 0.5) : space.vectorUpper;
  return {
    total: 2 * x.length,
    at(k) {
      const i = k >> 1;
      const direction = (k & 1) === 1 ? 1 : -1;
      const lo = lower[i] as number;
      const hi = upper[i] as number;
      const size = integer ? Math.max(1, Math.round(step * (hi - lo))) : step * (hi - lo);
      const old = x[i] as number;
      const moved = Math.min(hi, Math.max(lo, old + direction * size));
      if (moved === old) return null;
      const y = x.slice();
      y[i] = moved;
      const up = `${i}+`;
      const down = `${i}-`;
      const move: SampledMove = integer
        ? { attributes: [valueName(i, moved)], tabuIfAll: false, reverse: [valueName(i, old)] }
        : direction > 0
          ? { attributes: [up], tabuIfAll: false, reverse: [down] }
          : { attributes: [down], tabuIfAll: false, reverse: [up] };
      return { candidate: y, move };
    },
  };
}

function valueChanges(space: Space<unknown>, x: CategoryValue[]): Neighborhood {
  const spec = space.spec;
  const choices = spec.kind === 'categorical' ? spec.choices : [];
  const list: [number, CategoryValue][] = [];
  choices.forEach((options, i) => {
    for (const v of options) if (v !== x[i]) list.push([i, v]);
  });
  return {
    total: list.length,
    at(k) {
      const [i, v] = list[k] as [number, CategoryValue];
      const y = x.slice();
      y[i] = v;
      return {
        candidate: y,
        move: { attributes: [valueName(i, v)], tabuIfAll: false, reverse: [valueName(i, x[i])] },
      };
    },
  };
}

// On mixed spaces: steps on numeric parameters in the vector embedding (so log scales step
// in log space), other values for categorical and boolean ones. Parameters switched on by a
// change take their default.
function parameterMoves(
  space: Space<ParameterValues>,
  x: ParameterValues,
  step: number,
): Neighborhood {
  const spec = space.spec;
  const parameters: Record<string, ParameterSpec> = spec.kind === 'mixed' ? spec.parameters : {};
  const names = Object.keys(parameters);
  const list: [string, number, ParameterSpec, CategoryValue | number][] = [];
  names.forEach((name, index) => {
    if (!(name in x)) return;
    const p = parameters[name] as ParameterSpec;
    if (p.type === 'real' || p.type === 'integer') {
      list.push([name, index, p, -1], [name, index, p, 1]);
    } else {
      const values: CategoryValue[] = p.type === 'categorical' ? p.choices : [false, true];
      for (const v of values) if (v !== x[name]) list.push([name, index, p, v]);
    }
  });
  return {
    total: list.length,
    at(k) {
      const [name, index, p, change] = list[k] as [string, number, ParameterSpec, CategoryValue];
      const old = x[name] as CategoryValue;
      let y: ParameterValues;
      if (p.type === 'real' || p.type === 'integer') {
        const direction = change as number;
        const v = space.toVector(x);
        v[index] = Math.min(1, Math.max(0, (v[index] as number) + direction * step));
        y = space.fromVector(v);
        if (p.type === 'integer' && y[name] === old)
          y = space.repair({ ...x, [name]: (old as number) + direction });
        if (y[name] === old) return null;
        if (p.type === 'real') {
          const [ahead, back] = direction > 0 ? ['+', '-'] : ['-', '+'];
          return {
            candidate: y,
            move: {
              attributes: [`${name}${ahead}`],
              tabuIfAll: false,
              reverse: [`${name}${back}`],
            },
          };
        }
      } else {
        y = space.repair({ ...x, [name]: change });
      }
      return {
        candidate: y,
        move: {
          attributes: [valueName(name, y[name])],
          tabuIfAll: false,
          reverse: [valueName(name, old)],
        },
      };
    },
  };
}
