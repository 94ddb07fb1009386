// `kiln importance <folder>`: the PED-ANOVA importances of a study's parameters, as a table or
// one JSON document (the same numbers its report draws).
import { resolve } from 'node:path';
import { KilnError } from '../core/errors.js';
import { readStudyModel } from '../report/study-model.js';
import { studyImportance } from '../report/study-report.js';
import { reportKind } from '../report/write-report.js';
import { textTable } from './format.js';
import { writeJson, type CliIo } from './io.js';

/** Arguments of `kiln importance`. */
export interface ImportanceArguments {
  folder: string;
  json?: boolean;
}

/** Runs `kiln importance`; returns the exit code. */
export function importanceCommand(args: ImportanceArguments, io: CliIo): number {
  const folder = resolve(io.cwd, args.folder);
  if (reportKind(folder) !== 'study')
    throw new KilnError(
      'E_REPORT_FOLDER',
      `${folder}: a batch output folder; kiln importance needs a study folder (kiln tune's output)`,
    );
  const model = readStudyModel(folder);
  for (const warning of model.warnings) io.stderr.write(`kiln: warning: ${warning}\n`);
  const result = studyImportance(model);
  if (args.json === true) {
    writeJson(io, { output: folder, ...result });
    return 0;
  }
  const rows = result.importances.map((r) => [
    r.name,
    r.importance.toFixed(4),
    String(r.trials),
    r.conditional ? 'yes' : '',
  ]);
  io.stdout.write(
    `${textTable(['parameter', 'importance', 'trials', 'conditional'], rows)}\n` +
      `PED-ANOVA: top ${Math.round(result.quantile * 100)}% (${result.topTrials} trials) against all ${result.trials} complete trials\n`,
  );
  return 0;
}
