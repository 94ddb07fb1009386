// `kiln report <folder>`: the summary of a batch's output folder (finished or not), rewritten
// as CSV, JSON, markdown and SVG plots, and printed as a table or one JSON document.
import { resolve } from 'node:path';
import { stringifyState } from '../core/json.js';
import { reportBatch } from '../runners/batch/output-folder.js';
import { failureLines, summaryText } from './batch-command.js';
import type { CliIo } from './io.js';

/** Arguments of `kiln report`. */
export interface ReportArguments {
  folder: string;
  json?: boolean;
}

/** Runs `kiln report`; returns the exit code. */
export async function reportCommand(args: ReportArguments, io: CliIo): Promise<number> {
  const folder = resolve(io.cwd, args.folder);
  const report = await reportBatch(folder, (message) =>
    io.stderr.write(`kiln: warning: ${message}\n`),
  );
  if (args.json === true) {
    const document = {
      runs: report.runs,
      finished: report.summary.finished,
      output: folder,
      files: report.files,
      summary: report.summary.rows,
    };
    io.stdout.write(`${stringifyState(document, 2)}\n`);
    return 0;
  }
  io.stdout.write(
    [
      summaryText(report.summary.rows),
      '',
      ...failureLines(report.summary),
      `${report.summary.finished} of ${report.runs} runs finished`,
      `written to ${folder}: ${report.files.csv}, ${report.files.json}, ${report.files.markdown}, ${report.files.plots.length} plot(s) in plots/`,
      '',
    ].join('\n'),
  );
  return 0;
}
