// The pruning board: questions a pruner answers with `wait` are answered once the earlier
// trials they wait for report or end, in trial order.
import { describe, expect, it } from 'vitest';
import { PruningBoard } from '../../src/runners/study-pruning.js';
import {
  SUCCESSIVE_HALVING_DEFAULTS,
  successiveHalvingPruner,
} from '../../src/runners/pruners/successive-halving.js';

const asha = successiveHalvingPruner({
  ...SUCCESSIVE_HALVING_DEFAULTS,
  minResource: 1,
  maxResource: 9,
});

// Whether a promise has settled, and how, after the current microtasks.
async function state(promise: Promise<boolean>): Promise<boolean | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((r) => setTimeout(() => r('pending'), 0))]);
}

// Trials 0 and 1 running; trial 1 reports 0.5 at step 1 and asks whether to stop: the question
// waits for trial 0 at that rung.
async function waitingQuestion() {
  const board = new PruningBoard(asha);
  board.start(0, 0);
  board.start(1, 0);
  board.report(1, 1, 0.5);
  const question = board.shouldPrune(1, 1);
  expect(await state(question)).toBe('pending');
  return { board, question };
}

describe('PruningBoard', () => {
  it('answers a waiting question once the earlier trial reaches the rung', async () => {
    const { board, question } = await waitingQuestion();
    board.report(0, 1, 0.2);
    // 0.5 against [0.2, 0.5]: fewer than 3, only the best continues.
    expect(await question).toBe(true);
  });

  it('answers a waiting question once the earlier trial ends below the rung', async () => {
    const { board, question } = await waitingQuestion();
    board.finish(0, 'failed');
    expect(await question).toBe(false);
  });

  it('answers "continue" to the question of a trial that ends while waiting', async () => {
    const { board, question } = await waitingQuestion();
    board.finish(1, 'failed');
    expect(await question).toBe(false);
    expect(await board.shouldPrune(1, 1)).toBe(false);
  });

  it('never asks without a pruner', async () => {
    const board = new PruningBoard(undefined);
    board.start(0, 0);
    expect(board.prunes).toBe(false);
    expect(await board.shouldPrune(0, 1)).toBe(false);
  });
});
