// The number of runs a batch config describes, counted from the config before its grid is
// expanded, so that a grid past MAX_BATCH_RUNS is refused instead of filling the memory or
// scanning millions of run keys before the first run.
import type { ConfigIssue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { MAX_BATCH_RUNS } from '../core/limits.js';

// The problem fields that list values, one problem each.
const AXES = ['instances', 'dimensions', 'shifts'] as const;

/** The issue of a config (possibly invalid) whose grid holds more than MAX_BATCH_RUNS runs. */
export function runCountIssues(data: Record<string, unknown>): ConfigIssue[] {
  const problems = sum(data.problems, problemCount);
  const solvers = sum(data.solvers, (entry) =>
    isRecord(entry.variants) ? Object.keys(entry.variants).length : 1,
  );
  const seeds =
    typeof data.seeds === 'number' ? data.seeds : Array.isArray(data.seeds) ? data.seeds.length : 0;
  // A seed count past the limit is reported at /seeds by the schema.
  if (seeds > MAX_BATCH_RUNS) return [];
  const runs = problems * solvers * seeds;
  if (!(runs > MAX_BATCH_RUNS)) return [];
  return [
    {
      path: '',
      message: `must describe at most ${MAX_BATCH_RUNS} runs (got ${runs}: ${plural(problems, 'problem')} x ${plural(solvers, 'solver variant')} x ${plural(seeds, 'seed')})`,
      hint: 'split it into several batches, each with its own output folder',
    },
  ];
}

function problemCount(entry: Record<string, unknown>): number {
  let count = 1;
  for (const axis of AXES) if (Array.isArray(entry[axis])) count *= entry[axis].length;
  if (isRecord(entry.grid))
    for (const values of Object.values(entry.grid))
      if (Array.isArray(values)) count *= values.length;
  return count;
}

function sum(list: unknown, count: (entry: Record<string, unknown>) => number): number {
  if (!Array.isArray(list)) return 0;
  return (list as unknown[]).reduce<number>(
    (total, entry) => total + (isRecord(entry) ? count(entry) : 0),
    0,
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
