// Why a run, study or training stopped, in words for the human summaries (the JSON documents
// keep the stable `stopReason` codes).

const PHRASES: Readonly<Record<string, string>> = {
  evaluations: 'the evaluation budget was used',
  seconds: 'the time budget was used',
  target: 'the target value was reached',
  stagnation: 'no improvement within the stagnation budget',
  aborted: 'interrupted',
  converged: 'the solver had nothing more to try',
  epochs: 'all epochs done',
  'early-stopping': 'early stopping (no better validation loss within the patience)',
  diverged: 'the loss diverged (not a finite number)',
  stopped: 'interrupted',
};

/** `stopped: <why>` for a stop reason code; unknown codes are shown as they are. */
export function describeStop(reason: string): string {
  return `stopped: ${PHRASES[reason] ?? reason}`;
}
