// `--clock cpu` for the bench scripts: the run's `seconds` budget counts this process's CPU
// time instead of wall time, so that a seconds-bounded run gets the same work on a loaded
// machine as on a quiet core (the solvers plan their schedules on this clock too).
import { option } from './results.js';

/** The clock a run should read, in milliseconds: CPU time with `--clock cpu`, else wall. */
export function benchClock(): () => number {
  const kind = option('clock') ?? 'wall';
  if (kind === 'wall') return () => performance.now();
  if (kind !== 'cpu') throw new Error(`--clock must be wall or cpu (got ${kind})`);
  return () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  };
}
