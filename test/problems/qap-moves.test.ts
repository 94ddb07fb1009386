// The QAP move model: swap deltas and the Taillard swap table equal full re-evaluation after
// random sequences of swaps, on symmetric and asymmetric instances.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { swapInPlace } from '../../src/algorithms/operators/permutation.js';
import { maximize } from '../../src/core/maximize.js';
import type { Problem } from '../../src/core/problem.js';
import { qapProblem, qapProblemFromInstance } from '../../src/problems/qap/problem.js';
import { parseQaplib } from '../../src/problems/qap/qaplib.js';

const real = ['bur26a', 'lipa20a', 'nug12', 'chr12a', 'els19'].map((name) =>
  qapProblem({ instance: name }),
);

/** A random instance: n in 2..9, integer matrices, symmetric or not, diagonals included. */
const smallInstance = fc
  .record({
    n: fc.integer({ min: 2, max: 9 }),
    symmetric: fc.boolean(),
    values: fc.array(fc.integer({ min: -5, max: 40 }), { minLength: 162, maxLength: 162 }),
  })
  .map(({ n, symmetric, values }) => {
    const matrix = (offset: number): number[] =>
      Array.from({ length: n * n }, (_, k) => {
        const [i, j] = [Math.floor(k / n), k % n];
        const [u, v] = symmetric && i > j ? [j, i] : [i, j];
        return values[offset + u * 9 + v] as number;
      });
    const text = `${n}\n\n${matrix(0).join(' ')}\n\n${matrix(81).join(' ')}\n`;
    return qapProblemFromInstance(parseQaplib(text, `random${n}.dat`));
  });

const withPermutationAndSwaps = fc
  .oneof(fc.constantFrom(...real), smallInstance)
  .chain((problem) => {
    const n = problem.space.dimension;
    const pair = fc.tuple(fc.nat(n - 1), fc.nat(n - 2)).map(([r, t]) => [r, t >= r ? t + 1 : t]);
    return fc.tuple(
      fc.constant(problem),
      fc.shuffledSubarray(
        Array.from({ length: n }, (_, k) => k),
        { minLength: n, maxLength: n },
      ),
      fc.array(pair, { minLength: 1, maxLength: 12 }),
    );
  });

const cost = (problem: Problem<number[]>, p: number[]): number => problem.evaluate(p) as number;

describe('qap move model', () => {
  it('swap delta equals re-evaluation', () => {
    fc.assert(
      fc.property(withPermutationAndSwaps, ([problem, p, swaps]) => {
        for (const [r, s] of swaps as [number, number][]) {
          const before = cost(problem, p);
          const delta = problem.moves?.swap?.(p, r, s);
          swapInPlace(p, r, s);
          expect(delta).toBe(cost(problem, p) - before);
        }
      }),
    );
  });

  it('the swap table stays equal to re-evaluation across a sequence of applied swaps', () => {
    fc.assert(
      fc.property(withPermutationAndSwaps, ([problem, p, swaps]) => {
        const n = p.length;
        const table = problem.moves?.swapTable;
        const deltas = table?.create(p) ?? [];
        for (const [r, s] of swaps as [number, number][]) {
          swapInPlace(p, r, s);
          table?.update(deltas, p, r, s);
          const base = cost(problem, p);
          for (let i = 0; i < n; i++)
            for (let j = i + 1; j < n; j++) {
              const moved = swapInPlace(p.slice(), i, j);
              expect(deltas[i * n + j], `pair (${i}, ${j})`).toBe(cost(problem, moved) - base);
            }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps its deltas exact under maximize()', () => {
    const problem = maximize(qapProblem({ instance: 'lipa20a' }));
    const p = Array.from({ length: 20 }, (_, k) => (k * 3) % 20);
    const table = problem.moves?.swapTable;
    const deltas = table?.create(p) ?? [];
    swapInPlace(p, 2, 7);
    table?.update(deltas, p, 2, 7);
    const moved = swapInPlace(p.slice(), 4, 11);
    expect(deltas[4 * 20 + 11]).toBe(cost(problem, moved) - cost(problem, p));
  });
});
