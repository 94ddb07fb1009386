// The TPE's scoring of candidates against a Parzen estimator: one pass per coordinate over all
// candidates and components gives, bit for bit, the log densities of a point-by-point evaluation;
// and the choice among the draws, which skips the draws that cannot win, is the plain argmax.
import { describe, expect, it } from 'vitest';
import { bestDraw } from '../../src/algorithms/tpe/best-draw.js';
import { expNonPositive } from '../../src/algorithms/tpe/bounded-exp.js';
import type { Coordinate } from '../../src/algorithms/tpe/coordinates.js';
import { buildParzenEstimator, type ParzenEstimator } from '../../src/algorithms/tpe/parzen.js';
import { logParzenDensities } from '../../src/algorithms/tpe/parzen-density.js';
import { createRng } from '../../src/core/rng.js';

const numeric: Coordinate = { kind: 'numeric', low: -5, high: 5 };
const categorical = (count: number): Coordinate => ({
  kind: 'categorical',
  count,
  encode: (i) => (i + 0.5) / count,
  decode: (u) => Math.min(count - 1, Math.floor(u * count)),
});

// One point at a time, component by component, coordinate by coordinate: the definition.
function pointByPoint(estimator: ParzenEstimator, point: readonly number[]): number {
  const { numeric: numbers, categorical: choices, components } = estimator;
  const N = numbers.length;
  const C = choices.length;
  const shared = estimator.sharedWidths && N > 0 ? components - 1 : 0;
  const terms: number[] = [];
  for (let k = 0; k < components; k++) {
    let log = estimator.constants[k]!;
    for (let j = 0; j < N; j++) {
      const x = point[numbers[j]!]!;
      const z =
        k < shared
          ? x * estimator.inverseWidths[j]! - estimator.scaledMeans[j * components + k]!
          : (x - estimator.means[k * N + j]!) * estimator.inverseWidths[k * N + j]!;
      log -= z * z;
    }
    if (C > 0 && estimator.choices[k * C]! < 0) {
      let prior = 0;
      for (let j = 0; j < C; j++) prior -= Math.log(estimator.counts[j]!);
      log += prior;
    } else {
      for (let j = 0; j < C; j++) {
        log +=
          point[choices[j]!] === estimator.choices[k * C + j]
            ? estimator.logObserved[j]!
            : estimator.logOther[j]!;
      }
    }
    terms.push(log);
  }
  const top = Math.max(...terms);
  let sum = 0;
  for (const term of terms) sum += expNonPositive(term - top);
  return top + Math.log(sum);
}

describe('scoring candidates against a Parzen estimator', () => {
  const cases = [
    { name: '10 reals', coordinates: Array.from({ length: 10 }, () => numeric) },
    { name: '3 reals (an odd count)', coordinates: [numeric, numeric, numeric] },
    {
      name: 'reals and categoricals',
      coordinates: [categorical(4), numeric, numeric, categorical(3), numeric, categorical(2)],
    },
    { name: 'categoricals only', coordinates: [categorical(4), categorical(3)] },
  ];
  for (const { name, coordinates } of cases) {
    for (const bandwidth of ['multivariate', 'univariate'] as const) {
      for (const count of [0, 1, 7, 60]) {
        it(`equals a point-by-point evaluation bit for bit (${name}, ${bandwidth}, ${count} points)`, () => {
          const rng = createRng(`${name}-${bandwidth}-${count}`);
          const dimensions = coordinates.map((_, d) => d);
          const draw = (): number[] =>
            coordinates.map((c) =>
              c.kind === 'numeric' ? c.low + (c.high - c.low) * rng.next() : rng.next(),
            );
          const points = Array.from({ length: count }, draw);
          const estimator = buildParzenEstimator(points, dimensions, coordinates, bandwidth, 1);
          // Candidates as the TPE scores them: categorical coordinates as choice indices.
          const candidates = Array.from({ length: 24 }, () =>
            coordinates.map((c) =>
              c.kind === 'numeric' ? c.low + (c.high - c.low) * rng.next() : rng.int(c.count),
            ),
          );
          const scores = new Float64Array(candidates.length);
          logParzenDensities(estimator, candidates, scores);
          candidates.forEach((candidate, i) => {
            expect(Number.isFinite(scores[i])).toBe(true);
            expect(scores[i]).toBe(pointByPoint(estimator, candidate));
          });
        });
      }
    }
  }
});

describe('choosing among the draws', () => {
  // Every draw scored, the first of the largest scores kept: the rule bestDraw must reproduce.
  function plainArgmax(l: ParzenEstimator, g: ParzenEstimator, draws: number[][]): number {
    const good = new Float64Array(draws.length);
    const rest = new Float64Array(draws.length);
    logParzenDensities(l, draws, good);
    logParzenDensities(g, draws, rest);
    let chosen = 0;
    for (let c = 1; c < draws.length; c++) {
      if (good[c]! - rest[c]! > good[chosen]! - rest[chosen]!) chosen = c;
    }
    return chosen;
  }

  const coordinates = [numeric, categorical(3), numeric, numeric];
  const dimensions = coordinates.map((_, d) => d);

  it('picks the draw that scoring every draw picks, over 300 random studies', () => {
    const rng = createRng('best draw');
    const point = (): number[] =>
      coordinates.map((c) =>
        c.kind === 'numeric' ? c.low + (c.high - c.low) * rng.next() : rng.next(),
      );
    for (let study = 0; study < 300; study++) {
      const bandwidth = study % 2 === 0 ? 'multivariate' : 'univariate';
      const good = Array.from({ length: 1 + rng.int(12) }, point);
      const rest = Array.from({ length: rng.int(400) }, point);
      const l = buildParzenEstimator(good, dimensions, coordinates, bandwidth, 1);
      const g = buildParzenEstimator(rest, dimensions, coordinates, bandwidth, 1);
      // Draws near the good points, as the TPE's come from l, and a few anywhere.
      const draws = Array.from({ length: 1 + rng.int(30) }, (_, k) =>
        coordinates.map((c, d) => {
          if (c.kind !== 'numeric') return rng.int(c.count);
          const near = (good[k % good.length] as number[])[d]! + rng.normal(0, 0.5);
          return k % 5 === 4 ? c.low + (c.high - c.low) * rng.next() : near;
        }),
      );
      expect(bestDraw(l, g, draws)).toBe(plainArgmax(l, g, draws));
    }
  });

  it('keeps the first of equal draws', () => {
    const rng = createRng('equal draws');
    const point = (): number[] => [rng.next() * 10 - 5, rng.next(), rng.next() * 10 - 5, 0];
    const goodPoints = [point(), point()];
    const l = buildParzenEstimator(goodPoints, dimensions, coordinates, 'multivariate', 1);
    const rest = Array.from({ length: 50 }, point);
    const g = buildParzenEstimator(rest, dimensions, coordinates, 'multivariate', 1);
    const same = [0.5, 1, -0.25, 0];
    const draws = Array.from({ length: 6 }, () => same.slice());
    expect(bestDraw(l, g, draws)).toBe(0);
    // A good point itself, among the equal draws, scores higher and is found after them.
    const [x0, u, x2, x3] = goodPoints[0] as number[];
    const better = [...draws, [x0!, Math.min(2, Math.floor(u! * 3)), x2!, x3!]];
    expect(plainArgmax(l, g, better)).toBe(6);
    expect(bestDraw(l, g, better)).toBe(6);
  });
});
