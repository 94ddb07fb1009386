// Output folders that cannot be made: a read-only disk is emulated by a stub of node:fs that
// answers as Node does there, ENOENT for a recursive mkdir and EROFS for a single folder.
import { mkdirSync as realMkdir, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasStackTrace, runCli, temporaryFolder } from '../helpers/cli.js';
import { prepareOutputFolder } from '../../src/runners/output-folder.js';

// Folders under `readOnly` cannot be made.
const disk = vi.hoisted(() => ({ readOnly: undefined as string | undefined }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const mkdirSync = (path: unknown, options?: unknown): unknown => {
    const under = disk.readOnly !== undefined && String(path).startsWith(`${disk.readOnly}/`);
    if (under && !fs.existsSync(String(path))) {
      const recursive = (options as { recursive?: boolean } | undefined)?.recursive === true;
      const code = recursive ? 'ENOENT' : 'EROFS';
      throw Object.assign(new Error(`${code}: mkdir '${String(path)}'`), {
        code,
        syscall: 'mkdir',
        path,
      });
    }
    return (fs.mkdirSync as (...args: unknown[]) => unknown)(path, options);
  };
  return { ...fs, default: { ...fs, mkdirSync }, mkdirSync };
});

afterEach(() => {
  disk.readOnly = undefined;
});

function readOnlyDisk(): string {
  const root = join(temporaryFolder(), 'ro');
  realMkdir(root);
  disk.readOnly = root;
  return root;
}

describe('an output folder on a read-only disk', () => {
  it('is refused with the reason, naming the folder', () => {
    const folder = join(readOnlyDisk(), 'a', 'b');
    expect(() => prepareOutputFolder(folder)).toThrow(
      `${folder}: cannot use it as the output folder (read-only file system, EROFS)`,
    );
  });

  it('makes kiln run exit 2 with that message and no stack trace', async () => {
    const cwd = temporaryFolder();
    writeFileSync(
      join(cwd, 'run.json'),
      JSON.stringify({
        problem: { type: 'sphere', dimension: 2 },
        solver: { type: 'random-search' },
        budget: { evaluations: 10 },
        seed: 1,
      }),
    );
    const folder = join(readOnlyDisk(), 'x');
    const outcome = await runCli(['run', 'run.json', '--output', folder], cwd);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toBe(
      `kiln: ${folder}: cannot use it as the output folder (read-only file system, EROFS)\n`,
    );
    expect(hasStackTrace(outcome.stderr)).toBe(false);
  });
});
