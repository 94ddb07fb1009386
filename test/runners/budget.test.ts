// budgetReached: each limit of a budget, the order in which they are checked, targets in the
// user's terms when maximizing; the budget shared by minimize() and the study loop.
import { describe, expect, it } from 'vitest';
import { budgetFraction, budgetReached, type BudgetUse } from '../../src/runners/budget.js';

const fresh: BudgetUse = { evaluations: 0, elapsedMs: 0, bestValue: Infinity, sinceImprovement: 0 };

describe('budgetReached', () => {
  it.each([
    ['evaluations', { evaluations: 10 }, { evaluations: 10 }, { evaluations: 9 }],
    ['seconds', { seconds: 2 }, { elapsedMs: 2000 }, { elapsedMs: 1999 }],
    ['target', { target: 1 }, { bestValue: 1 }, { bestValue: 1.5 }],
    ['stagnation', { stagnation: 5 }, { sinceImprovement: 5 }, { sinceImprovement: 4 }],
    ['epochs', { epochs: 30 }, { epochs: 30 }, { epochs: 29.5 }],
  ] as const)('stops on %s at the limit, not below it', (reason, budget, at, below) => {
    expect(budgetReached(budget, { ...fresh, ...at }, 1)).toBe(reason);
    expect(budgetReached(budget, { ...fresh, ...below }, 1)).toBeUndefined();
  });

  it('checks target, evaluations, seconds, stagnation, then epochs', () => {
    const budget = { target: 0, evaluations: 1, seconds: 1, stagnation: 1, epochs: 1 };
    const all: BudgetUse = {
      evaluations: 1,
      elapsedMs: 1000,
      bestValue: 0,
      sinceImprovement: 1,
      epochs: 1,
    };
    expect(budgetReached(budget, all, 1)).toBe('target');
    expect(budgetReached(budget, { ...all, bestValue: 1 }, 1)).toBe('evaluations');
    expect(budgetReached(budget, { ...all, bestValue: 1, evaluations: 0 }, 1)).toBe('seconds');
    const early = { ...all, bestValue: 1, evaluations: 0, elapsedMs: 0 };
    expect(budgetReached(budget, early, 1)).toBe('stagnation');
    expect(budgetReached(budget, { ...early, sinceImprovement: 0 }, 1)).toBe('epochs');
    expect(budgetReached(budget, { ...early, sinceImprovement: 0, epochs: 0 }, 1)).toBeUndefined();
  });

  it('reads the target in minimized terms when maximizing, and ignores epochs not measured', () => {
    // Maximizing to 5: a best of 6 is -6 in minimized terms.
    expect(budgetReached({ target: 5 }, { ...fresh, bestValue: -6 }, -1)).toBe('target');
    expect(budgetReached({ target: 5 }, { ...fresh, bestValue: -4 }, -1)).toBeUndefined();
    expect(budgetReached({ epochs: 1 }, fresh, 1)).toBeUndefined();
  });
});

describe('budgetFraction', () => {
  it('is the larger of the evaluation and time shares, at most 1, undefined without either', () => {
    expect(budgetFraction({ evaluations: 100 }, 25, 9_000_000)).toBe(0.25);
    expect(budgetFraction({ seconds: 10 }, 99_999, 2500)).toBe(0.25);
    // Both bounds: whichever stops the run first sets the share (a run and a study agree).
    expect(budgetFraction({ evaluations: 100, seconds: 10 }, 25, 5000)).toBe(0.5);
    expect(budgetFraction({ evaluations: 100, seconds: 10 }, 75, 5000)).toBe(0.75);
    expect(budgetFraction({ evaluations: 100 }, 130, 0)).toBe(1);
    expect(budgetFraction({ target: 0, stagnation: 50 }, 10, 1000)).toBeUndefined();
  });
});
