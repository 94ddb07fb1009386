// `kiln batch <config>`: every (problem, solver variant, seed) run on the worker pool, with a
// progress bar (runs done, failures, ETA), a resumable journal, and the summary at the end.
import { basename, dirname, resolve } from 'node:path';
import { validateBatchConfig } from '../config/batch-config.js';
import { readJsonFile } from '../config/load.js';
import { stringifyState } from '../core/json.js';
import { queueRuns } from '../queue/queue-batch.js';
import { runBatch, type BatchResult, type RunBatchOptions } from '../runners/batch/runner.js';
import {
  DISPLAY_HEADER,
  displayCells,
  hypervolumeSentence,
} from '../runners/batch/summary-files.js';
import { createProgressBar } from '../runners/progress.js';
import { EXIT_INTERRUPTED, EXIT_NO_SUCCESS } from './errors.js';
import { formatCount, textTable } from './format.js';
import { withInterrupt, type CliIo } from './io.js';
import { coordinate, queueId, type QueueChoice } from './queue-coordination.js';

/** Arguments of `kiln batch`. */
export interface BatchArguments {
  config: string;
  output?: string;
  workers?: number;
  memoryLimitMb?: number;
  retryFailed?: boolean;
  json?: boolean;
  /** Send the runs to queue workers (the journal stays here). */
  queue?: QueueChoice;
}

/** Runs `kiln batch`; returns the exit code. */
export async function batchCommand(args: BatchArguments, io: CliIo): Promise<number> {
  const configPath = resolve(io.cwd, args.config);
  const config = validateBatchConfig(readJsonFile(configPath), configPath);
  const output = resolve(
    io.cwd,
    args.output ?? config.output ?? `runs/${basename(configPath).replace(/\.json$/i, '')}`,
  );
  const bar = createProgressBar(io.stderr);
  const warn = (message: string): void => {
    bar.finish();
    io.stderr.write(`kiln: warning: ${message}\n`);
  };
  let workersSeen: number | undefined;
  const run = (options: RunBatchOptions): Promise<BatchResult> => {
    const queue = args.queue;
    if (queue === undefined) return runBatch(config, options);
    return coordinate(queue, io.cwd, async () => {
      const remote = await queueRuns({
        address: queue.address,
        batchId: queueId(output),
        root: io.cwd,
      });
      try {
        return await runBatch(config, { ...options, remote });
      } finally {
        workersSeen = remote.workersSeen;
        await remote.close();
      }
    });
  };
  const { value: batch } = await withInterrupt((signal) =>
    run({
      output,
      baseDir: dirname(configPath),
      source: configPath,
      signal,
      onWarning: warn,
      onNotice: (message) => io.stderr.write(`kiln: ${message}\n`),
      ...(args.workers === undefined ? {} : { workers: args.workers }),
      ...(args.memoryLimitMb === undefined ? {} : { memoryLimitMb: args.memoryLimitMb }),
      ...(args.retryFailed === true ? { retryFailed: true } : {}),
      onProgress: (p) =>
        bar.update({
          fraction: p.toDo === 0 ? 1 : (p.completed + p.failed) / p.toDo,
          elapsedMs: p.elapsedMs,
          detail: `${formatCount(p.completed + p.failed)}/${formatCount(p.toDo)} runs  ${formatCount(p.failed)} failed${p.skipped > 0 ? `  (${formatCount(p.skipped)} done before)` : ''}`,
        }),
    }),
  );
  bar.finish();
  const result = workersSeen === undefined ? batch : { ...batch, workersSeen };
  if (args.json === true) io.stdout.write(`${stringifyState(batchDocument(result), 2)}\n`);
  else io.stdout.write(humanSummary(result));
  if (result.interrupted) return EXIT_INTERRUPTED;
  return succeededRuns(result) === 0 && result.summary.failures.length > 0 ? EXIT_NO_SUCCESS : 0;
}

// Runs of the grid that finished with a result (this invocation's and earlier ones).
function succeededRuns(result: BatchResult): number {
  return result.summary.rows.reduce((sum, row) => sum + row.runs - row.failed, 0);
}

/** The JSON document of `kiln batch --json`. */
export function batchDocument(
  result: BatchResult & { workersSeen?: number },
): Record<string, unknown> {
  return {
    ...(result.workersSeen === undefined ? {} : { workersSeen: result.workersSeen }),
    runs: result.runs,
    completed: result.completed,
    failed: result.failed,
    skipped: result.skipped,
    pending: result.pending,
    interrupted: result.interrupted,
    output: result.output,
    elapsedMs: result.elapsedMs,
    files: result.files,
    summary: result.summary.rows,
    ...(result.summary.hypervolumes.length === 0
      ? {}
      : { hypervolumes: result.summary.hypervolumes }),
  };
}

/** The summary table as printed on a terminal. */
export function summaryText(rows: BatchResult['summary']['rows']): string {
  return textTable(DISPLAY_HEADER, rows.map(displayCells));
}

/** Lines naming the first distinct reasons runs failed. */
export function failureLines(summary: BatchResult['summary'], limit = 3): string[] {
  return summary.failures
    .slice(0, limit)
    .map((f) => `failed: ${f.problem} with ${f.solver} (seed ${f.seed}): ${f.error}`);
}

function humanSummary(result: BatchResult & { workersSeen?: number }): string {
  const counts = [
    `${formatCount(result.runs)} runs`,
    `${formatCount(result.completed)} completed`,
    `${formatCount(result.failed)} failed${result.failed > 0 ? ' (see "failed:" above; --retry-failed runs them again)' : ''}`,
    `${formatCount(result.skipped)} done before`,
  ];
  if (result.pending > 0)
    counts.push(`${formatCount(result.pending)} left (interrupted; run again to resume)`);
  if (result.workersSeen !== undefined)
    counts.push(`${formatCount(result.workersSeen)} queue workers seen`);
  const verdict =
    succeededRuns(result) === 0 && result.summary.failures.length > 0
      ? ['no run succeeded: every finished run failed']
      : [];
  const hypervolumes = hypervolumeSentence(result.summary);
  return [
    summaryText(result.summary.rows),
    ...(hypervolumes === undefined ? [] : [hypervolumes]),
    '',
    ...failureLines(result.summary),
    ...verdict,
    `${counts.join(', ')} in ${(result.elapsedMs / 1000).toFixed(1)} s`,
    `written to ${result.output}: ${result.files.csv}, ${result.files.json}, ${result.files.markdown}, ${result.files.plots.length} plot(s) in plots/`,
    '',
  ].join('\n');
}
