// Synthetic study journals for report tests and benches: random trials of a known function over
// named parameters, with times as if run on a few workers, and optionally failures and the
// intermediate values and pruned trials a study with a pruner journals.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../src/core/rng.js';
import type { ParameterSpec } from '../src/core/space.js';

/** Options of {@link writeSyntheticStudy}. */
export interface SyntheticStudyOptions {
  trials: number;
  /** Real parameters x1..xN in [0, 1] unless `space` is given. */
  parameters?: number;
  space?: Record<string, ParameterSpec>;
  /** The objective of a trial's parameters. */
  objective: (params: Record<string, number | string | boolean>) => number;
  seed?: number;
  workers?: number;
  /** Share of trials that fail (with a message). */
  failureRate?: number;
  /** Journal intermediate values over this many steps, pruning trials in the worst quarter. */
  steps?: number;
  /** Leave the study running (no end record; the session's pid is this process). */
  running?: boolean;
}

const START = Date.parse('2026-01-01T00:00:00.000Z');

/** Writes journal.jsonl of a synthetic study into `folder` (created). */
export function writeSyntheticStudy(folder: string, options: SyntheticStudyOptions): void {
  const rng = createRng(options.seed ?? 1);
  const workers = options.workers ?? 2;
  const unit: ParameterSpec = { type: 'real', low: 0, high: 1 };
  const space: Record<string, ParameterSpec> =
    options.space ??
    Object.fromEntries(
      Array.from({ length: options.parameters ?? 3 }, (_, i) => [`x${i + 1}`, unit]),
    );
  const lines: unknown[] = [
    {
      type: 'study',
      version: 1,
      seed: options.seed ?? 1,
      solver: { type: 'random-search' },
      problem: { type: 'synthetic' },
      direction: 'minimize',
      space: { kind: 'mixed', parameters: space },
    },
    {
      type: 'session',
      startedAt: new Date(START).toISOString(),
      workers,
      pid: process.pid,
      host: 'synthetic',
    },
  ];
  const free = new Array<number>(workers).fill(START);
  const reports: number[][] = [];
  let failed = 0;
  for (let number = 1; number <= options.trials; number++) {
    const params: Record<string, number | string | boolean> = {};
    for (const [name, spec] of Object.entries(space)) {
      if (spec.when !== undefined && !Object.entries(spec.when).every(([k, v]) => params[k] === v))
        continue;
      // Log-scaled parameters are drawn log-uniformly, as kiln's samplers do.
      const draw = (low: number, high: number, log: boolean | undefined): number =>
        log === true
          ? Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * rng.next())
          : low + (high - low) * rng.next();
      if (spec.type === 'real') params[name] = draw(spec.low, spec.high, spec.log);
      else if (spec.type === 'integer')
        params[name] = Math.min(spec.high, Math.floor(draw(spec.low, spec.high + 1, spec.log)));
      else if (spec.type === 'boolean') params[name] = rng.next() < 0.5;
      else params[name] = spec.choices[Math.floor(spec.choices.length * rng.next())] as string;
    }
    const value = options.objective(params);
    const fails = rng.next() < (options.failureRate ?? 0);
    const worker = free.indexOf(Math.min(...free));
    const durationMs = Math.round(200 + 800 * rng.next());
    const finished = (free[worker] as number) + durationMs;
    free[worker] = finished + 5;
    const trial: Record<string, unknown> = {
      type: 'trial',
      number,
      batch: Math.floor((number - 1) / workers),
      index: (number - 1) % workers,
      params,
      value: fails ? null : value,
      status: fails ? 'failed' : 'complete',
      durationMs,
      finishedAt: new Date(finished).toISOString(),
    };
    if (fails) {
      trial.error = `objective threw: diverged at step ${number % 7}`;
      failed++;
    }
    if (options.steps !== undefined && !fails) {
      const intermediate: [number, number][] = [];
      for (let step = 0; step < options.steps; step++) {
        const reported = value * (1 + 2 / (step + 1));
        intermediate.push([step, reported]);
        const column = (reports[step] ??= []);
        column.push(reported);
        const sorted = [...column].sort((a, b) => a - b);
        // Pruned when worse than three quarters of the trials that reached this step.
        const quartile = sorted[Math.floor(sorted.length * 0.75)] as number;
        if (column.length > 5 && step >= 2 && reported > quartile) {
          trial.status = 'pruned';
          trial.value = reported;
          break;
        }
      }
      trial.intermediate = intermediate;
    }
    lines.push(trial);
  }
  if (options.running !== true)
    lines.push({
      type: 'end',
      stopReason: 'evaluations',
      elapsedMs: Math.max(...free) - START,
      trials: options.trials,
      failedTrials: failed,
    });
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'journal.jsonl'),
    `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`,
  );
}
