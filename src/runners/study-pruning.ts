// The study's side of pruning: every trial's intermediate values as they are reported, and the
// pruner's answers to running trials. Pruners judge trial k from its own values and those of the
// trials that had finished when k was proposed, so an answer never waits for another trial.
import type { Pruner, PruningHistory, TrialProgress } from './pruners/pruner.js';

interface Progress {
  intermediate: Map<number, number>;
  state: TrialProgress['state'];
}

/** Intermediate values of a study's trials and the pruner's answers. Values are minimized. */
export class PruningBoard {
  private readonly trials: Progress[] = [];
  private readonly seenBy: number[] = [];
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
  }

  /** Trial k ended. */
  finish(k: number, state: Exclude<TrialProgress['state'], 'running'>): void {
    const trial = this.trials[k];
    if (trial !== undefined) trial.state = state;
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
    return Promise.resolve(this.pruner.judge(k, step, this.history) === 'prune');
  }
}
