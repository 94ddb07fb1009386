// A study's batch proposals ask no more candidates than the trials its budget has left.
import { describe, expect, it } from 'vitest';
import { cappedBatchSize, type AnySolver, type SolverContext } from '../../src/core/solver.js';
import { realSpace } from '../../src/core/spaces/real.js';
import { proposalSource } from '../../src/runners/study-proposals.js';

describe('batch proposals in a study', () => {
  it('cap a batch by the trials the evaluation budget has left', () => {
    const asked: number[] = [];
    const solver = {
      init: () => ({}),
      ask: (_state: unknown, context: SolverContext<number[]>) => {
        const size = cappedBatchSize(1e6, context);
        asked.push(size);
        return Array.from({ length: size }, (_, i) => [i]);
      },
      tell: () => undefined,
    } as unknown as AnySolver;
    const space = realSpace({ lower: [0], upper: [1] });
    const context = { space, gradients: false, budget: { evaluations: 7 } } as SolverContext<
      number[]
    >;
    const proposals = proposalSource(solver, {}, {}, context, 1);
    const trials: { params: number[] }[] = [];
    for (let k = 0; k < 7; k++) {
      const x = proposals.propose(k, trials);
      expect(x).toBeDefined();
      trials.push({ params: x as number[], status: 'complete', value: k } as never);
    }
    expect(asked).toEqual([7]);
  });
});
