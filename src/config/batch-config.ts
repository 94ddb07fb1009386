// The batch config (`kiln batch`): problems x solver variants x seeds under a common budget.
// Its JSON Schema is in batch-config-schema.ts; here the types, the validation (the schema, then
// the checks a schema cannot express) and the budgets and seeds of a validated config.
import { batchSolverIssues } from './solver-params.js';
import { entryObjectiveIssues, solverObjectiveIssues } from './batch-objectives.js';
import { placeDatasetIssues } from './dataset-placement.js';
import { runCountIssues } from './batch-run-count.js';
import { solvers } from '../algorithms/registry.js';
import { ConfigError, type ConfigIssue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { JsonSchema } from '../core/solver.js';
import { problems } from '../problems/registry.js';
import type { Budget } from '../runners/budget.js';
import { mergeIssues, spaceIssues } from './space-issues.js';
import { validateAgainst } from './validate.js';
import {
  configSchema,
  moduleEntrySchema,
  problemEntryFor,
  solverEntryFor,
  typeSchema,
} from './batch-config-schema.js';

export {
  batchBudgetSchema,
  batchConfigSchema,
  batchProblemEntrySchema,
  batchSolverEntrySchema,
} from './batch-config-schema.js';

/** A batch budget: a run budget, or evaluations per variable of the problem (COCO style). */
export interface BatchBudget extends Budget {
  /** The budget of a run is this times its problem's dimension (give this or `evaluations`). */
  evaluationsPerDimension?: number;
}

/** Fields a problem entry accepts whatever its type: naming, success target, budget. */
export interface ProblemEntryCommon {
  /** Label in reports; grid expansions append what varies (`-30`, `-shifted`...). */
  name?: string;
  maximize?: boolean;
  /** A run succeeds once its best value reaches this (for success rates and ERT). */
  target?: number;
  /** A run succeeds within this percentage of the known optimum. */
  targetGapPercent?: number;
  /** Fields that replace the common budget's for this problem. */
  budget?: BatchBudget;
  /** Multi-objective problems: the hypervolume reference point, in objective order or by name. */
  referencePoint?: number[] | Record<string, number>;
}

/** A problem entry naming a registry type, with optional lists to expand. */
export interface TypedProblemEntry extends ProblemEntryCommon {
  type: string;
  /** One problem per instance (sets `instance`). */
  instances?: string[];
  /** One problem per dimension (sets `dimension`). */
  dimensions?: number[];
  /** One problem per shift: `false` plain, `true` the reference shift, or a shift vector. */
  shifts?: (boolean | number[])[];
  /** Any other parameter: one problem per combination of the listed values. */
  grid?: Record<string, unknown[]>;
  [parameter: string]: unknown;
}

/** A problem entry naming a user module. */
export interface ModuleProblemEntry extends ProblemEntryCommon {
  module: string;
  export?: string;
  space: Record<string, unknown>;
}

export type BatchProblemEntry = TypedProblemEntry | ModuleProblemEntry;

/** A solver entry: a registry name, common parameters, and optional named variants. */
export interface BatchSolverEntry {
  type: string;
  /** Label in reports (defaults to the type). */
  name?: string;
  /** Named parameter sets, each run as its own solver variant over the common parameters. */
  variants?: Record<string, Record<string, unknown>>;
  [parameter: string]: unknown;
}

/** A validated batch config. */
export interface BatchConfig {
  $schema?: string;
  description?: string;
  problems: BatchProblemEntry[];
  solvers: BatchSolverEntry[];
  /** Seeds: a list, or a count n for the seeds 1..n. */
  seeds: number | number[];
  budget: BatchBudget;
  /** Default success target of the problems that set none. */
  target?: number;
  /** Default success gap (percent of the known optimum) of the problems that set none. */
  targetGapPercent?: number;
  /** Stop each run once it reaches its problem's target. @defaultValue false */
  stopAtTarget?: boolean;
  /** Points kept of each run's best-so-far trace in the journal. @defaultValue 100 */
  tracePoints?: number;
  /** Worker threads, one run each at a time. @defaultValue the number of CPUs */
  workers?: number;
  /** Per-evaluation time limit in seconds: an evaluation past it ends its run, as failed. */
  timeoutSeconds?: number;
  /** Heap limit of each worker thread in MB. */
  memoryLimitMb?: number;
  output?: string;
}

/** Default of {@link BatchConfig.tracePoints}. */
export const DEFAULT_TRACE_POINTS = 100;

let outline: JsonSchema | undefined;

/**
 * Validates a batch config: the schema, and the checks a schema cannot express (fields that
 * exclude each other, a budget that can end every run, what problems with several objectives
 * refuse). Every issue is reported at once.
 */
export function validateBatchConfig(data: unknown, source: string): BatchConfig {
  // The outline checks everything but the entries, which are checked against the schema of
  // their own type: the same messages as the whole schema, at a fraction of its compile time.
  outline ??= configSchema({ type: 'object' }, { type: 'object' });
  const issues = placeDatasetIssues(
    data,
    mergeIssues(
      [...validateAgainst(outline, data), ...entryIssues(data)].flatMap(tidyIssue),
      semanticIssues(data),
    ),
  );
  if (issues.length > 0) throw new ConfigError(source, issues);
  return data as BatchConfig;
}

let problemTypes: JsonSchema | undefined;
let solverTypes: JsonSchema | undefined;

function entryIssues(data: unknown): ConfigIssue[] {
  if (!isRecord(data)) return [];
  problemTypes ??= typeSchema('problem', problems.names());
  solverTypes ??= typeSchema('solver', solvers.names());
  const issues: ConfigIssue[] = [];
  const each = (list: unknown, check: (entry: Record<string, unknown>, path: string) => void) => {
    if (Array.isArray(list))
      (list as unknown[]).forEach((entry, i) => {
        if (isRecord(entry)) check(entry, String(i));
      });
  };
  each(data.problems, (entry, i) => {
    const path = `/problems/${i}`;
    const type = entry.type;
    const schema =
      'module' in entry
        ? moduleEntrySchema
        : typeof type === 'string' && problems.has(type)
          ? problemEntryFor(type)
          : (problemTypes as JsonSchema);
    issues.push(...validateAgainst(schema, entry, path));
  });
  each(data.solvers, (entry, i) => {
    const type = entry.type;
    const schema =
      typeof type === 'string' && solvers.has(type)
        ? solverEntryFor(type)
        : (solverTypes as JsonSchema);
    issues.push(...validateAgainst(schema, entry, `/solvers/${i}`));
  });
  return issues;
}

// Two of ajv's messages in words: a repeated list item, and a bad variant name (which ajv
// reports twice, at the variants object); the latter moves to the name's own path.
function tidyIssue(issue: ConfigIssue): ConfigIssue[] {
  const repeated =
    /^must NOT have duplicate items \(items ## (\d+) and (\d+) are identical\) (.*)$/.exec(
      issue.message,
    );
  if (repeated !== null)
    return [
      {
        path: issue.path,
        message: `must not repeat a value (items ${repeated[2]} and ${repeated[1]} are equal) ${repeated[3]}`,
      },
    ];
  if (!/\/variants$/.test(issue.path)) return [issue];
  if (issue.message.startsWith('property name')) return [];
  const name = /^must match \S+ \(got (".*")\)$/.exec(issue.message)?.[1];
  if (name === undefined) return [issue];
  return [
    {
      path: `${issue.path}/${JSON.parse(name) as string}`,
      message: `is not a valid variant name: start with a letter or digit, then letters, digits, _ . + - (got ${name})`,
    },
  ];
}

const RUN_LIMITS = ['evaluations', 'evaluationsPerDimension', 'seconds', 'stagnation'] as const;

function bothEvaluationLimits(budget: BatchBudget, path: string, issues: ConfigIssue[]): void {
  if (budget.evaluations !== undefined && budget.evaluationsPerDimension !== undefined)
    issues.push({
      path: `${path}/evaluationsPerDimension`,
      message: 'must not be given together with evaluations',
      hint: 'keep one of the two',
    });
}

function exclusive(
  entry: Record<string, unknown>,
  field: string,
  others: readonly string[],
  path: string,
  issues: ConfigIssue[],
): void {
  if (entry[field] === undefined) return;
  const clash = others.find((other) => entry[other] !== undefined);
  if (clash !== undefined)
    issues.push({
      path: `${path}/${field}`,
      message: `must not be given together with ${clash}`,
      hint: `${field} lists the values of ${clash}`,
    });
}

// Grid keys that a dedicated list field already covers.
const LIST_FIELDS: Record<string, string> = {
  dimension: 'dimensions',
  instance: 'instances',
  shift: 'shifts',
  shifted: 'shifts',
};

// Runs on unvalidated data too, so that these issues are reported along with the schema's.
function semanticIssues(data: unknown): ConfigIssue[] {
  if (!isRecord(data)) return [];
  const issues: ConfigIssue[] = runCountIssues(data);
  exclusive(data, 'targetGapPercent', ['target'], '', issues);
  const budget = isRecord(data.budget) ? (data.budget as BatchBudget) : undefined;
  if (budget !== undefined) bothEvaluationLimits(budget, '/budget', issues);
  const entries = Array.isArray(data.problems) ? (data.problems as unknown[]) : [];
  entries.forEach((entry, index) => {
    if (!isRecord(entry)) return;
    const path = `/problems/${index}`;
    exclusive(entry, 'targetGapPercent', ['target'], path, issues);
    exclusive(entry, 'dimensions', ['dimension'], path, issues);
    exclusive(entry, 'instances', ['instance', 'path'], path, issues);
    exclusive(entry, 'shifts', ['shift', 'shifted'], path, issues);
    if ('module' in entry) issues.push(...spaceIssues(entry.space, `${path}/space`));
    issues.push(...entryObjectiveIssues(entry, path, budget));
    if (isRecord(entry.grid)) {
      for (const key of Object.keys(entry.grid)) {
        const clash = [key, LIST_FIELDS[key]].find(
          (f) => f !== undefined && entry[f] !== undefined,
        );
        if (clash !== undefined)
          issues.push({
            path: `${path}/grid/${key}`,
            message: `must not be given together with ${clash}`,
          });
      }
    }
    const own = isRecord(entry.budget) ? (entry.budget as BatchBudget) : undefined;
    if (own !== undefined) bothEvaluationLimits(own, `${path}/budget`, issues);
    if (budget === undefined && own === undefined) return;
    const merged = mergeBudgets(budget ?? {}, own);
    if (!RUN_LIMITS.some((limit) => merged[limit] !== undefined))
      issues.push({
        path: own === undefined ? '/budget' : `${path}/budget`,
        message: `must set at least one of ${RUN_LIMITS.join(', ')} (got ${JSON.stringify(merged)})`,
        hint: 'a target alone may never be reached',
      });
  });
  if (Array.isArray(data.solvers)) {
    issues.push(...solverObjectiveIssues(entries, data.solvers as unknown[]));
    issues.push(...batchSolverIssues(data.solvers as unknown[]));
  }
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function mergeBudgets(common: BatchBudget, own: BatchBudget | undefined): BatchBudget {
  const merged: BatchBudget = { ...common, ...own };
  // An entry's own kind of evaluation limit replaces the common one of the other kind.
  if (own?.evaluations !== undefined) delete merged.evaluationsPerDimension;
  if (own?.evaluationsPerDimension !== undefined) delete merged.evaluations;
  return merged;
}

/** The budget of one problem entry: its own fields over the common budget. */
export function entryBudget(config: BatchConfig, entry: BatchProblemEntry): BatchBudget {
  return mergeBudgets(config.budget, entry.budget);
}

/** The seeds a config lists (a count n means 1..n). */
export function batchSeeds(config: Pick<BatchConfig, 'seeds'>): number[] {
  return typeof config.seeds === 'number'
    ? Array.from({ length: config.seeds }, (_, i) => i + 1)
    : config.seeds.slice();
}
