// The multi-objective TPE's good group, remembered from call to call (the same observations, or
// more of them), equals one made afresh.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  multiObjectiveGoodGroup,
  type MultiObjectiveObservation,
} from '../../src/algorithms/motpe/good-group.js';
import { observation } from '../helpers/motpe.js';

describe('the good group, remembered between calls', () => {
  it('equals the group made afresh as the observations grow, one or more at a time', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 3 }),
            fc.constantFrom(0, 0, 0, 0.5, Infinity),
            fc.boolean(),
          ),
          { minLength: 1, maxLength: 60 },
        ),
        fc.constantFrom({ goodFraction: 0.3, maxGood: 8 }, { goodFraction: 0.5, maxGood: 30 }),
        (trials, options) => {
          const observations: MultiObjectiveObservation[] = [];
          for (const [values, violation, asked] of trials) {
            observations.push(observation(values, violation));
            // Not asked: the next call sees several new trials.
            if (!asked) continue;
            const group = multiObjectiveGoodGroup(observations, options);
            // Asked again with the same observations (the next candidate of a batch).
            expect(multiObjectiveGoodGroup(observations, options)).toBe(group);
            const fresh = multiObjectiveGoodGroup(observations.slice(), options);
            expect([...group.members]).toEqual([...fresh.members]);
            expect([...(group.weights ?? [])]).toEqual([...(fresh.weights ?? [])]);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is made afresh when the options change', () => {
    const observations = [
      [1, 4, 2],
      [4, 1, 3],
      [2, 2, 2],
      [3, 3, 1],
      [5, 0, 5],
    ].map((v) => observation(v));
    const small = multiObjectiveGoodGroup(observations, { goodFraction: 0.4, maxGood: 25 });
    const large = multiObjectiveGoodGroup(observations, { goodFraction: 1, maxGood: 25 });
    expect(small.members.size).toBe(2);
    expect(large.members.size).toBe(5);
  });
});
