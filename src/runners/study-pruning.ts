// The study's side of pruning: every trial's intermediate values as they are reported, and the
// pruning questions of running trials, answered in trial order as soon as the pruner can decide
// (a question the pruner answers with `wait` is asked again whenever another trial moves on).
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

  /** Trial k ended. */
  finish(k: number, state: Exclude<TrialProgress['state'], 'running'>): void {
    const trial = this.trials[k];
    if (trial === undefined) return;
    trial.state = state;
    this.questions = this.questions.filter((q) => {
      if (q.k !== k) return true;
      q.answer(false);
      return false;
    });
    this.settle();
  }

  /** The intermediate values of trial k so far. */
  intermediate(k: number): ReadonlyMap<number, number> {
    return this.trials[k]?.intermediate ?? new Map();
  }

  /** Whether trial k stops at `step`; false without a pruner. */
  shouldPrune(k: number, step: number): Promise<boolean> {
    if (this.pruner === undefined) return Promise.resolve(false);
    return new Promise((answer) => {
      this.questions.push({ k, step, answer });
      this.questions.sort((a, b) => a.k - b.k);
      this.settle();
    });
  }

  private settle(): void {
    const pruner = this.pruner;
    if (pruner === undefined || this.questions.length === 0) return;
    this.questions = this.questions.filter((q) => {
      const decision = pruner.judge(q.k, q.step, this.history);
      if (decision === 'wait') return true;
      q.answer(decision === 'prune');
      return false;
    });
  }
}
