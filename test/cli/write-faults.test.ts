// Commands whose files cannot be written part way through (a disk that fills up), in-process:
// the failing write is injected by a stub of node:fs, so the disk need not really be full. Each
// command exits with code 2 and a message naming the file, and keeps what it had written before.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasStackTrace, runCli, temporaryFolder } from '../helpers/cli.js';

// The writes to fail: a test sets `failing` to a test on what is written and where.
const faults = vi.hoisted(() => ({
  failing: undefined as ((text: string) => boolean) | undefined,
}));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const full = (syscall: string): NodeJS.ErrnoException =>
    Object.assign(new Error(`ENOSPC: no space left on device, ${syscall}`), {
      code: 'ENOSPC',
      errno: -28,
      syscall,
    });
  const writeSync = (fd: number, data: unknown, ...rest: unknown[]): number => {
    if (faults.failing?.(String(data)) === true) throw full('write');
    return (fs.writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
  };
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

afterEach(() => {
  faults.failing = undefined;
});

const objectives = fileURLToPath(new URL('../fixtures/objectives/study.mjs', import.meta.url));

describe('kiln tune on a disk that fills up', { timeout: 60_000 }, () => {
  it('stops, prints the study so far and exits 2, keeping the journal to resume from', async () => {
    const folder = temporaryFolder();
    writeFileSync(
      join(folder, 'tune.json'),
      JSON.stringify({
        problem: { module: objectives, export: 'default' },
        space: { x: { type: 'real', low: -1, high: 1 }, y: { type: 'real', low: -1, high: 1 } },
        solver: { type: 'random-search', batchSize: 1 },
        budget: { evaluations: 8 },
        seed: 1,
        workers: 1,
        output: 'study',
      }),
    );
    faults.failing = (text) => text.includes('"number":4,');
    const outcome = await runCli(['tune', 'tune.json', '--json'], folder);
    const journal = join(folder, 'study', 'journal.jsonl');
    expect(outcome.code, outcome.stderr).toBe(2);
    expect(outcome.stderr).toContain(
      `kiln: ${journal}: cannot write the journal (no space left on the device, ENOSPC)`,
    );
    expect(hasStackTrace(outcome.stderr)).toBe(false);
    expect(JSON.parse(outcome.stdout)).toMatchObject({ trials: 4, stopReason: 'aborted' });
    const trials = readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .filter((line) => line.includes('"type":"trial"'));
    expect(trials).toHaveLength(3);
    expect(existsSync(join(folder, 'study', 'kiln.lock'))).toBe(false);

    // Space again: the study resumes from the 3 journaled trials.
    faults.failing = undefined;
    const resumed = await runCli(['tune', 'tune.json', '--json'], folder);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ trials: 8, resumedTrials: 3 });
  });
});
