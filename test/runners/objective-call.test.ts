// Multi-objective problems through the in-thread evaluator: vectors and violations arrive as
// evaluations, malformed results and throws as failures, asynchronous objectives too.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/core/problem.js';
import { realSpace } from '../../src/core/spaces/index.js';
import { inThreadEvaluator } from '../../src/runners/in-thread-evaluator.js';

function problem(asynchronous: boolean): Problem<number[]> {
  const objectives = (x: number[]) => {
    if ((x[0] as number) > 0.8) throw new Error('too far');
    if ((x[0] as number) > 0.6) return [1];
    if ((x[0] as number) > 0.4) return { values: [x[0] as number, 1], violation: 2 };
    return [x[0] as number, 1 - (x[0] as number)];
  };
  return {
    name: 'two-objectives',
    space: realSpace({ lower: [0], upper: [1] }),
    objectives: [
      { name: 'f1', direction: 'minimize' },
      { name: 'f2', direction: 'minimize' },
    ],
    evaluate: () => {
      throw new Error('not called');
    },
    evaluateObjectives: (x) => (asynchronous ? Promise.resolve(objectives(x)) : objectives(x)),
  };
}

describe('multi-objective evaluation in this thread', () => {
  for (const asynchronous of [false, true]) {
    it(`carries evaluations and failures (${asynchronous ? 'async' : 'sync'} objective)`, async () => {
      const seen: unknown[] = [];
      const outcome = await inThreadEvaluator(problem(asynchronous)).evaluate(
        [[0.25], [0.5], [0.7], [0.9]],
        {
          onResult: (i, value, error, _ms, _stack, evaluation) =>
            seen.push([i, value, error, evaluation]),
        },
      );
      expect(outcome.values.slice(0, 2)).toEqual([0, 0]);
      expect(outcome.values.slice(2).every(Number.isNaN)).toBe(true);
      expect(outcome.evaluations?.slice(0, 2)).toEqual([
        { values: [0.25, 0.75], violation: 0 },
        { values: [0.5, 1], violation: 2 },
      ]);
      expect(outcome.evaluations?.[2]).toBeUndefined();
      expect(outcome.errors?.[2]).toBe('the objective must return 2 values (got [1])');
      expect(outcome.errors?.[3]).toBe('too far');
      expect(seen[0]).toEqual([0, 0, undefined, { values: [0.25, 0.75], violation: 0 }]);
    });
  }
});
