// The study's side of pruning: every trial's intermediate values as they are reported, and the
// pruner's answers to running trials. A pruner may answer `wait` (ordered successive halving:
// an earlier trial has not reached the rung yet); the question is then asked again whenever a
// trial reports a value or ends, in trial order, so answers never depend on timing.
import type { Pruner, PruningHistory, TrialProgress } from './pruners/pruner.js';

interface Progress {
  intermediate: Map<number, number>;
  state: TrialProgress['state'];
}

interface Question {
  k: number;
  step: number;
  answer: (prune: boolean) => void;
}

/** Intermediate values of a study's trials and the pruner's answers. Values are minimized. */
export class PruningBoard {
  private readonly trials: Progress[] = [];
  private readonly seenBy: number[] = [];
  private questions: Question[] = [];
  private readonly history: PruningHistory;

  constructor(private readonly pruner: Pruner | undefined) {
    this.history = { trials: this.trials, seen: (k) => this.seenBy[k] ?? 0 };
  }

  /** True when a pruner answers the questions. */
  get prunes(): boolean {
    return this.pruner !== undefined;
  }

  /** Trial k starts; trials 0..seen-1 were finished when it was proposed. */
  start(k: number, seen: number): void {
    this.trials[k] = { intermediate: new Map(), state: 'running' };
    this.seenBy[k] = seen;
  }

  /** A reported value (the first per step is kept). */
  report(k: number, step: number, value: number): void {
    const trial = this.trials[k];
    if (trial === undefined || trial.intermediate.has(step)) return;
    trial.intermediate.set(step, value);
    this.settle();
  }

  /** Trial k ended; a question it left waiting is answered "continue". */
  finish(k: number, state: Exclude<TrialProgress['state'], 'running'>): void {
    const trial = this.trials[k];
    if (trial === undefined) return;
    trial.state = state;
    this.questions = this.questions.filter((question) => {
      if (question.k !== k) return true;
      question.answer(false);
      return false;
    });
    this.settle();
  }

  /** The intermediate values of trial k so far. */
  intermediate(k: number): ReadonlyMap<number, number> {
    return this.trials[k]?.intermediate ?? new Map();
  }

  /** Whether trial k stops at `step`; false without a pruner or once k has ended. */
  shouldPrune(k: number, step: number): Promise<boolean> {
    const trial = this.trials[k];
    if (this.pruner === undefined || trial === undefined || trial.state !== 'running') {
      return Promise.resolve(false);
    }
    return new Promise((answer) => {
      this.questions.push({ k, step, answer });
      this.questions.sort((a, b) => a.k - b.k);
      this.settle();
    });
  }

  // Answers every question the pruner can decide now.
  private settle(): void {
    const pruner = this.pruner;
    if (pruner === undefined || this.questions.length === 0) return;
    this.questions = this.questions.filter((question) => {
      const decision = pruner.judge(question.k, question.step, this.history);
      if (decision === 'wait') return true;
      question.answer(decision === 'prune');
      return false;
    });
  }
}
