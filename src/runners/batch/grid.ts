// Grid expansion of a batch config: its problems (instances, dimensions, shifts, grids expanded),
// its solver variants and its seeds, with labels for reports and a stable key per run.
import { createHash } from 'node:crypto';
import { ConfigError, type ConfigIssue } from '../../core/errors.js';
import { declaredObjectiveNames } from '../../problems/declared-objectives.js';
import {
  batchSeeds,
  entryBudget,
  DEFAULT_TRACE_POINTS,
  type BatchBudget,
  type BatchConfig,
  type BatchProblemEntry,
} from '../../config/batch-config.js';

/** How a problem's success target is given: a value, or a gap to the known optimum. */
export type TargetSpec = { value: number } | { gapPercent: number };

/** One problem of the grid. */
export interface GridProblem {
  /** Label in reports and plot file names, unique in the batch. */
  label: string;
  /** The block `buildProblem` builds (batch-only fields removed). */
  block: Record<string, unknown>;
  budget: BatchBudget;
  target: TargetSpec | undefined;
  /** Multi-objective problems: the entry's hypervolume reference point, when it gives one. */
  referencePoint?: number[];
  /** Multi-objective problems: their objective names, as the config declares them. */
  objectives?: string[];
  /** JSON path of the entry it comes from, for messages. */
  path: string;
}

/** One solver variant of the grid. */
export interface GridSolver {
  label: string;
  type: string;
  params: Record<string, unknown>;
  path: string;
}

/** The expanded batch: runs are problems x solvers x seeds, in that nesting order. */
export interface BatchGrid {
  problems: GridProblem[];
  solvers: GridSolver[];
  seeds: number[];
  stopAtTarget: boolean;
  tracePoints: number;
}

/** One run of the grid. */
export interface GridRun {
  /** Position in the grid: ((problem * solvers) + solver) * seeds + seed index. */
  index: number;
  problem: GridProblem;
  solver: GridSolver;
  seed: number;
  seedIndex: number;
  /** Identifies the run across invocations: a hash of everything its result depends on. */
  key: string;
}

const BATCH_ONLY = [
  'name',
  'target',
  'targetGapPercent',
  'referencePoint',
  'budget',
  'instances',
  'dimensions',
  'shifts',
  'grid',
];

/** Expands a validated config; throws a ConfigError when two entries get the same label. */
export function expandGrid(config: BatchConfig, source = 'batch config'): BatchGrid {
  const issues: ConfigIssue[] = [];
  const problems = config.problems.flatMap((entry, index) =>
    expandProblem(config, entry, `/problems/${index}`),
  );
  const solvers = config.solvers.flatMap((entry, index) => {
    const { type, name, variants, ...shared } = entry;
    const base = name ?? type;
    const path = `/solvers/${index}`;
    if (variants === undefined) return [{ label: base, type, params: shared, path }];
    return Object.entries(variants).map(([variant, params]) => ({
      label: `${base}/${variant}`,
      type,
      params: { ...shared, ...params },
      path: `${path}/variants/${variant}`,
    }));
  });
  uniqueLabels(problems, 'problem', issues);
  uniqueLabels(solvers, 'solver', issues);
  if (issues.length > 0) throw new ConfigError(source, issues);
  return {
    problems,
    solvers,
    seeds: batchSeeds(config),
    stopAtTarget: config.stopAtTarget ?? false,
    tracePoints: config.tracePoints ?? DEFAULT_TRACE_POINTS,
  };
}

function uniqueLabels(
  items: { label: string; path: string }[],
  what: string,
  issues: ConfigIssue[],
): void {
  const first = new Map<string, string>();
  for (const item of items) {
    const earlier = first.get(item.label);
    if (earlier === undefined) first.set(item.label, item.path);
    else
      issues.push({
        path: item.path,
        message: `repeats the ${what} label ${JSON.stringify(item.label)} of ${earlier}`,
        hint: 'give one of them a "name"',
      });
  }
}

interface Axis {
  field: string;
  values: unknown[];
  /** Label part of each value. */
  parts: string[];
}

function shiftPart(value: unknown, index: number, count: number): string {
  if (value === false) return '';
  if (value === true) return 'shifted';
  return count > 1 ? `shift${index + 1}` : 'shift';
}

function expandProblem(config: BatchConfig, entry: BatchProblemEntry, path: string): GridProblem[] {
  const fields = entry as Record<string, unknown>;
  const block: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    if (!BATCH_ONLY.includes(key) || ('module' in fields && key === 'name')) block[key] = value;
  const axes: Axis[] = [];
  const instances = fields.instances as string[] | undefined;
  if (instances !== undefined)
    axes.push({ field: 'instance', values: instances, parts: instances });
  const dimensions = fields.dimensions as number[] | undefined;
  if (dimensions !== undefined)
    axes.push({ field: 'dimension', values: dimensions, parts: dimensions.map(String) });
  const shifts = fields.shifts as (boolean | number[])[] | undefined;
  if (shifts !== undefined)
    axes.push({
      field: 'shift',
      values: shifts,
      parts: shifts.map((s, i) => shiftPart(s, i, shifts.filter((v) => Array.isArray(v)).length)),
    });
  const grid = (fields.grid ?? {}) as Record<string, unknown[]>;
  for (const [field, values] of Object.entries(grid))
    axes.push({ field, values, parts: values.map((v) => `${field}=${partOf(v)}`) });

  const budget = entryBudget(config, entry);
  const targetSpec = target(config, entry);
  const reference = entry.referencePoint;
  const base = baseLabel(fields, axes);
  const out: GridProblem[] = [];
  const combine = (depth: number, current: Record<string, unknown>, parts: string[]): void => {
    if (depth === axes.length) {
      const label = [base, ...parts].filter((p) => p !== '').join('-');
      const objectives = declaredObjectiveNames(current);
      const referencePoint = inObjectiveOrder(reference, objectives);
      out.push({
        label,
        block: current,
        budget,
        target: targetSpec,
        ...(referencePoint === undefined ? {} : { referencePoint }),
        ...(objectives === undefined ? {} : { objectives }),
        path,
      });
      return;
    }
    const axis = axes[depth] as Axis;
    axis.values.forEach((value, i) => {
      const next = { ...current };
      if (axis.field === 'shift') {
        if (value === true) next.shifted = true;
        else if (Array.isArray(value)) next.shift = value;
      } else next[axis.field] = value;
      combine(depth + 1, next, [...parts, axis.parts[i] as string]);
    });
  };
  combine(0, block, []);
  return out;
}

// A reference point by objective name as an array in objective order (validation checked that it
// names each objective), so that both forms of one point give a run the same key.
function inObjectiveOrder(
  reference: number[] | Record<string, number> | undefined,
  objectives: readonly string[] | undefined,
): number[] | undefined {
  if (reference === undefined || Array.isArray(reference)) return reference;
  return objectives?.map((name) => reference[name] as number);
}

function partOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : createHash('sha1').update(JSON.stringify(value)).digest('hex').slice(0, 6);
}

// Without a name: the instance (or file) when fixed, else the type unless instances vary; then
// the fixed dimension and shift, so that labels read like the problems' own names
// (rastrigin-10-shifted, kroA100).
function baseLabel(fields: Record<string, unknown>, axes: Axis[]): string {
  if (typeof fields.name === 'string') return fields.name;
  if (typeof fields.module === 'string')
    return fields.module.replace(/^.*[\\/]/, '').replace(/\.[cm]?[jt]s$/, '');
  const parts: string[] = [];
  if (typeof fields.instance === 'string') parts.push(fields.instance);
  else if (typeof fields.path === 'string')
    parts.push(fields.path.replace(/^.*[\\/]/, '').replace(/\.\w+$/, ''));
  else if (!axes.some((a) => a.field === 'instance')) parts.push(String(fields.type));
  if (typeof fields.dimension === 'number') parts.push(String(fields.dimension));
  if (fields.shifted === true) parts.push('shifted');
  if (Array.isArray(fields.shift)) parts.push('shift');
  return parts.join('-');
}

function target(config: BatchConfig, entry: BatchProblemEntry): TargetSpec | undefined {
  if (entry.target !== undefined) return { value: entry.target };
  if (entry.targetGapPercent !== undefined) return { gapPercent: entry.targetGapPercent };
  if (config.target !== undefined) return { value: config.target };
  if (config.targetGapPercent !== undefined) return { gapPercent: config.targetGapPercent };
  const budgetTarget = entryBudget(config, entry).target;
  return budgetTarget === undefined ? undefined : { value: budgetTarget };
}

/** Key order-independent JSON, so that equal objects hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The key of a run: changes whenever its result could (problem, budget, target, solver and its
 * parameters, seed); not with labels or the trace resolution.
 */
export function runKey(
  grid: BatchGrid,
  problem: GridProblem,
  solver: GridSolver,
  seed: number,
): string {
  const identity = canonicalJson({
    problem: problem.block,
    budget: problem.budget,
    target: problem.target ?? null,
    ...(problem.referencePoint === undefined ? {} : { referencePoint: problem.referencePoint }),
    solver: solver.type,
    params: solver.params,
    seed,
    stopAtTarget: grid.stopAtTarget,
  });
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

/** Number of runs in the grid. */
export function runCount(grid: BatchGrid): number {
  return grid.problems.length * grid.solvers.length * grid.seeds.length;
}

/** Every run of the grid, in grid order (lazily: large grids are never materialized at once). */
export function* gridRuns(grid: BatchGrid): Generator<GridRun> {
  let index = 0;
  for (const problem of grid.problems)
    for (const solver of grid.solvers)
      for (let seedIndex = 0; seedIndex < grid.seeds.length; seedIndex++) {
        const seed = grid.seeds[seedIndex] as number;
        yield { index, problem, solver, seed, seedIndex, key: runKey(grid, problem, solver, seed) };
        index++;
      }
}
