// A finished trial as the multi-objective TPE remembers it, from its objective values alone.
import type { MultiObjectiveObservation } from '../../src/algorithms/motpe/good-group.js';

/** An observation with these minimized objective values (Infinity violation: failed). */
export const observation = (values: number[], violation = 0): MultiObjectiveObservation => ({
  vector: [0],
  active: [true],
  value: values[0] as number,
  status: violation === Infinity ? 'failed' : 'complete',
  evaluation: { values, violation },
});
