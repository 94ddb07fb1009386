// Hypervolume: the 2-D sweep on a dense ZDT1 front, the 3-D sweep and WFG against
// inclusion-exclusion and against each other on random sets in 3 to 5 objectives, a dense DTLZ2
// front, and the input checks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hypervolume } from '../../src/multi-objective/hypervolume.js';
import { hypervolume2d } from '../../src/multi-objective/hypervolume-2d.js';
import { hypervolume3d } from '../../src/multi-objective/hypervolume-3d.js';
import { hypervolumeWfg } from '../../src/multi-objective/hypervolume-wfg.js';

// The union of the boxes [p, r] by inclusion-exclusion over every non-empty subset.
function inclusionExclusion(points: readonly number[][], reference: readonly number[]): number {
  let total = 0;
  const n = points.length;
  for (let mask = 1; mask < 1 << n; mask++) {
    const corner = reference.map(() => -Infinity);
    let size = 0;
    for (let i = 0; i < n; i++) {
      if ((mask & (1 << i)) === 0) continue;
      size++;
      (points[i] as number[]).forEach((v, j) => {
        corner[j] = Math.max(corner[j] as number, v);
      });
    }
    const volume = reference.reduce(
      (product, r, j) => product * Math.max(0, r - (corner[j] as number)),
      1,
    );
    total += size % 2 === 1 ? volume : -volume;
  }
  return total;
}

describe('hypervolume2d', () => {
  it('equals 0.87666 on a 100,001-point ZDT1 front with reference (1.1, 1.1)', () => {
    const n = 100_001;
    const front = Array.from({ length: n }, (_, i) => {
      const f1 = i / (n - 1);
      return [f1, 1 - Math.sqrt(f1)];
    });
    // Exact: 1.1 * 1.1 - integral of (1 - sqrt(f1)) over [0, 1] - 0 = 1.21 - 1/3.
    expect(Math.abs(hypervolume2d(front, [1.1, 1.1]) - (1.21 - 1 / 3))).toBeLessThan(1e-5);
    expect(hypervolume(front, [1.1, 1.1])).toBeCloseTo(0.87666, 5);
  });

  it('ignores dominated points and points beyond the reference', () => {
    expect(
      hypervolume2d(
        [
          [1, 1],
          [2, 2],
          [0.5, 3],
          [3, 0.5],
        ],
        [2, 2],
      ),
    ).toBe(1);
  });
});

// The hypervolume in 4 or more objectives by slices along the last one, each slice's volume from
// WFG called on three objectives, which slices down to the 2-D sweep without the 3-D one.
function slicedWfg(points: readonly number[][], reference: readonly number[]): number {
  const m = reference.length;
  if (m === 3) return hypervolumeWfg(points, reference);
  const last = m - 1;
  const inside = points.filter((p) => p.every((v, j) => v < (reference[j] as number)));
  const levels = [...new Set(inside.map((p) => p[last] as number))].sort((a, b) => a - b);
  let volume = 0;
  levels.forEach((level, k) => {
    const top = k + 1 < levels.length ? (levels[k + 1] as number) : (reference[last] as number);
    const slice = inside.filter((p) => (p[last] as number) <= level).map((p) => p.slice(0, last));
    volume += slicedWfg(slice, reference.slice(0, last)) * (top - level);
  });
  return volume;
}

// Coordinates spread evenly over [-0.2, 1.2] (fc.double favours values near 0 and the bounds),
// so that against a reference of 1 many points are outside it in one objective only.
const coordinate = fc.integer({ min: 0, max: 1_000_000 }).map((v) => -0.2 + (1.4 * v) / 1_000_000);

// Sets of points on a small integer grid around the reference (every coordinate in 0..5 against
// 4): copies of a point, ties in each coordinate, dominated points and points on or beyond the
// reference in some coordinate are all common.
function gridPoints(objectives: number, maxLength: number): fc.Arbitrary<number[][]> {
  return fc.array(
    fc.array(fc.integer({ min: 0, max: 5 }), { minLength: objectives, maxLength: objectives }),
    { maxLength },
  );
}

describe('hypervolume3d', () => {
  it('equals inclusion-exclusion and WFG on random sets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(coordinate, { minLength: 3, maxLength: 3 }), { maxLength: 10 }),
        (points) => {
          const reference = [1, 1, 1];
          const exact = inclusionExclusion(points, reference);
          expect(hypervolume3d(points, reference)).toBeCloseTo(exact, 12);
          expect(hypervolume3d(points, reference)).toBeCloseTo(
            hypervolumeWfg(points, reference),
            12,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('equals inclusion-exclusion with copies, ties and points on or beyond the reference', () => {
    fc.assert(
      fc.property(gridPoints(3, 12), (points) => {
        const reference = [4, 4, 4];
        const exact = inclusionExclusion(points, reference);
        expect(hypervolume3d(points, reference)).toBe(exact);
        expect(hypervolume(points, reference)).toBe(exact);
        expect(hypervolumeWfg(points, reference)).toBe(exact);
      }),
      { numRuns: 200 },
    );
  });

  it('equals WFG on larger sets with copies and ties, whatever their order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .array(fc.integer({ min: 0, max: 20 }), { minLength: 3, maxLength: 3 })
            .map((p) => p.map((v) => v / 16)),
          { maxLength: 120 },
        ),
        (points) => {
          const reference = [1.25, 1, 1.125];
          const exact = hypervolumeWfg(points, reference);
          expect(hypervolume3d(points, reference)).toBeCloseTo(exact, 12);
          expect(hypervolume3d([...points].reverse(), reference)).toBeCloseTo(exact, 12);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is 0 for no points and for points outside the reference, and a box for one point', () => {
    expect(hypervolume3d([], [1, 1, 1])).toBe(0);
    expect(
      hypervolume3d(
        [
          [1, 0, 0],
          [0, 2, 0],
          [0, 0, Infinity],
        ],
        [1, 1, 1],
      ),
    ).toBe(0);
    expect(hypervolume3d([[0.5, 0.25, 0]], [1, 1, 1])).toBe(0.375);
    expect(hypervolume3d([[-Infinity, 0, 0]], [1, 1, 1])).toBe(Infinity);
  });

  it('equals WFG on a 441-point DTLZ2 grid', () => {
    const front: number[][] = [];
    for (let i = 0; i <= 20; i++) {
      for (let j = 0; j <= 20; j++) {
        const a = ((Math.PI / 2) * i) / 20;
        const b = ((Math.PI / 2) * j) / 20;
        front.push([Math.cos(a) * Math.cos(b), Math.cos(a) * Math.sin(b), Math.sin(a)]);
      }
    }
    expect(hypervolume3d(front, [1.1, 1.1, 1.1])).toBeCloseTo(
      hypervolumeWfg(front, [1.1, 1.1, 1.1]),
      12,
    );
  });
});

describe('hypervolumeWfg', () => {
  for (const objectives of [3, 4, 5]) {
    it(`equals inclusion-exclusion on random sets in ${objectives} objectives`, () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.array(fc.double({ min: 0, max: 1.2, noNaN: true }), {
              minLength: objectives,
              maxLength: objectives,
            }),
            { maxLength: 10 },
          ),
          (points) => {
            const reference = new Array<number>(objectives).fill(1);
            const exact = inclusionExclusion(points, reference);
            expect(hypervolumeWfg(points, reference)).toBeCloseTo(exact, 12);
            expect(hypervolume(points, reference)).toBeCloseTo(exact, 12);
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('handles duplicates and ties on an integer grid', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }), {
          maxLength: 12,
        }),
        (points) => {
          const reference = [4, 4, 4, 4];
          expect(hypervolumeWfg(points, reference)).toBeCloseTo(
            inclusionExclusion(points, reference),
            9,
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  for (const objectives of [4, 5]) {
    it(`equals WFG sliced down to three objectives in ${objectives} objectives`, () => {
      fc.assert(
        fc.property(gridPoints(objectives, 25), (points) => {
          const reference = new Array<number>(objectives).fill(4);
          expect(hypervolumeWfg(points, reference)).toBe(slicedWfg(points, reference));
          expect(hypervolume(points, reference)).toBe(slicedWfg(points, reference));
        }),
        { numRuns: 60 },
      );
      fc.assert(
        fc.property(
          fc.array(fc.array(coordinate, { minLength: objectives, maxLength: objectives }), {
            maxLength: 25,
          }),
          (points) => {
            const reference = new Array<number>(objectives).fill(1);
            expect(hypervolumeWfg(points, reference)).toBeCloseTo(slicedWfg(points, reference), 12);
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('agrees with the 2-D sweep in two objectives', () => {
    const points = [
      [0.1, 0.9],
      [0.5, 0.5],
      [0.9, 0.1],
      [0.6, 0.6],
    ];
    expect(hypervolumeWfg(points, [1, 1])).toBeCloseTo(hypervolume2d(points, [1, 1]), 15);
  });

  it('approaches 1.331 - pi/6 from below on denser DTLZ2 fronts with reference 1.1', () => {
    const grid = (steps: number): number[][] => {
      const front: number[][] = [];
      for (let i = 0; i <= steps; i++) {
        for (let j = 0; j <= steps; j++) {
          const a = ((Math.PI / 2) * i) / steps;
          const b = ((Math.PI / 2) * j) / steps;
          front.push([Math.cos(a) * Math.cos(b), Math.cos(a) * Math.sin(b), Math.sin(a)]);
        }
      }
      return front;
    };
    const exact = 1.331 - Math.PI / 6;
    const coarse = exact - hypervolume(grid(10), [1.1, 1.1, 1.1]);
    const fine = exact - hypervolume(grid(20), [1.1, 1.1, 1.1]);
    // A finite set dominates less than the octant; the gap halves with the grid's spacing.
    expect(coarse).toBeGreaterThan(0);
    expect(fine).toBeGreaterThan(0);
    expect(fine / coarse).toBeGreaterThan(0.4);
    expect(fine / coarse).toBeLessThan(0.6);
    expect(fine).toBeLessThan(0.05);
  });
});

describe('hypervolume', () => {
  it('says which point does not fit the reference', () => {
    expect(() =>
      hypervolume(
        [
          [1, 2],
          [1, 2, 3],
        ],
        [3, 3],
      ),
    ).toThrow('hypervolume: points[1] must hold 2 numbers like the reference (got [1,2,3])');
  });

  it('checks three-objective points as before', () => {
    expect(() =>
      hypervolume(
        [
          [0, 0, 0],
          [0, Number.NaN, 0],
        ],
        [1, 1, 1],
      ),
    ).toThrow('hypervolume: points[1] must hold 3 numbers like the reference (got [0,NaN,0])');
    expect(() => hypervolume([[0, 0]], [1, 1, 1])).toThrow(
      'hypervolume: points[0] must hold 3 numbers like the reference (got [0,0])',
    );
  });
});
