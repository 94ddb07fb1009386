// Where a study's trials come from: an asynchronous solver proposes trial k once trials
// 0..k-lag-1 have finished (the rest pending), with its own random stream, so that trial k is a
// function of the seed, k and earlier results; any other solver asks batches and a batch waits
// for the previous one to finish.
import { createRng, type Rng } from '../core/rng.js';
import type { AnySolver, FinishedTrial, SolverContext } from '../core/solver.js';
import { failedEvaluation } from '../multi-objective/evaluation.js';

/** A finished trial as the proposals need it (minimized value; NaN when failed). */
export interface ProposalTrial<X> extends FinishedTrial<X> {
  readonly params: X;
}

/** Proposes the trials of a study in order. */
export interface ProposalSource<X> {
  /** How many trials (0..n-1) must have finished before trial k can be proposed. */
  needs(k: number): number;
  /** Trial k's parameters, or undefined when the solver has nothing more to ask. */
  propose(k: number, trials: readonly (ProposalTrial<X> | { params: X })[]): X | undefined;
}

/** The proposals of `solver` (state from `init`) for a study seeded `seed`. */
export function proposalSource<X>(
  solver: AnySolver,
  state: unknown,
  params: object,
  context: SolverContext<X>,
  seed: number | string,
): ProposalSource<X> {
  const root = createRng(seed).fork('solver');
  const asynchronous = solver.asynchronous;
  if (asynchronous !== undefined) {
    const lag = asynchronous.lag(params);
    let told = 0;
    return {
      needs: (k) => Math.max(0, k - lag),
      propose(k, trials) {
        const need = Math.max(0, k - lag);
        for (; told < need; told++) {
          asynchronous.observe(state, context, trials[told] as ProposalTrial<X>);
        }
        const pending = trials.slice(need, k).map((t) => t.params);
        return asynchronous.propose<X>(state, context, pending, root.fork(`trial-${k}`));
      },
    };
  }
  return batchProposals(solver, state, context, root);
}

// A batch solver: a batch is asked once every trial of the previous one has finished, and told
// in one piece (failed and pruned trials as Infinity; in a multi-objective study as failed
// evaluations, through tellObjectives).
function batchProposals<X>(
  solver: AnySolver,
  state: unknown,
  context: SolverContext<X>,
  rng: Rng,
): ProposalSource<X> {
  let start = 0;
  let batch: X[] = [];
  const limit = context.budget.evaluations;
  // A batch asked at trial `start` needs no more candidates than the trials left.
  const asking: SolverContext<X> =
    limit === undefined ? context : { ...context, remainingEvaluations: () => limit - start };
  return {
    needs: (k) => (k < start + batch.length ? start : k),
    propose(k, trials) {
      if (k >= start + batch.length) {
        if (batch.length > 0 && context.objectives !== undefined && solver.tellObjectives) {
          const count = context.objectives.length;
          const evaluations = batch.map((_, i) => {
            const trial = trials[start + i] as ProposalTrial<X>;
            return trial.status === 'complete' && trial.evaluation !== undefined
              ? trial.evaluation
              : failedEvaluation(count);
          });
          solver.tellObjectives(state, context, batch, evaluations, rng);
        } else if (batch.length > 0) {
          const values = batch.map((_, i) => {
            const trial = trials[start + i] as ProposalTrial<X>;
            return trial.status === 'complete' && Number.isFinite(trial.value)
              ? trial.value
              : Infinity;
          });
          solver.tell(state, asking, batch, values, rng);
        }
        start = k;
        batch = solver.ask<X>(state, asking, rng);
        if (batch.length === 0) return undefined;
      }
      return batch[k - start];
    },
  };
}
