// Memetic GA on tours: starts are Lin-Kernighan optima around the greedy tour, and a child is
// repaired only from the cities with links that neither parent has.
import { describe, expect, it } from 'vitest';
import {
  citiesOffParents,
  memeticTourStart,
} from '../../src/algorithms/genetic-algorithm/tour-starts.js';
import type { MoveModel } from '../../src/core/problem.js';
import { createRng } from '../../src/core/rng.js';
import { tspProblem } from '../../src/problems/tsp/problem.js';

const problem = tspProblem({ instance: 'kroA100' });
const moves = problem.moves as MoveModel;
const length = (tour: readonly number[]): number => problem.evaluate(tour.slice()) as number;
const isPermutation = (tour: readonly number[], n: number): boolean =>
  tour.length === n && new Set(tour).size === n && tour.every((c) => c >= 0 && c < n);

describe('cities off the parents', () => {
  it('is empty for a parent, its reversal or rotation, and names the ends of new links', () => {
    const parent = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(citiesOffParents(parent, [parent])).toEqual([]);
    expect(citiesOffParents([5, 4, 3, 2, 1, 0, 9, 8, 7, 6], [parent])).toEqual([]);
    // Reversing 3..6 replaces links 2-3 and 6-7 by 2-6 and 3-7.
    const child = [0, 1, 2, 6, 5, 4, 3, 7, 8, 9];
    expect(citiesOffParents(child, [parent]).sort((a, b) => a - b)).toEqual([2, 3, 6, 7]);
    // A second parent that has those links leaves nothing to repair.
    expect(citiesOffParents(child, [parent, child])).toEqual([]);
  });
});

describe('memetic tour starts', () => {
  it('are distinct tours no longer than the greedy tour plus kicks, the first the polished greedy', () => {
    const rng = createRng(3);
    const n = problem.space.dimension;
    const greedy = length(moves.construct?.() as number[]);
    const starts = [0, 1, 2, 3].map((index) => memeticTourStart(moves, n, index, rng) as number[]);
    for (const start of starts) expect(isPermutation(start, n)).toBe(true);
    expect(length(starts[0] as number[])).toBeLessThanOrEqual(greedy);
    expect(new Set(starts.map((s) => s.join(','))).size).toBeGreaterThan(1);
    // Lin-Kernighan optima: each within a few percent of the polished greedy tour.
    for (const start of starts) expect(length(start)).toBeLessThan(1.1 * greedy);
  });

  it('need a model that builds a tour', () => {
    const distance = moves.distance as (a: number, b: number) => number;
    expect(memeticTourStart({ distance }, 100, 0, createRng(1))).toBeUndefined();
  });
});
