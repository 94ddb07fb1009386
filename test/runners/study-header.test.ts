// Resuming a study checks its journal header: a refusal names the first setting that differs,
// with both values, and a file whose contents changed is refused whatever its path.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStudyHeader, studyHeader, type StudyHeader } from '../../src/runners/study-header.js';
import { temporaryFolder } from '../helpers/cli.js';

function header(
  baseDir: string,
  problem: Record<string, unknown>,
  solver: Record<string, unknown> = { type: 'random-search' },
): StudyHeader {
  return studyHeader({ seed: 1, solver, problem, direction: 'minimize' }, baseDir);
}

function refusal(found: StudyHeader, expected: StudyHeader, baseDir: string): string {
  try {
    checkStudyHeader('out/journal.jsonl', found, expected, baseDir);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the header was accepted');
}

const space = (high: number): Record<string, unknown> => ({
  x: { type: 'real', low: 0, high },
  y: { type: 'real', low: -1, high: 1 },
  note: 'a long description that pushes the differing field past any prefix of 80 characters',
});

describe('checkStudyHeader', () => {
  it('names the first differing field of the problem and both of its values', () => {
    const baseDir = temporaryFolder();
    const message = refusal(
      header(baseDir, { type: 'sphere', space: space(1) }),
      header(baseDir, { type: 'sphere', space: space(2) }),
      baseDir,
    );
    expect(message).toBe(
      'out/journal.jsonl: this folder holds a study with a different problem (problem.space.x.high was 1, now 2); resume it with the same config, or choose a new output folder',
    );
  });

  it('names a setting given on one side only, and array positions', () => {
    const baseDir = temporaryFolder();
    expect(
      refusal(
        header(baseDir, { type: 'sphere' }, { type: 'tpe', sizes: [1, 2] }),
        header(baseDir, { type: 'sphere' }, { type: 'tpe', sizes: [1, 3], extra: true }),
        baseDir,
      ),
    ).toContain('a different solver (solver.sizes[1] was 2, now 3)');
    expect(
      refusal(
        header(baseDir, { type: 'sphere' }, { type: 'tpe' }),
        header(baseDir, { type: 'sphere' }, { type: 'tpe', extra: true }),
        baseDir,
      ),
    ).toContain('a different solver (solver.extra was none given, now true)');
  });

  it('refuses a data file edited at the same path, naming it', () => {
    const baseDir = temporaryFolder();
    writeFileSync(join(baseDir, 'data.csv'), 'x,y\n1,2\n');
    const found = header(baseDir, { type: 'classifier', path: './data.csv' });
    writeFileSync(join(baseDir, 'data.csv'), 'x,y\n1,3\n');
    const expected = header(baseDir, { type: 'classifier', path: './data.csv' });
    expect(refusal(found, expected, baseDir)).toContain(
      `problem.path "data.csv", and the contents of that file (${join(baseDir, 'data.csv')}) changed since`,
    );
  });

  it('accepts the same study with files of the same contents', () => {
    const baseDir = temporaryFolder();
    writeFileSync(join(baseDir, 'data.csv'), 'x,y\n1,2\n');
    const make = (): StudyHeader =>
      header(baseDir, { type: 'classifier', path: 'data.csv', space: space(1) });
    expect(() => checkStudyHeader('out/journal.jsonl', make(), make(), baseDir)).not.toThrow();
  });
});
