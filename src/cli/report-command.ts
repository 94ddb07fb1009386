// `kiln report <folder>`: the self-contained HTML report of a study or a batch output folder
// (for a batch also its summary files: CSV, JSON, markdown and SVG plots), printed as a short
// summary or one JSON document.
import { resolve } from 'node:path';
import { paretoModel } from '../report/pareto.js';
import { stringifyState } from '../core/json.js';
import {
  reportKind,
  writeBatchReport,
  writeStudyReport,
  type WrittenStudyReport,
} from '../report/write-report.js';
import { failureLines, summaryText } from './batch-command.js';
import { formatCount, formatNumber } from './format.js';
import type { CliIo } from './io.js';

/** Arguments of `kiln report`. */
export interface ReportArguments {
  folder: string;
  /** Path of the HTML file (default: report.html in the folder). */
  output?: string;
  json?: boolean;
}

/** Runs `kiln report`; returns the exit code. */
export async function reportCommand(args: ReportArguments, io: CliIo): Promise<number> {
  const folder = resolve(io.cwd, args.folder);
  const output = args.output === undefined ? undefined : resolve(io.cwd, args.output);
  if (reportKind(folder) === 'study') return studyReport(folder, output, args.json === true, io);
  const written = await writeBatchReport(folder, output, (message) =>
    io.stderr.write(`kiln: warning: ${message}\n`),
  );
  const { batch } = written;
  if (args.json === true) {
    const document = {
      kind: 'batch',
      runs: batch.runs,
      finished: batch.summary.finished,
      output: folder,
      report: written.path,
      bytes: written.bytes,
      sections: written.sections,
      files: batch.files,
      summary: batch.summary.rows,
    };
    io.stdout.write(`${stringifyState(document, 2)}\n`);
    return 0;
  }
  io.stdout.write(
    [
      summaryText(batch.summary.rows),
      '',
      ...failureLines(batch.summary),
      `${batch.summary.finished} of ${batch.runs} runs finished`,
      `written to ${folder}: ${batch.files.csv}, ${batch.files.json}, ${batch.files.markdown}, ${batch.files.plots.length} plot(s) in plots/`,
      `report: ${written.path}`,
      '',
    ].join('\n'),
  );
  return 0;
}

/** The JSON document of `kiln report --json` on a study folder. */
export function studyReportDocument(folder: string, written: WrittenStudyReport): object {
  const { model, report } = written;
  const count = (status: string): number => model.trials.filter((t) => t.status === status).length;
  return {
    kind: 'study',
    output: folder,
    report: written.path,
    bytes: written.bytes,
    state: model.state.status,
    stopReason: model.state.stopReason ?? null,
    trials: model.trials.length,
    completeTrials: count('complete'),
    failedTrials: count('failed'),
    prunedTrials: count('pruned'),
    bestTrial: model.best?.number ?? null,
    bestValue: model.best?.value ?? null,
    bestParams: model.best?.params ?? null,
    sections: report.sections,
    ...(model.objectives > 1
      ? {
          // No single ranking without a single value: one per objective, as kiln importance.
          importance: null,
          objectives: report.objectiveImportances,
        }
      : { importance: report.importance }),
  };
}

function studyReport(folder: string, output: string | undefined, json: boolean, io: CliIo): number {
  const written = writeStudyReport(folder, output);
  for (const warning of written.model.warnings) io.stderr.write(`kiln: warning: ${warning}\n`);
  if (json) {
    io.stdout.write(`${stringifyState(studyReportDocument(folder, written), 2)}\n`);
    return 0;
  }
  const { model } = written;
  const front =
    model.objectives > 1 ? paretoModel(model.trials, model.objectiveDeclarations) : undefined;
  const best =
    front !== undefined
      ? `${formatCount(front.front.size)} configuration${front.front.size === 1 ? '' : 's'} on the Pareto front`
      : model.best === undefined
        ? 'no complete trial yet'
        : `best ${formatNumber(model.best.value)} (trial ${model.best.number})`;
  io.stdout.write(
    [
      `${model.problem} with ${model.solver}: ${formatCount(model.trials.length)} trials, ${best}; ${model.state.text}`,
      `report: ${written.path} (${formatCount(Math.ceil(written.bytes / 1024))} KB)`,
      '',
    ].join('\n'),
  );
  return 0;
}
