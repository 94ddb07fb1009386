// The steady-state model's worst member from its heap is the member a scan would choose (the
// largest value, the first index on ties), through any sequence of replacements.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replaceWorst, worstIndex } from '../../src/algorithms/genetic-algorithm/worst-member.js';

function scannedWorst(values: readonly number[]): number {
  let worst = 0;
  for (let i = 1; i < values.length; i++) {
    if (!((values[i] as number) <= (values[worst] as number))) worst = i;
  }
  return worst;
}

// Few distinct values, so that ties are common; Infinity stands for failed evaluations.
const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(Infinity));

describe('worst member', () => {
  it('matches a scan through replacements of the worst by no larger values', () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 60 }),
        (initial, steps) => {
          const values = initial.slice();
          expect(worstIndex(values)).toBe(scannedWorst(values));
          for (const step of steps) {
            const worst = worstIndex(values);
            const top = values[worst] as number;
            // A child no worse than the worst member: equal, or lower by `step`.
            const next = step === 0 || !Number.isFinite(top) ? Math.min(top, 3 - step) : top - step;
            replaceWorst(values, next);
            expect(values[worst]).toBe(next);
            expect(worstIndex(values)).toBe(scannedWorst(values));
          }
        },
      ),
    );
  });

  it('rebuilds for a new value array (a resumed run)', () => {
    const values = [1, 5, 5, 2];
    expect(worstIndex(values)).toBe(1);
    const resumed = JSON.parse(JSON.stringify(values)) as number[];
    resumed[1] = 0;
    expect(worstIndex(resumed)).toBe(2);
  });
});
