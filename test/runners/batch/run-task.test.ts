// The worker's 'run' task, called in this thread: compact results, exact first-hit evaluations
// (minimizing and maximizing), gap targets, per-dimension budgets, failures as replies.
import { describe, expect, it } from 'vitest';
import { buildProblem } from '../../../src/problems/build.js';
import { handleRunTask, resolveTarget, type RunTask } from '../../../src/runners/batch/run-task.js';
import { minimize } from '../../../src/runners/minimize.js';
import handleTask from '../../../src/runners/worker.js';

const task = (overrides: Partial<RunTask>): RunTask => ({
  kind: 'run',
  problem: { type: 'sphere', dimension: 2 },
  baseDir: process.cwd(),
  solver: 'random-search',
  params: { batchSize: 8 },
  budget: { evaluations: 400 },
  seed: 3,
  target: undefined,
  stopAtTarget: false,
  tracePoints: 10,
  ...overrides,
});

// The first evaluation whose best-so-far reaches the target, found the slow way.
async function firstHit(block: Record<string, unknown>, target: number, maximizing: boolean) {
  const problem = await buildProblem(block as never, { baseDir: process.cwd() });
  let hit: number | null = null;
  let count = 0;
  await minimize(problem, 'random-search', {
    budget: { evaluations: 400 },
    params: { batchSize: 8 },
    seed: 3,
    onEvaluation: (e) => {
      count++;
      if (hit === null && (maximizing ? e.value >= target : e.value <= target)) hit = count;
    },
  });
  return hit;
}

describe('run task', () => {
  it('returns a compact result with a bounded trace', async () => {
    const reply = await handleRunTask(task({}));
    expect(reply.status).toBe('ok');
    if (reply.status !== 'ok') return;
    const { outcome } = reply;
    expect(outcome).toMatchObject({
      problemName: 'sphere-2',
      direction: 'minimize',
      evaluations: 400,
      budgetEvaluations: 400,
      stopReason: 'evaluations',
      optimum: 0,
    });
    expect(outcome.trace.length).toBeLessThanOrEqual(10);
    expect(outcome.trace[outcome.trace.length - 1]).toEqual([400, outcome.bestValue]);
    expect(outcome.target).toBeUndefined();
  });

  it('finds the exact evaluation that first reached the target', async () => {
    const reply = await handleRunTask(task({ target: { value: 0.5 } }));
    const expected = await firstHit({ type: 'sphere', dimension: 2 }, 0.5, false);
    expect(expected).not.toBeNull();
    expect(reply.status === 'ok' && reply.outcome.hitEvaluations).toBe(expected);
  });

  it('reads targets in the user terms of a maximized problem', async () => {
    const block = { type: 'sphere', dimension: 2, maximize: true };
    const reply = await handleRunTask(task({ problem: block, target: { value: 40 } }));
    const expected = await firstHit(block, 40, true);
    expect(expected).not.toBeNull();
    if (reply.status !== 'ok') throw new Error(reply.error);
    expect(reply.outcome.direction).toBe('maximize');
    expect(reply.outcome.bestValue).toBeGreaterThanOrEqual(40);
    expect(reply.outcome.hitEvaluations).toBe(expected);
    const unreachable = await handleRunTask(task({ problem: block, target: { value: 60 } }));
    expect(unreachable.status === 'ok' && unreachable.outcome.hitEvaluations).toBeNull();
  });

  it('resolves gap targets against the optimum, on the right side of it', () => {
    expect(resolveTarget({ gapPercent: 5 }, 200, 'minimize')).toBe(210);
    expect(resolveTarget({ gapPercent: 5 }, 200, 'maximize')).toBe(190);
    expect(resolveTarget({ gapPercent: 5 }, -200, 'minimize')).toBe(-190);
    expect(resolveTarget({ gapPercent: 5 }, undefined, 'minimize')).toBeUndefined();
    expect(resolveTarget({ value: 3 }, undefined, 'minimize')).toBe(3);
    expect(resolveTarget(undefined, 1, 'minimize')).toBeUndefined();
  });

  it('turns evaluations per dimension into the run budget', async () => {
    const reply = await handleRunTask(
      task({ problem: { type: 'sphere', dimension: 7 }, budget: { evaluationsPerDimension: 15 } }),
    );
    expect(reply.status === 'ok' && reply.outcome.evaluations).toBe(105);
  });

  it('replies failed with the message when the run cannot run', async () => {
    const reply = await handleRunTask(
      task({ problem: { type: 'sphere', dimension: 2, shift: [1] } }),
    );
    expect(reply).toEqual({
      status: 'failed',
      error: expect.stringMatching(/shift must hold 2 numbers/),
    });
    const unknown = await handleRunTask(task({ solver: 'no-such-solver' }));
    expect(unknown.status === 'failed' && unknown.error).toMatch(/unknown solver/);
  });

  it('is what the worker entry runs for tasks of kind "run"', async () => {
    const viaWorker = await handleTask(task({}));
    const direct = await handleRunTask(task({}));
    const strip = (r: unknown) => {
      const { outcome } = r as { outcome: { elapsedMs: number } };
      return { ...outcome, elapsedMs: 0 };
    };
    expect(strip(viaWorker)).toEqual(strip(direct));
  });
});
