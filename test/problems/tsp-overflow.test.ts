// TSP lengths stay exact for coordinates far past 32-bit distances, and coordinates whose tours
// would pass a double's exact integers are refused with the file and line.
import { describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/core/errors.js';
import { tspProblemFromInstance } from '../../src/problems/tsp/problem.js';
import { parseTsplib } from '../../src/problems/tsp/tsplib.js';

function square(side: string, type = 'EUC_2D'): string {
  return [
    'NAME: square',
    'TYPE: TSP',
    'DIMENSION: 4',
    `EDGE_WEIGHT_TYPE: ${type}`,
    'NODE_COORD_SECTION',
    '1 0 0',
    `2 ${side} 0`,
    `3 ${side} ${side}`,
    `4 0 ${side}`,
    'EOF',
  ].join('\n');
}

describe('TSP distances past 32 bits', () => {
  it('gives the exact length of a square of side 3e9', () => {
    const problem = tspProblemFromInstance(parseTsplib(square('3000000000'), 'square.tsp'));
    expect(problem.evaluate([0, 1, 2, 3])).toBe(12_000_000_000);
    // The diagonal is 3e9 * sqrt(2) rounded: 4242640687.
    expect(problem.evaluate([0, 2, 1, 3])).toBe(2 * 3_000_000_000 + 2 * 4_242_640_687);
    const moves = problem.moves;
    expect(moves?.twoOpt?.([0, 2, 1, 3], 0, 2)).toBe(12_000_000_000 - (6e9 + 2 * 4_242_640_687));
  });

  it('keeps Manhattan and maximum distances exact too', () => {
    const manhattan = tspProblemFromInstance(parseTsplib(square('3000000000', 'MAN_2D'), 'm.tsp'));
    expect(manhattan.evaluate([0, 2, 1, 3])).toBe(2 * 3e9 + 2 * 6e9);
  });

  it('refuses coordinates of 1e308 with the file and the line of the coordinates', () => {
    expect(() => parseTsplib(square('1e308'), 'huge.tsp')).toThrow(DataFileError);
    expect(() => parseTsplib(square('1e308'), 'huge.tsp')).toThrow(
      /^huge\.tsp:5: the coordinates span too far for exact tour lengths: .* longer than a double can hold/,
    );
  });

  it('refuses a square whose tours would pass 2^53', () => {
    expect(() => parseTsplib(square('1e16'), 'wide.tsp')).toThrow(/about 5\.66e\+16.*2\^53 - 1/);
  });

  it('refuses infinite coordinates', () => {
    expect(() => parseTsplib(square('1e309'), 'inf.tsp')).toThrow(
      /inf\.tsp:7: coordinates must be finite numbers/,
    );
  });
});
