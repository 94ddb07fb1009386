// The message port between a trial running on a worker thread and the study: the worker side
// builds the `trial` object an objective receives (reports are posted as they happen, pruning
// questions wait for the study's answer); the study side listens and answers.
import type { MessagePort } from 'node:worker_threads';
import { reportProblem, type Trial } from '../core/trial.js';

/** What a trial's worker posts. */
export type TrialMessage =
  | { type: 'report'; step: number; value: number }
  | { type: 'should-prune'; id: number; step: number };

/** What the study answers to a `should-prune` message. */
export interface TrialAnswer {
  id: number;
  prune: boolean;
}

/** The trial part of an evaluate task. */
export interface TrialTask {
  /** 1-based trial number. */
  number: number;
  port: MessagePort;
  /** False when the study has no pruner: shouldPrune() answers false without asking. */
  pruning: boolean;
}

/** The worker-side trial: keeps its reports (the first per step) and relays them to the study. */
export function remoteTrial(task: TrialTask): Trial & { reports: [number, number][] } {
  const reports: [number, number][] = [];
  const steps = new Set<number>();
  const answers = new Map<number, (prune: boolean) => void>();
  let nextId = 0;
  let lastStep: number | undefined;
  task.port.on('message', (answer: TrialAnswer) => {
    answers.get(answer.id)?.(answer.prune);
    answers.delete(answer.id);
  });
  // The port must not keep the worker's event loop alive between questions.
  task.port.unref();
  return {
    number: task.number,
    reports,
    report(value: number, step: number): void {
      const problem = reportProblem(value, step);
      if (problem !== undefined) throw new Error(problem);
      if (steps.has(step)) return;
      steps.add(step);
      reports.push([step, value]);
      lastStep = step;
      task.port.postMessage({ type: 'report', step, value } satisfies TrialMessage);
    },
    shouldPrune(): Promise<boolean> {
      if (!task.pruning || lastStep === undefined) return Promise.resolve(false);
      const id = nextId++;
      const step = lastStep;
      return new Promise<boolean>((resolve) => {
        answers.set(id, resolve);
        task.port.ref();
        task.port.postMessage({ type: 'should-prune', id, step } satisfies TrialMessage);
      }).finally(() => {
        if (answers.size === 0) task.port.unref();
      });
    },
  };
}
