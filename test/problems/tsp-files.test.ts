// The TSPLIB readers: header spellings, number notations, every explicit weight format, the
// distance rules, tour files, and DataFileErrors naming the file and line of malformed input.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTwoOpt } from '../../src/algorithms/operators/permutation.js';
import { DataFileError } from '../../src/core/errors.js';
import { parseTour, readTour } from '../../src/problems/tsp/tour-file.js';
import { tspProblemFromInstance } from '../../src/problems/tsp/problem.js';
import { MATRIX_LIMIT, type TspInstance } from '../../src/problems/tsp/tsp-instance.js';
import { parseTsplib, readTsplib } from '../../src/problems/tsp/tsplib.js';

const fixtures = new URL('../fixtures/malformed/', import.meta.url).pathname;

const matrixOf = (instance: TspInstance): number[][] =>
  Array.from({ length: instance.dimension }, (_, a) =>
    Array.from({ length: instance.dimension }, (_, b) => instance.distance(a, b)),
  );

/** The error a call throws (failing the test when it throws none). */
function caught(run: () => unknown): DataFileError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    return error as DataFileError;
  }
  throw new Error('expected a DataFileError');
}

describe('TSPLIB header and coordinates', () => {
  it('reads KEY: v and KEY : v, decimals, exponents, leading spaces and a missing EOF', () => {
    const text = [
      'NAME: tiny',
      'COMMENT : four points',
      'TYPE :TSP',
      'DIMENSION:   4',
      'EDGE_WEIGHT_TYPE : EUC_2D',
      'NODE_COORD_SECTION',
      '  1 0 0',
      '2 3.0e+00 4',
      '3 6.5 4.0',
      '4 0.000 1e1',
    ].join('\r\n');
    const instance = parseTsplib(text, 'tiny.tsp');
    expect(instance.name).toBe('tiny');
    expect(instance.comment).toBe('four points');
    expect(instance.dimension).toBe(4);
    // nint per edge: |(0,0)-(6.5,4)| = 7.63 -> 8, |(3,4)-(6.5,4)| = 3.5 -> 4 (half up).
    expect(matrixOf(instance)).toEqual([
      [0, 5, 8, 10],
      [5, 0, 4, 7],
      [8, 4, 0, 9],
      [10, 7, 9, 0],
    ]);
  });

  it('applies the CEIL_2D, ATT, MAN_2D, MAX_2D and EUC_3D rules', () => {
    const make = (type: string, coordinates: string[]): TspInstance =>
      parseTsplib(
        [
          `DIMENSION : ${coordinates.length}`,
          `EDGE_WEIGHT_TYPE : ${type}`,
          'NODE_COORD_SECTION',
          ...coordinates.map((c, k) => `${k + 1} ${c}`),
        ].join('\n'),
        `${type}.tsp`,
      );
    const points = ['0 0', '3 4', '1 1'];
    expect(make('CEIL_2D', points).distance(0, 2)).toBe(2); // sqrt 2 = 1.41 -> 2
    expect(make('MAN_2D', points).distance(1, 2)).toBe(5); // 2 + 3
    expect(make('MAX_2D', points).distance(0, 1)).toBe(4);
    // ATT: r = sqrt(25 / 10) = 1.58, nint 2 >= r -> 2; r = sqrt(2 / 10) = 0.45, nint 0 < r -> 1.
    expect(make('ATT', points).distance(0, 1)).toBe(2);
    expect(make('ATT', points).distance(0, 2)).toBe(1);
    expect(make('EUC_3D', ['0 0 0', '2 3 6', '1 1 1']).distance(0, 1)).toBe(7);
  });

  it('GEO truncates degrees toward zero (ulysses16 cities 1 and 2)', () => {
    const instance = readTsplib(
      new URL('../../data/tsplib/ulysses16.tsp', import.meta.url).pathname,
    );
    expect(instance.edgeWeightType).toBe('GEO');
    // 38.24 20.42 and 39.57 26.15: the TSPLIB rule gives 509 km.
    expect(instance.distance(0, 1)).toBe(509);
    expect(instance.distance(1, 0)).toBe(509);
  });
});

describe('TSPLIB explicit weights', () => {
  const full = [
    [0, 3, 5, 9],
    [3, 0, 4, 7],
    [5, 4, 0, 2],
    [9, 7, 2, 0],
  ];
  const upper = [3, 5, 9, 4, 7, 2];
  const lower = [3, 5, 4, 9, 7, 2];
  const upperDiag = [0, 3, 5, 9, 0, 4, 7, 0, 2, 0];
  const lowerDiag = [0, 3, 0, 5, 4, 0, 9, 7, 2, 0];
  const formats: [string, number[]][] = [
    ['FULL_MATRIX', full.flat()],
    ['UPPER_ROW', upper],
    ['LOWER_ROW', lower],
    ['UPPER_DIAG_ROW', upperDiag],
    ['LOWER_DIAG_ROW', lowerDiag],
    ['UPPER_COL', lower],
    ['LOWER_COL', upper],
    ['UPPER_DIAG_COL', lowerDiag],
    ['LOWER_DIAG_COL', upperDiag],
  ];

  it.each(formats)('%s reads as a token stream into the symmetric matrix', (format, weights) => {
    // Line breaks fall anywhere: three weights per line, whatever the rows.
    const lines: string[] = [];
    for (let k = 0; k < weights.length; k += 3) lines.push(weights.slice(k, k + 3).join(' '));
    const text = [
      'NAME : four',
      'TYPE : TSP',
      'DIMENSION : 4',
      'EDGE_WEIGHT_TYPE : EXPLICIT',
      `EDGE_WEIGHT_FORMAT : ${format}`,
      'DISPLAY_DATA_TYPE : TWOD_DISPLAY',
      'EDGE_WEIGHT_SECTION',
      ...lines,
      'DISPLAY_DATA_SECTION',
      '1 0 0',
      '2 1 1',
      '3 2 2',
      '4 3 3',
      'EOF',
    ].join('\n');
    const instance = parseTsplib(text, 'four.tsp');
    expect(matrixOf(instance)).toEqual(full);
    expect(instance.edgeWeightFormat).toBe(format);
  });

  it('refuses an asymmetric FULL_MATRIX', () => {
    const text =
      'DIMENSION : 3\nEDGE_WEIGHT_TYPE : EXPLICIT\nEDGE_WEIGHT_FORMAT : FULL_MATRIX\nEDGE_WEIGHT_SECTION\n0 1 2\n1 0 3\n2 4 0\nEOF\n';
    const error = caught(() => parseTsplib(text, 'asym.tsp'));
    expect(error.line).toBe(4);
    expect(error.message).toMatch(
      /w\(2, 3\) = 3 and w\(3, 2\) = 4 \(asymmetric instances are not supported\)/,
    );
  });
});

describe('TSPLIB tour files', () => {
  it('reads ids one per line or many per line, with or without -1 and EOF', () => {
    const expected = { comment: '', tour: [0, 2, 1, 3] };
    expect(parseTour('TOUR_SECTION\n1 3 2 4\n-1\nEOF\n', 'a.tour')).toEqual(expected);
    expect(parseTour('DIMENSION : 4\nTOUR_SECTION\n1\n3\n2\n4\n-1\n', 'b.tour')).toEqual(expected);
    expect(parseTour('NAME: c\nTOUR_SECTION\n1 3\n2 4', 'c.tour')).toEqual({
      ...expected,
      name: 'c',
    });
  });

  it('reads the shipped a280 tour, which has no EOF', () => {
    const tour = readTour(new URL('../../data/tsplib/a280.opt.tour', import.meta.url).pathname);
    expect(tour.name).toBe('./TSPLIB/a280.tsp.optbc.tour');
    expect(tour.tour).toHaveLength(280);
  });

  it('names the line of a repeated city', () => {
    const error = caught(() => readTour(join(fixtures, 'repeated-city.opt.tour')));
    expect(error.file).toBe(join(fixtures, 'repeated-city.opt.tour'));
    expect(error.line).toBe(7);
    expect(error.message).toMatch(/:7: node 3 appears twice in the tour \(first on line 6\)/);
  });

  it('counts the ids against DIMENSION', () => {
    const error = caught(() =>
      parseTour('DIMENSION : 5\nTOUR_SECTION\n1 2 3 4\n-1\n', 'short.tour'),
    );
    expect(error.message).toMatch(/expected 5 node ids \(DIMENSION\) in TOUR_SECTION, found 4/);
    expect(caught(() => parseTour('NAME : x\n', 'none.tour')).message).toMatch(
      /expected TOUR_SECTION/,
    );
  });
});

describe('malformed TSPLIB files', () => {
  const cases: [string, number, RegExp][] = [
    ['truncated-coordinates.tsp', 9, /expected 5 nodes 'id x y' in NODE_COORD_SECTION, found 3/],
    ['missing-dimension.tsp', 4, /expected DIMENSION before NODE_COORD_SECTION/],
    ['bad-coordinate.tsp', 8, /expected 'id x y', got '3 6 eight'/],
    [
      'short-weights.tsp',
      9,
      /expected 6 integers in EDGE_WEIGHT_SECTION \(UPPER_ROW, DIMENSION 4\), found 5/,
    ],
    [
      'missing-section.tsp',
      5,
      /expected NODE_COORD_SECTION \(EDGE_WEIGHT_TYPE ATT computes distances from coordinates\)/,
    ],
  ];

  it.each(cases)('%s: DataFileError at line %i', (name, line, message) => {
    const file = join(fixtures, name);
    const error = caught(() => readTsplib(file));
    expect(error.file).toBe(file);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${file}:${line}: `)).toBe(true);
  });

  it('names unknown keywords, unsupported types and a missing file', () => {
    expect(caught(() => parseTsplib('DIMENSON : 3\n', 'x.tsp')).message).toMatch(
      /x\.tsp:1: unknown keyword DIMENSON; .* \(did you mean DIMENSION\?\)/,
    );
    expect(caught(() => parseTsplib('TYPE : ATSP\n', 'x.tsp')).message).toMatch(
      /TYPE must be TSP \(got 'ATSP'\)/,
    );
    expect(
      caught(() => parseTsplib('DIMENSION : 3\nEDGE_WEIGHT_TYPE : XRAY1\n', 'x.tsp')).line,
    ).toBe(2);
    expect(
      caught(() =>
        parseTsplib(
          'DIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 0 1\n3 1 1\n4 1 2\n',
          'x.tsp',
        ),
      ).message,
    ).toMatch(/x\.tsp:7: expected 3 nodes \(DIMENSION\) in NODE_COORD_SECTION, found more/);
    expect(
      caught(() =>
        parseTsplib(
          'DIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n1 0 1\n3 1 1\n',
          'x.tsp',
        ),
      ).message,
    ).toMatch(/x\.tsp:5: node 1 is listed twice \(first on line 4\)/);
    expect(caught(() => readTsplib(join(fixtures, 'absent.tsp'))).message).toMatch(
      /absent\.tsp: cannot read the file \(no such file\)/,
    );
  });
});

describe('large coordinate instances', () => {
  it(`compute distances on demand above ${MATRIX_LIMIT} cities, with the same tour lengths and deltas`, () => {
    const n = MATRIX_LIMIT + 3;
    // Cities on a 70-wide grid with a little jitter, visited row by row.
    const lines = Array.from(
      { length: n },
      (_, k) => `${k + 1} ${(k % 70) * 10 + (k % 3)} ${Math.floor(k / 70) * 10}`,
    );
    const text = [
      `DIMENSION : ${n}`,
      'EDGE_WEIGHT_TYPE : EUC_2D',
      'NODE_COORD_SECTION',
      ...lines,
    ].join('\n');
    const instance = parseTsplib(text, 'grid.tsp');
    expect(instance.matrix).toBeUndefined();
    const problem = tspProblemFromInstance(instance);
    const tour = Array.from({ length: n }, (_, k) => k);
    let expected = 0;
    for (let k = 0; k < n; k++)
      expected += instance.distance(tour[k] as number, tour[(k + 1) % n] as number);
    expect(problem.evaluate(tour)).toBe(expected);
    for (const [i, j] of [
      [0, 5],
      [17, n - 40],
      [100, n - 1],
    ] as const) {
      const moved = applyTwoOpt(tour.slice(), i, j);
      expect(problem.moves?.twoOpt?.(tour, i, j)).toBe(
        (problem.evaluate(moved) as number) - expected,
      );
    }
  });
});
