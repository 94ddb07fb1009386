// The header of a study journal: what identifies the study, with file paths recorded relative
// to the config's folder (and their contents' digests), so that a moved or re-cloned project
// resumes its studies; resuming is refused when anything else differs.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { KilnError, describeValue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { firstDifference, type JsonDifference } from '../core/json-difference.js';
import type { SpaceSpec } from '../core/space.js';
import type { ObjectiveDeclaration } from '../multi-objective/objectives.js';

/** What identifies a study: resuming is refused when any of it differs. */
export interface StudyHeader {
  type: 'study';
  version: 1;
  seed: number | string;
  solver: Record<string, unknown>;
  /** The problem spec, its file fields (`module`, `path`) relative to the config's folder. */
  problem: Record<string, unknown>;
  direction: 'minimize' | 'maximize';
  /** The pruner block, when the study prunes. */
  pruner?: Record<string, unknown>;
  /** The objectives of a multi-objective study, in the order of each trial's `values`. */
  objectives?: ObjectiveDeclaration[];
  /** The space searched (for reports; not compared when resuming). */
  space?: SpaceSpec;
  /** SHA-256 of the files the problem reads, by field. */
  digests?: Record<string, string>;
}

// Problem fields that name files.
const FILE_FIELDS = ['module', 'path'] as const;

/** The header of a study whose problem spec resolves its files against `baseDir`. */
export function studyHeader(
  fields: Omit<StudyHeader, 'type' | 'version' | 'digests'>,
  baseDir: string,
): StudyHeader {
  const problem = { ...fields.problem };
  const digests: Record<string, string> = {};
  for (const field of FILE_FIELDS) {
    const value = problem[field];
    if (typeof value !== 'string') continue;
    const absolute = resolve(baseDir, value);
    problem[field] = relative(baseDir, absolute).split(sep).join('/');
    const digest = fileDigest(absolute);
    if (digest !== undefined) digests[field] = digest;
  }
  return {
    type: 'study',
    version: 1,
    ...fields,
    problem,
    ...(Object.keys(digests).length === 0 ? {} : { digests }),
  };
}

/**
 * Checks that the journal header `found` belongs to the study `expected`. File fields match
 * when the files have the contents recorded in the header, whether the path relative to the
 * config is the same or not (a moved project, or a journal from before relative paths, which
 * holds absolute ones).
 */
export function checkStudyHeader(
  path: string,
  found: unknown,
  expected: StudyHeader,
  baseDir: string,
): void {
  if (!isRecord(found) || found.type !== 'study') {
    throw new KilnError(
      'E_JOURNAL',
      `${path}: the first line must be the study header; this folder holds something else (use a new output folder)`,
    );
  }
  // The objectives first: without them a study's default solver changes too (motpe, tpe), and
  // the objectives are what the user changed.
  for (const field of ['objectives', 'seed', 'solver', 'direction', 'pruner'] as const) {
    refuseDifference(path, field, found[field], expected[field]);
  }
  const before = isRecord(found.problem) ? found.problem : {};
  const now = expected.problem;
  const withoutFiles = (problem: Record<string, unknown>): Record<string, unknown> => ({
    ...problem,
    module: undefined,
    path: undefined,
  });
  refuseDifference(path, 'problem', withoutFiles(before), withoutFiles(now));
  const digests = isRecord(found.digests) ? found.digests : {};
  for (const field of FILE_FIELDS) {
    if (before[field] === undefined && now[field] === undefined) continue;
    if (typeof before[field] !== 'string' || typeof now[field] !== 'string') {
      refuse(path, 'problem', {
        path: `problem.${field}`,
        before: before[field],
        after: now[field],
      });
    }
    const file = resolve(baseDir, now[field]);
    const current = fileDigest(file);
    const recorded =
      typeof digests[field] === 'string'
        ? digests[field]
        : isAbsolute(before[field])
          ? fileDigest(before[field])
          : undefined;
    if (before[field] === now[field]) {
      // A journal without a digest, or a file gone, cannot be compared: loading the problem
      // reports a missing file.
      if (recorded === undefined || current === undefined || recorded === current) continue;
      throw new KilnError(
        'E_JOURNAL',
        `${path}: this folder holds a study of problem.${field} ${describeValue(now[field], 80)}, and the contents of that file (${file}) changed since; resume it with the file as it was, or choose a new output folder`,
      );
    }
    if (current === undefined || recorded !== current) {
      throw new KilnError(
        'E_JOURNAL',
        `${path}: this folder holds a study of problem.${field} ${describeValue(before[field], 80)}, and the config now names ${describeValue(now[field], 80)}, a file with other contents; resume it with the same file, or choose a new output folder`,
      );
    }
  }
}

// Refuses the journal when `found` and `expected` differ, naming the first setting that does.
function refuseDifference(path: string, field: string, found: unknown, expected: unknown): void {
  const difference = firstDifference(found, expected, field);
  if (difference !== undefined) refuse(path, field, difference);
}

// How a refusal names a header field where its name reads badly after "a different".
const FIELD_NAMES: Readonly<Record<string, string>> = { objectives: 'objective list' };

function refuse(path: string, field: string, difference: JsonDifference): never {
  const { path: where, before, after } = difference;
  throw new KilnError(
    'E_JOURNAL',
    `${path}: this folder holds a study with a different ${FIELD_NAMES[field] ?? field} (${where} was ${describeSetting(before)}, now ${describeSetting(after)}); resume it with the same config, or choose a new output folder`,
  );
}

function describeSetting(value: unknown): string {
  return value === undefined ? 'none given' : describeValue(value, 80);
}

function fileDigest(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}
