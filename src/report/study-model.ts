// A study as its report sees it: trials in number order with their parameters, values, times
// and intermediate values, the best trial, the parameters, and the study's state.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isRecord } from '../core/guards.js';
import type { SpaceSpec } from '../core/space.js';
import type { ObjectiveDeclaration } from '../multi-objective/objectives.js';
import {
  flattenParameters,
  studyParameters,
  type FlatParameters,
  type ParameterInfo,
} from './parameters.js';
import { studyState, type SessionProbe, type StudyState } from './study-state.js';
import { readStudyRecords, type RawTrial, type StudyRecords } from './study-records.js';
import { maxOf, minOf } from '../core/extremes.js';

/** How a trial ended. Pruned trials come from studies with a pruner. */
export type TrialStatus = 'complete' | 'failed' | 'pruned';

/** One trial of the report. Values are in the user's terms. */
export interface ReportTrial {
  number: number;
  status: TrialStatus;
  /** The objective value (a pruned trial's last reported value; null when failed). */
  value: number | null;
  /** All objective values of a multi-objective trial. */
  values: number[] | null;
  /** Multi-objective trials: the constraint violation (0 when feasible). */
  violation: number;
  params: FlatParameters;
  error: string | undefined;
  durationMs: number;
  /** Start and end in milliseconds since the first trial started (absent in older journals). */
  startMs: number | undefined;
  endMs: number | undefined;
  /** Intermediate values as [step, value], by step. */
  intermediate: [number, number][];
}

/** Everything the study report draws. */
export interface StudyModel {
  folder: string;
  solver: string;
  problem: string;
  seed: string;
  direction: 'minimize' | 'maximize';
  /** Number of objectives (more than one: a multi-objective study). */
  objectives: number;
  /** The declared objectives of a multi-objective study (names f1, f2, ... when not journaled). */
  objectiveDeclarations: ObjectiveDeclaration[];
  /** A multi-objective study's configured reference point (user's terms), from best.json. */
  referencePoint: Record<string, number> | undefined;
  spaceKind: string | undefined;
  parameters: ParameterInfo[];
  trials: ReportTrial[];
  best: ReportTrial | undefined;
  state: StudyState;
  /** Search time over all sessions, in milliseconds. */
  elapsedMs: number;
  /** Worker threads of each session. */
  workers: number[];
  warnings: string[];
}

const finiteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * Intermediate values as sorted [step, value] pairs, from the shapes a journal may hold: pairs,
 * {step, value} objects, a step-to-value map, or a plain list (step = position). The first value
 * reported at a step stands.
 */
export function intermediateValues(raw: unknown): [number, number][] {
  const pairs: [number, number][] = [];
  if (Array.isArray(raw)) {
    raw.forEach((entry: unknown, position) => {
      if (finiteNumber(entry)) pairs.push([position, entry]);
      else if (Array.isArray(entry) && finiteNumber(entry[0]) && finiteNumber(entry[1]))
        pairs.push([entry[0], entry[1]]);
      else if (isRecord(entry) && finiteNumber(entry.step) && finiteNumber(entry.value))
        pairs.push([entry.step, entry.value]);
    });
  } else if (isRecord(raw)) {
    for (const [step, value] of Object.entries(raw))
      if (finiteNumber(value) && Number.isFinite(Number(step))) pairs.push([Number(step), value]);
  }
  const byStep = new Map<number, number>();
  for (const [step, value] of pairs) if (!byStep.has(step)) byStep.set(step, value);
  return [...byStep].sort((a, b) => a[0] - b[0]);
}

function reportTrial(raw: RawTrial): ReportTrial {
  const values = Array.isArray(raw.values) && raw.values.every(finiteNumber) ? raw.values : null;
  const value = finiteNumber(raw.value) ? raw.value : values?.length === 1 ? values[0] : null;
  const status: TrialStatus =
    raw.status === 'pruned'
      ? 'pruned'
      : raw.status === 'complete' && (value !== null || values !== null)
        ? 'complete'
        : 'failed';
  const finished = typeof raw.finishedAt === 'string' ? Date.parse(raw.finishedAt) : NaN;
  const durationMs = finiteNumber(raw.durationMs) ? raw.durationMs : 0;
  return {
    number: raw.number,
    status,
    value: value ?? null,
    values,
    violation: finiteNumber(raw.violation) ? raw.violation : 0,
    params: flattenParameters(raw.params),
    error: typeof raw.error === 'string' ? raw.error : undefined,
    durationMs,
    startMs: Number.isNaN(finished) ? undefined : finished - durationMs,
    endMs: Number.isNaN(finished) ? undefined : finished,
    intermediate: intermediateValues(raw.intermediate),
  };
}

/** The best complete trial (the lowest number among equal values). */
export function bestTrial(
  trials: readonly ReportTrial[],
  direction: 'minimize' | 'maximize',
): ReportTrial | undefined {
  const sign = direction === 'maximize' ? -1 : 1;
  let best: ReportTrial | undefined;
  for (const trial of trials) {
    if (trial.status !== 'complete' || trial.value === null) continue;
    if (best === undefined || sign * trial.value < sign * (best.value as number)) best = trial;
  }
  return best;
}

// Trial times are relative to `origin` (epoch milliseconds) by then.
function elapsed(records: StudyRecords, trials: readonly ReportTrial[], origin: number): number {
  let total = 0;
  for (const { start, end } of records.sessions) {
    if (end !== undefined) {
      total += end.elapsedMs;
      continue;
    }
    const since = Date.parse(start.startedAt);
    const ends = trials.map((t) => origin + (t.endMs ?? NaN)).filter((t) => t >= since);
    if (ends.length > 0) total += maxOf(ends) - since;
  }
  if (records.sessions.length === 0) return trials.reduce((sum, t) => sum + t.durationMs, 0);
  return total;
}

// A registry problem by its type; a user module by its file name and export.
function problemName(problem: unknown): string {
  if (!isRecord(problem)) return 'problem';
  if (typeof problem.module === 'string') {
    const file = basename(problem.module);
    const name = typeof problem.export === 'string' ? problem.export : 'default';
    return name === 'default' ? file : `${file} (${name})`;
  }
  return textField(problem, 'type') ?? textField(problem, 'name') ?? 'problem';
}

const textField = (record: Record<string, unknown>, field: string): string | undefined =>
  typeof record[field] === 'string' ? record[field] : undefined;

/** Builds the model of the study journaled in `records`. */
export function studyModel(
  folder: string,
  records: StudyRecords,
  probe?: SessionProbe,
): StudyModel {
  const byNumber = new Map<number, ReportTrial>();
  // A trial journaled twice (a resumed session ran it again) keeps its latest record.
  for (const raw of records.trials) byNumber.set(raw.number, reportTrial(raw));
  const trials = [...byNumber.values()].sort((a, b) => a.number - b.number);
  const starts = trials.map((t) => t.startMs).filter((t): t is number => t !== undefined);
  const origin = starts.length === 0 ? 0 : minOf(starts);
  for (const trial of trials) {
    if (trial.startMs !== undefined) trial.startMs -= origin;
    if (trial.endMs !== undefined) trial.endMs -= origin;
  }
  const { header } = records;
  const direction = header.direction === 'maximize' ? 'maximize' : 'minimize';
  const space: SpaceSpec | undefined = header.space;
  const declared = Array.isArray(header.objectives) ? header.objectives : [];
  const objectives = Math.max(declared.length, 1, ...trials.map((t) => t.values?.length ?? 1));
  return {
    folder,
    solver: (isRecord(header.solver) ? textField(header.solver, 'type') : undefined) ?? 'solver',
    problem: problemName(header.problem),
    seed: String(header.seed),
    direction,
    objectives,
    objectiveDeclarations:
      objectives > 1
        ? Array.from({ length: objectives }, (_, i) => ({
            name: declared[i]?.name ?? `f${i + 1}`,
            direction: declared[i]?.direction ?? 'minimize',
          }))
        : [],
    referencePoint: undefined,
    spaceKind: space?.kind,
    parameters: studyParameters(
      space,
      trials.map((t) => t.params),
    ),
    trials,
    best: bestTrial(trials, direction),
    state: studyState(records, probe),
    elapsedMs: elapsed(records, trials, origin),
    workers: records.sessions.map((s) => s.start.workers),
    warnings: records.warnings,
  };
}

/** Reads the study in `folder` into its report model. */
export function readStudyModel(folder: string, probe?: SessionProbe): StudyModel {
  const model = studyModel(folder, readStudyRecords(folder), probe);
  return model.objectives > 1 ? { ...model, referencePoint: configuredReference(folder) } : model;
}

// The reference point best.json records as given in the config (not derived), if any: the
// journal header does not hold it.
function configuredReference(folder: string): Record<string, number> | undefined {
  let best: unknown;
  try {
    best = JSON.parse(readFileSync(join(folder, 'best.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(best) || best.referencePointDerived !== false) return undefined;
  const reference = best.referencePoint;
  if (!isRecord(reference) || !Object.values(reference).every(finiteNumber)) return undefined;
  return reference as Record<string, number>;
}
