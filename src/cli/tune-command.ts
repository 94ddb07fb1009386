// `kiln tune <config>`: a hyperparameter study on worker threads, journaled trial by trial and
// resumable; prints the best parameters (and test accuracy for the built-in trainer problems).
import { dirname, join, resolve } from 'node:path';
import { solvers } from '../algorithms/registry.js';
import { budgetLimitIssues } from '../config/budget-issues.js';
import { STUDY_LIMITS } from '../runners/budget.js';
import { placeDatasetIssues } from '../config/dataset-placement.js';
import { readJsonFile, validateConfig } from '../config/load.js';
import { solverBlockIssues } from '../config/solver-params.js';
import { spaceIssues } from '../config/space-issues.js';
import { searchedFixedIssues } from '../config/searched-fixed-issues.js';
import {
  DEFAULT_MULTI_OBJECTIVE_TUNE_SOLVER,
  DEFAULT_TUNE_SOLVER,
  tuneConfigSchema,
  type TuneConfig,
} from '../config/tune-config.js';
import type { ProblemConfig } from '../config/run-config.js';
import { ConfigError, KilnError, describeValue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { liveReport } from './live-report.js';
import { randomSeed } from '../core/rng.js';
import type { Problem } from '../core/problem.js';
import { buildConfigProblem } from './config-problem.js';
import type { ModuleProblemConfig } from '../problems/user-module.js';
import { readJsonLines } from '../runners/json-lines.js';
import { createProgressBar } from '../runners/progress.js';
import { queueEvaluator, type QueueEvaluator } from '../queue/queue-evaluator.js';
import { runStudy, type StudyOptions, type StudyResult } from '../runners/study.js';
import { writeStudyFromJournal } from '../runners/study-recovery.js';
import { studyDocument } from '../runners/study-output.js';
import { availableCpus, plannedWorkers } from '../runners/worker-pool.js';
import { EXIT_INTERRUPTED, EXIT_NO_SUCCESS, EXIT_USAGE } from './errors.js';
import { checkReferencePoint } from '../runners/pareto-archive.js';
import { referencePointIssues } from '../runners/multi-objective-checks.js';
import { beyondReferenceNote } from './run-pareto.js';
import { describeStop } from './stop-reason.js';
import { formatCandidate, formatCount, formatNumber } from './format.js';
import { withInterrupt, writeJson, type CliIo } from './io.js';
import { coordinate, queueId, type QueueChoice } from './queue-coordination.js';
import { maxOf } from '../core/extremes.js';

/** Arguments of `kiln tune`. */
export interface TuneArguments {
  config: string;
  seed?: number;
  workers?: number;
  memoryLimitMb?: number;
  output?: string;
  json?: boolean;
  /** Keep report.html up to date as the study goes. */
  report?: boolean;
  /** Run the trials on queue workers (the journal and the solver stay here). */
  queue?: QueueChoice;
}

// Trials in flight at most with --queue (the solver's own schedule usually allows fewer).
const QUEUE_WINDOW = 64;

/** Runs `kiln tune`; returns the exit code. */
export async function tuneCommand(args: TuneArguments, io: CliIo): Promise<number> {
  const configPath = resolve(io.cwd, args.config);
  const config = validateConfig<TuneConfig>(
    readJsonFile(configPath),
    tuneConfigSchema(),
    configPath,
    (data) => [
      ...spaceIssues(isRecord(data) ? data.space : undefined, '/space'),
      ...(isRecord(data) && isRecord(data.problem)
        ? data.space === undefined
          ? searchedFixedIssues(data.problem, data.problem.space, '/problem', '/problem/space')
          : searchedFixedIssues(data.problem, data.space, '/problem', '/space')
        : []),
      ...budgetLimitIssues(isRecord(data) ? data.budget : undefined, '/budget', STUDY_LIMITS),
      ...solverBlockIssues(data),
    ],
    placeDatasetIssues,
  );
  const baseDir = dirname(configPath);
  const output =
    (args.output ?? config.output) === undefined
      ? undefined
      : resolve(io.cwd, (args.output ?? config.output) as string);
  const seed = args.seed ?? config.seed ?? journaledSeed(output) ?? randomSeed();
  const problem = await buildConfigProblem(
    config as typeof config & { problem: ProblemConfig | ModuleProblemConfig },
    baseDir,
    configPath,
  );
  // Declared objectives, or a problem with its own (zdt1, ...).
  if (problem.objectives !== undefined && config.problem.maximize !== undefined)
    throw new ConfigError(configPath, [
      {
        path: '/problem/maximize',
        message: `must be left out of a multi-objective study (got ${describeValue(config.problem.maximize)})`,
        hint:
          config.objectives === undefined
            ? `problem ${problem.name} minimizes its objectives (${problem.objectives.map((o) => o.name).join(', ')})`
            : 'give each objective its "direction" instead',
      },
    ]);
  const { type: solverName, ...params } =
    config.solver ??
    (problem.objectives === undefined ? DEFAULT_TUNE_SOLVER : DEFAULT_MULTI_OBJECTIVE_TUNE_SOLVER);
  const solver = solvers.get(solverName);
  const countIssue = solver.objectivesIssue?.(params, problem.objectives?.length ?? 1);
  if (countIssue !== undefined)
    throw new ConfigError(configPath, [{ ...countIssue, path: `/solver${countIssue.path}` }]);
  if (config.referencePoint !== undefined && problem.objectives === undefined)
    throw new ConfigError(configPath, [
      {
        path: '/referencePoint',
        message: 'must be left out of a single-objective study',
        hint: 'declare "objectives" for a multi-objective study',
      },
    ]);
  const total = config.budget.evaluations;
  const plan = plannedWorkers(args.workers ?? config.workers ?? availableCpus(), total);
  if (plan.notice !== undefined) io.stderr.write(`kiln: ${plan.notice}\n`);
  const workers = plan.workers;
  const memoryLimitMb = args.memoryLimitMb ?? config.memoryLimitMb;
  if (args.report === true && output === undefined)
    throw new KilnError(
      'E_CONFIG',
      `${configPath}: --report needs an output folder (set "output" in the config or pass --output DIR)`,
    );
  const report = args.report === true && output !== undefined ? liveReport(output, io) : undefined;
  const bar = createProgressBar(io.stderr);
  let remote: QueueEvaluator<unknown> | undefined;
  const run = (options: StudyOptions<unknown>): Promise<StudyResult<unknown>> => {
    const queue = args.queue;
    if (queue === undefined) return runStudy(options);
    return coordinate(queue, io.cwd, async () => {
      remote = queueEvaluator(problem, {
        queue: queue.address,
        runId: queueId(output),
        baseDir,
        root: io.cwd,
        ...(config.timeoutSeconds === undefined ? {} : { timeoutSeconds: config.timeoutSeconds }),
      });
      try {
        return await runStudy({ ...options, evaluator: remote, workers: QUEUE_WINDOW });
      } finally {
        await remote.close();
      }
    });
  };
  const seen = (): string => (remote === undefined ? '' : `  ${remote.workersSeen} workers`);
  const started = performance.now();
  const referencePoint =
    config.referencePoint === undefined
      ? undefined
      : referencePointByName(config.referencePoint, problem, configPath);
  // A second Ctrl-C while a trial hangs: the journal holds every finished trial.
  const onForceQuit = (): void => {
    bar.finish();
    if (output === undefined) return;
    const study = writeStudyFromJournal(output, performance.now() - started, referencePoint);
    if (study === undefined) return;
    if (args.json === true) writeJson(io, tuneSummary(study));
    else io.stdout.write(humanSummary(study, true));
  };
  const { value: result, interrupted } = await withInterrupt(
    (signal) =>
      run({
        problem,
        solver,
        params,
        budget: config.budget,
        seed,
        source: configPath,
        ...(config.pruner === undefined ? {} : { pruner: config.pruner }),
        ...(referencePoint === undefined ? {} : { referencePoint }),
        workers,
        baseDir,
        signal,
        ...(config.timeoutSeconds === undefined ? {} : { timeoutSeconds: config.timeoutSeconds }),
        ...(memoryLimitMb === undefined ? {} : { memoryLimitMb }),
        ...(output === undefined ? {} : { output }),
        onWarning: (message) => io.stderr.write(`kiln: warning: ${message}\n`),
        ...(report === undefined ? {} : { onTrial: report.refresh }),
        onProgress: (p) =>
          bar.update({
            fraction: p.fraction,
            elapsedMs: p.elapsedMs,
            ...(total === undefined ? {} : { resumedFraction: p.replayedEvaluations / total }),
            detail: `${formatCount(p.evaluations)}${total === undefined ? '' : `/${formatCount(total)}`} trials${p.failedEvaluations > 0 ? ` (${p.failedEvaluations} failed)` : ''}${problem.objectives === undefined ? `  best ${formatNumber(p.bestValue)}` : ''}${seen()}`,
          }),
      }),
    onForceQuit,
  );
  bar.finish();
  report?.finish();
  const study: StudyResult<unknown> & { workersSeen?: number } =
    remote === undefined ? result : { ...result, workersSeen: remote.workersSeen };
  if (args.json === true) writeJson(io, tuneSummary(study));
  // A journal that could not be written stopped the study as an interrupt does.
  else io.stdout.write(humanSummary(study, interrupted || study.stopReason === 'aborted'));
  // The journal, best.json or trials.csv could not be written: the result above and the journal
  // hold what was done, but the command must not look like a success.
  if (study.outputError !== undefined) {
    io.stderr.write(`kiln: ${study.outputError}\n`);
    return EXIT_USAGE;
  }
  if (interrupted) return EXIT_INTERRUPTED;
  return noTrialSucceeded(study) ? EXIT_NO_SUCCESS : 0;
}

/** Whether every trial failed (single objective: no complete trial, so no best either). */
function noTrialSucceeded(study: StudyResult<unknown>): boolean {
  if (study.trials === 0) return false;
  return study.paretoFront !== undefined
    ? study.failedTrials === study.trials
    : study.bestParams === undefined;
}

/** The JSON document of `kiln tune --json`. */
export function tuneSummary(study: StudyResult<unknown>): Record<string, unknown> {
  const { report, ...rest } = study;
  return { ...studyDocument(rest), ...(report ?? {}) };
}

// An unseeded config resumes with the seed its journal recorded.
function journaledSeed(output: string | undefined): number | string | undefined {
  if (output === undefined) return undefined;
  const header = readJsonLines(join(output, 'journal.jsonl')).records[0];
  if (!isRecord(header)) return undefined;
  return typeof header.seed === 'number' || typeof header.seed === 'string'
    ? header.seed
    : undefined;
}

function humanSummary(
  study: StudyResult<unknown> & { workersSeen?: number },
  interrupted: boolean,
): string {
  const rows: [string, string][] =
    study.paretoFront === undefined
      ? [
          [
            'best value',
            `${formatNumber(study.bestValue)}${study.bestTrial === undefined ? '' : ` (trial ${study.bestTrial})`}`,
          ],
          ['best params', formatCandidate(study.bestParams)],
        ]
      : frontRows(study);
  rows.push(
    [
      'trials',
      `${formatCount(study.trials)}${study.failedTrials > 0 ? ` (${study.failedTrials} failed)` : ''}${study.prunedTrials > 0 ? `, ${study.prunedTrials} pruned` : ''}${study.resumedTrials > 0 ? `, ${study.resumedTrials} resumed from the journal` : ''}`,
    ],
    ...study.failureMessages.map((message, i): [string, string] => [
      i === 0 ? (study.failureMessages.length === 1 ? 'failure' : 'failures') : '',
      message,
    ]),
    ...(study.epochs > 0 ? [['epochs', formatCount(study.epochs)] as [string, string]] : []),
    [
      'time',
      `${(study.elapsedMs / 1000).toFixed(1)} s, ${describeStop(study.stopReason)}${interrupted ? ' (run the same command to resume)' : ''}`,
    ],
  );
  for (const [key, value] of Object.entries(study.report ?? {})) {
    rows.push([key, typeof value === 'number' ? formatNumber(value) : String(value)]);
  }
  if (study.workersSeen !== undefined)
    rows.push(['queue workers', `${formatCount(study.workersSeen)} seen`]);
  if (study.output !== undefined) rows.push(['written to', study.output]);
  const width = maxOf(rows.map(([label]) => label.length)) + 2;
  const lines = rows.map(([label, value]) => `  ${label.padEnd(width)}${value}`);
  const verdict = noTrialSucceeded(study)
    ? `no trial succeeded: every one of the ${study.trials} trials failed (see failures above and the error column of trials.csv)\n`
    : '';
  return `${study.problem} tuned with ${study.solver} (seed ${study.seed})\n${lines.join('\n')}\n${verdict}`;
}

/** The config's reference point by objective name (an array is read in objective order). */
function referencePointByName(
  reference: number[] | Record<string, number>,
  problem: Problem<unknown>,
  configPath: string,
): Record<string, number> {
  const objectives = problem.objectives ?? [];
  // By name, it is checked with the study's other settings (checkMultiObjectiveStudy).
  if (!Array.isArray(reference)) return reference;
  const issues = referencePointIssues(
    reference,
    objectives.map((o) => o.name),
    '/referencePoint',
  );
  if (issues.length > 0) throw new ConfigError(configPath, issues);
  return checkReferencePoint(reference, objectives);
}

// The front of a multi-objective study: its size, hypervolume and first entries.
const FRONT_ROWS = 10;

function frontRows(study: StudyResult<unknown>): [string, string][] {
  const front = study.paretoFront ?? [];
  const reference = study.referencePoint ?? undefined;
  if (front.length === 0) return [['Pareto front', 'empty: no trial completed feasibly']];
  const rows: [string, string][] = [
    [
      'Pareto front',
      `${formatCount(front.length)} configuration${front.length === 1 ? '' : 's'} (pareto.csv)`,
    ],
    [
      'hypervolume',
      `${formatNumber(study.hypervolume ?? 0)}${
        reference === undefined
          ? ''
          : ` (reference ${Object.entries(reference)
              .map(([name, value]) => `${name} ${formatNumber(value)}`)
              .join(
                ', ',
              )}${study.referencePointDerived === true ? ', derived from the front' : ''})`
      }`,
    ],
  ];
  const beyond = beyondReferenceNote(front, study.objectives, reference);
  if (beyond !== undefined) rows.push(['', beyond]);
  for (const entry of front.slice(0, FRONT_ROWS)) {
    const values = Object.entries(entry.values).map(
      ([name, value]) => `${name} ${formatNumber(value)}`,
    );
    rows.push([
      `  trial ${entry.number}`,
      `${values.join(', ')}  ${formatCandidate(entry.parameters)}`,
    ]);
  }
  if (front.length > FRONT_ROWS)
    rows.push(['', `... ${front.length - FRONT_ROWS} more in pareto.csv`]);
  return rows;
}
