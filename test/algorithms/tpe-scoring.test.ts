// The TPE's scoring of candidates against a Parzen estimator: one pass per coordinate over all
// candidates and components gives, bit for bit, the log densities of a point-by-point evaluation.
import { describe, expect, it } from 'vitest';
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
