// Benchmark instances for the tabu-search benchmarks: TSP and QAP problems from the registry,
// with a small QAPLIB reader and move model (swap delta, Taillard's swap table) used only
// while the registry has no `qap` problem.
import { readFileSync } from 'node:fs';
import type { MoveModel, Problem } from '../src/core/problem.js';
import { permutationSpace } from '../src/core/spaces/index.js';
import { buildProblem } from '../src/problems/build.js';
import { problems } from '../src/problems/registry.js';

const dataFolder = new URL('../data/', import.meta.url);

/** A registry problem (`tsp`, `qap`...) on a shipped instance. */
export async function registryProblem(type: string, instance: string): Promise<Problem<number[]>> {
  const problem = await buildProblem({ type, instance }, { baseDir: process.cwd() });
  return problem as Problem<number[]>;
}

/** The QAP instance `name` from the registry, or from the fallback reader below. */
export async function qapProblem(name: string): Promise<Problem<number[]>> {
  if (problems.has('qap')) return registryProblem('qap', name);
  return fallbackQap(name);
}

function knownValue(family: string, name: string): number | undefined {
  const rows = readFileSync(new URL('optima.csv', dataFolder), 'utf8').split('\n');
  for (const row of rows) {
    const cells = row.split(',');
    if (cells[0] === family && cells[1] === name) return Number(cells[6]);
  }
  return undefined;
}

function fallbackQap(name: string): Problem<number[]> {
  const tokens = readFileSync(new URL(`qaplib/${name}.dat`, dataFolder), 'utf8')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const n = tokens[0] as number;
  const a = tokens.slice(1, 1 + n * n);
  const b = tokens.slice(1 + n * n, 1 + 2 * n * n);
  const optimum = knownValue('qap', name);
  return {
    name,
    space: permutationSpace({ size: n, neighborhood: 'swap' }),
    evaluate: (p) => qapCost(a, b, n, p),
    moves: qapMoves(a, b, n),
    ...(optimum === undefined ? {} : { optimum }),
  };
}

/** cost(p) = sum_ij a[i][j] * b[p(i)][p(j)]. */
export function qapCost(a: number[], b: number[], n: number, p: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const pi = p[i] as number;
    for (let j = 0; j < n; j++)
      total += (a[i * n + j] as number) * (b[pi * n + (p[j] as number)] as number);
  }
  return total;
}

/** Swap delta in O(n) and Taillard's O(n^2) table update, for general (asymmetric) matrices. */
export function qapMoves(flow: number[], distance: number[], n: number): MoveModel {
  const a = Float64Array.from(flow);
  const b = Float64Array.from(distance);
  const swap = (p: readonly number[], r: number, s: number): number => {
    const pr = (p[r] as number) * n;
    const ps = (p[s] as number) * n;
    const rn = r * n;
    const sn = s * n;
    const br = p[r] as number;
    const bs = p[s] as number;
    let d =
      (a[rn + r] as number) * ((b[ps + bs] as number) - (b[pr + br] as number)) +
      (a[sn + s] as number) * ((b[pr + br] as number) - (b[ps + bs] as number)) +
      (a[rn + s] as number) * ((b[ps + br] as number) - (b[pr + bs] as number)) +
      (a[sn + r] as number) * ((b[pr + bs] as number) - (b[ps + br] as number));
    for (let k = 0; k < n; k++) {
      if (k === r || k === s) continue;
      const pk = p[k] as number;
      const kn = k * n;
      d +=
        ((a[kn + r] as number) - (a[kn + s] as number)) *
          ((b[pk * n + bs] as number) - (b[pk * n + br] as number)) +
        ((a[rn + k] as number) - (a[sn + k] as number)) *
          ((b[ps + pk] as number) - (b[pr + pk] as number));
    }
    return d;
  };
  return {
    swap,
    swapTable: {
      create(p) {
        const table = new Array<number>(n * n).fill(0);
        for (let i = 0; i < n - 1; i++)
          for (let j = i + 1; j < n; j++) table[i * n + j] = swap(p, i, j);
        return table;
      },
      update(table, p, r, s) {
        const pr = p[r] as number;
        const ps = p[s] as number;
        const rn = r * n;
        const sn = s * n;
        for (let u = 0; u < n - 1; u++) {
          const pu = p[u] as number;
          const un = u * n;
          for (let v = u + 1; v < n; v++) {
            if (u === r || u === s || v === r || v === s) {
              table[un + v] = swap(p, u, v);
              continue;
            }
            const pv = p[v] as number;
            const vn = v * n;
            table[un + v] =
              (table[un + v] as number) +
              ((a[rn + u] as number) -
                (a[rn + v] as number) +
                (a[sn + v] as number) -
                (a[sn + u] as number)) *
                ((b[ps * n + pu] as number) -
                  (b[ps * n + pv] as number) +
                  (b[pr * n + pv] as number) -
                  (b[pr * n + pu] as number)) +
              ((a[un + r] as number) -
                (a[vn + r] as number) +
                (a[vn + s] as number) -
                (a[un + s] as number)) *
                ((b[pu * n + ps] as number) -
                  (b[pv * n + ps] as number) +
                  (b[pv * n + pr] as number) -
                  (b[pu * n + pr] as number));
          }
        }
      },
    },
  };
}
