// `kiln run <config>`: one solver on one problem, with a progress bar, a summary or JSON, and
// the result written to the output folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { budgetLimitIssues } from '../config/budget-issues.js';
import { RUN_LIMITS } from '../runners/budget.js';
import { placeDatasetIssues } from '../config/dataset-placement.js';
import { readJsonFile, validateConfig } from '../config/load.js';
import { runConfigSchema, type RunConfig } from '../config/run-config.js';
import { solverBlockIssues } from '../config/solver-params.js';
import { spaceIssues } from '../config/space-issues.js';
import { searchedFixedIssues } from '../config/searched-fixed-issues.js';
import { isRecord } from '../core/guards.js';
import { stringifyState } from '../core/json.js';
import { solvers } from '../algorithms/registry.js';
import { buildConfigProblem } from './config-problem.js';
import { parameterNamesOf } from '../multi-objective/objectives.js';
import { minimize, type RunResult } from '../runners/minimize.js';
import { createProgressBar } from '../runners/progress.js';
import { distinctMessages, failureLines } from '../runners/failure-summary.js';
import { prepareOutputFolder } from '../runners/output-folder.js';
import { refuseOtherOutput } from '../runners/output-kind.js';
import { plannedWorkers } from '../runners/worker-pool.js';
import { EXIT_INTERRUPTED, EXIT_NO_SUCCESS, reportError } from './errors.js';
import { describeStop } from './stop-reason.js';
import { formatCandidate, formatCount, formatNumber } from './format.js';
import {
  checkMultiObjectiveRun,
  checkRunReferencePoint,
  paretoLines,
  writeParetoOutput,
} from './run-pareto.js';
import { withInterrupt, writeJson, writeOutputs, type CliIo } from './io.js';

/** Arguments of `kiln run`. */
export interface RunArguments {
  config: string;
  seed?: number;
  json?: boolean;
  output?: string;
  workers?: number;
  memoryLimitMb?: number;
}

/** Loads and validates a run config; `--seed` and `--output` override the file. */
export function loadRunConfig(
  path: string,
  overrides: { seed?: number; output?: string } = {},
): RunConfig {
  const config = validateConfig<RunConfig>(
    readJsonFile(path),
    runConfigSchema(),
    path,
    (data) => [
      ...(isRecord(data) && isRecord(data.problem) && 'module' in data.problem
        ? spaceIssues(data.problem.space, '/problem/space')
        : []),
      ...(isRecord(data) && isRecord(data.problem)
        ? searchedFixedIssues(data.problem, data.problem.space, '/problem', '/problem/space')
        : []),
      ...budgetLimitIssues(isRecord(data) ? data.budget : undefined, '/budget', RUN_LIMITS),
      ...solverBlockIssues(data),
    ],
    placeDatasetIssues,
  );
  return {
    ...config,
    ...(overrides.seed === undefined ? {} : { seed: overrides.seed }),
    ...(overrides.output === undefined ? {} : { output: overrides.output }),
  };
}

/** Runs `kiln run`; returns the exit code. */
export async function runCommand(args: RunArguments, io: CliIo): Promise<number> {
  const configPath = resolve(io.cwd, args.config);
  const config = loadRunConfig(configPath, {
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.output === undefined ? {} : { output: args.output }),
  });
  const baseDir = dirname(configPath);
  const output = config.output === undefined ? undefined : resolve(io.cwd, config.output);
  // Checked before the work: a folder that cannot be written must not cost a finished run.
  if (output !== undefined) {
    refuseOtherOutput(output, 'run');
    prepareOutputFolder(output);
  }
  const problem = await buildConfigProblem(config, baseDir, configPath);
  const { type: solverName, ...params } = config.solver;
  const solver = solvers.get(solverName);
  checkMultiObjectiveRun(config, problem, solver, params, configPath);
  const referencePoint = checkRunReferencePoint(config, problem, configPath);
  const plan = plannedWorkers(args.workers ?? config.workers ?? 1, config.budget.evaluations);
  if (plan.notice !== undefined) io.stderr.write(`kiln: ${plan.notice}\n`);
  const memoryLimitMb = args.memoryLimitMb ?? config.memoryLimitMb;
  const bar = createProgressBar(io.stderr);
  const { value: result, interrupted } = await withInterrupt((signal) =>
    minimize(problem, solver, {
      budget: config.budget,
      params,
      ...(config.seed === undefined ? {} : { seed: config.seed }),
      workers: plan.workers,
      ...(config.timeoutSeconds === undefined ? {} : { timeoutSeconds: config.timeoutSeconds }),
      ...(memoryLimitMb === undefined ? {} : { memoryLimitMb }),
      baseDir,
      signal,
      ...(referencePoint === undefined ? {} : { referencePoint }),
      onProgress: (p) =>
        bar.update({
          fraction: p.fraction,
          elapsedMs: p.elapsedMs,
          detail:
            p.paretoFrontSize === undefined
              ? `${formatCount(p.evaluations)} evals  best ${formatNumber(p.bestValue)}`
              : `${formatCount(p.evaluations)} evals  front ${formatCount(p.paretoFrontSize)}`,
        }),
    }),
  );
  bar.finish();
  // A folder that stopped being writable during the run (a full disk...) costs the files, not
  // the result: it is printed all the same.
  const written =
    output === undefined
      ? undefined
      : writeOutputs(output, () => writeRunOutput(output, config, result));
  const shownOutput = written === undefined || written.error !== undefined ? undefined : output;
  const summary = runSummary(result, shownOutput);
  if (problem.describe !== undefined && result.best !== undefined) {
    summary.bestDescription = problem.describe(result.best);
  }
  if (args.json === true) writeJson(io, summary);
  else io.stdout.write(humanSummary(result, shownOutput, summary.bestDescription));
  if (written?.error !== undefined) return reportError(written.error, io.stderr);
  if (interrupted) return EXIT_INTERRUPTED;
  // A multi-objective run has no best: it failed when every evaluation did.
  const succeeded =
    result.paretoFront === undefined
      ? result.best !== undefined
      : result.failedEvaluations < result.evaluations;
  return result.evaluations > 0 && !succeeded ? EXIT_NO_SUCCESS : 0;
}

/** The JSON document of `kiln run --json`. */
export function runSummary(
  result: RunResult<unknown>,
  output: string | undefined,
): Record<string, unknown> {
  const { trace: _trace, failures, ...rest } = result;
  if (result.paretoFront !== undefined) {
    // A multi-objective run has no single best, nor one direction: its result is the front.
    delete rest.best;
    delete (rest as Partial<typeof rest>).bestValue;
    delete (rest as Partial<typeof rest>).direction;
  }
  return {
    ...rest,
    failures: failures.slice(0, 10),
    ...(output === undefined ? {} : { output }),
  };
}

function humanSummary(
  result: RunResult<unknown>,
  output: string | undefined,
  described: unknown,
): string {
  const lines = [
    `${result.problem} with ${result.solver} (seed ${result.seed})`,
    ...(result.paretoFront === undefined ? bestLines(result, described) : paretoLines(result)),
    `  evaluations   ${formatCount(result.evaluations)}${result.failedEvaluations > 0 ? ` (${formatCount(result.failedEvaluations)} failed)` : ''}${result.moveEvaluations > 0 ? `, ${formatCount(result.moveEvaluations)} move evaluations` : ''}`,
    `  time          ${(result.elapsedMs / 1000).toFixed(2)} s, ${describeStop(result.stopReason)}`,
  ];
  const reasons = distinctMessages(result.failures.map((f) => f.message));
  lines.push(
    ...failureLines(result.failedEvaluations, result.evaluations, reasons).map((l) => `  ${l}`),
  );
  if (output !== undefined) lines.push(`  written to    ${output}`);
  return `${lines.join('\n')}\n`;
}

function bestLines(result: RunResult<unknown>, described: unknown): string[] {
  return [
    `  best value    ${formatNumber(result.bestValue)}${result.optimum === undefined ? '' : `  (optimum ${formatNumber(result.optimum)}${result.gapPercent === undefined ? '' : `, gap ${result.gapPercent.toFixed(2)}%`})`}`,
    `  best          ${formatCandidate(described ?? result.best)}`,
  ];
}

/**
 * Writes config.json, result.json and trace.csv into the output folder; multi-objective runs
 * also pareto.csv.
 */
export function writeRunOutput(
  folder: string,
  config: RunConfig,
  result: RunResult<unknown>,
): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(resolve(folder, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  writeFileSync(
    resolve(folder, 'result.json'),
    `${stringifyState(result.paretoFront === undefined ? result : runSummary(result, undefined), 2)}\n`,
  );
  writeParetoOutput(
    folder,
    result,
    parameterNamesOf((config.problem as { space?: unknown }).space),
  );
  const rows = result.trace.map((p) => `${p.evaluations},${p.elapsedMs.toFixed(3)},${p.value}`);
  // A run whose every evaluation failed has no trace points: the header alone.
  writeFileSync(
    resolve(folder, 'trace.csv'),
    `${['evaluations,elapsedMs,bestValue', ...rows].join('\n')}\n`,
  );
}
