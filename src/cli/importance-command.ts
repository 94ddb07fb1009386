// `kiln importance <folder>`: the PED-ANOVA importances of a study's parameters, as a table or
// one JSON document (the same numbers its report draws).
import { resolve } from 'node:path';
import { KilnError } from '../core/errors.js';
import { readStudyModel } from '../report/study-model.js';
import type { ImportanceResult } from '../report/importance.js';
import { objectiveImportances, studyImportance } from '../report/study-report.js';
import { reportKind } from '../report/write-report.js';
import { textTable } from './format.js';
import { UsageError } from './usage.js';
import { writeJson, type CliIo } from './io.js';

/** Arguments of `kiln importance`. */
export interface ImportanceArguments {
  folder: string;
  json?: boolean;
  /** A multi-objective study's objective, by name (all of them when left out). */
  objective?: string;
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
  const declarations = model.objectives > 1 ? model.objectiveDeclarations : [];
  if (args.objective !== undefined && !declarations.some((o) => o.name === args.objective)) {
    throw new UsageError(
      declarations.length === 0
        ? `--objective ${JSON.stringify(args.objective)}: ${folder} holds a single-objective study; leave --objective out`
        : `--objective must name one of the study's objectives, ${declarations.map((o) => o.name).join(', ')} (got ${JSON.stringify(args.objective)})`,
    );
  }
  if (declarations.length === 0) {
    const result = studyImportance(model);
    if (args.json === true) writeJson(io, { output: folder, ...result });
    else io.stdout.write(importanceText(result));
    return 0;
  }
  // A multi-objective study: the importances for each objective (or the one asked for).
  const results = objectiveImportances(model).filter(
    (o) => args.objective === undefined || o.name === args.objective,
  );
  if (args.json === true) {
    writeJson(io, { output: folder, objectives: results });
    return 0;
  }
  io.stdout.write(
    results
      .map(
        ({ name, direction, ...result }) =>
          `objective ${name} (${direction})\n${importanceText(result)}`,
      )
      .join('\n'),
  );
  return 0;
}

function importanceText(result: ImportanceResult): string {
  const rows = result.importances.map((r) => [
    r.name,
    r.importance.toFixed(4),
    String(r.trials),
    r.conditional ? 'yes' : '',
  ]);
  return (
    `${textTable(['parameter', 'importance', 'trials', 'conditional'], rows)}\n` +
    `PED-ANOVA: top ${Math.round(result.quantile * 100)}% (${result.topTrials} trials) against all ${result.trials} complete trials\n`
  );
}
