// The steady-state de-duplication memory stays equal to the population's keys as members change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replaceKey, stepKeys } from '../../src/algorithms/genetic-algorithm/population-keys.js';

describe('population keys', () => {
  it('answers as a set of the current keys plus the step siblings', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    const steps = fc.array(fc.tuple(fc.nat(), key, key), { maxLength: 30 });
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 8 }), steps, (initial, changes) => {
        const keys: string[] = initial.slice();
        for (const [at, sibling, replacement] of changes) {
          const seen = stepKeys(keys);
          seen.add(sibling);
          for (const k of ['a', 'b', 'c', 'd', 'e'] as const)
            expect(seen.has(k)).toBe(keys.includes(k) || k === sibling);
          replaceKey(keys, at % keys.length, replacement);
        }
      }),
    );
  });
});
