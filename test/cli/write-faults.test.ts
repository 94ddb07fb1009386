// Commands whose files cannot be written part way through (a disk that fills up), in-process:
// the failing write is injected by a stub of node:fs, so the disk need not really be full. Each
// command exits with code 2 and a message naming the file, and keeps what it had written before.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasStackTrace, runCli, temporaryFolder } from '../helpers/cli.js';

// The writes to fail: a test sets `failing` to a test on what is written and where (the path
// of writeFileSync; writeSync writes to an open file and has none).
const faults = vi.hoisted(() => ({
  failing: undefined as ((text: string, path?: string) => boolean) | undefined,
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
  // As a full disk does, the file is written in part before the write fails.
  const writeFileSync = (path: unknown, data: unknown, ...rest: unknown[]): void => {
    const write = fs.writeFileSync as (...args: unknown[]) => void;
    if (typeof path === 'string' && faults.failing?.(String(data), path) === true) {
      const text = String(data);
      write(path, text.slice(0, text.length >> 1));
      throw full('write');
    }
    write(path, data, ...rest);
  };
  return {
    ...fs,
    default: { ...fs, writeSync, writeFileSync },
    writeSync,
    writeFileSync,
  };
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

describe('kiln train on a disk that fills up', { timeout: 60_000 }, () => {
  it('keeps the previous model and its files whole when a file cannot be written', async () => {
    const folder = temporaryFolder();
    const train = (seed: number) =>
      JSON.stringify({ dataset: 'iris', model: { hidden: [4] }, epochs: 2, seed, output: 'm' });
    writeFileSync(join(folder, 'train.json'), train(1));
    const first = await runCli(['train', 'train.json'], folder);
    expect(first.code, first.stderr).toBe(0);
    const out = join(folder, 'm');
    const files = readdirSync(out).sort();
    const before = files.map((file) => readFileSync(join(out, file), 'utf8'));

    writeFileSync(join(folder, 'train.json'), train(2));
    faults.failing = (_text, path) => path?.includes('model.json') === true;
    const second = await runCli(['train', 'train.json'], folder);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(
      `kiln: ${join(out, 'model.json')}: cannot write it (no space left on the device, ENOSPC)`,
    );
    expect(hasStackTrace(second.stderr)).toBe(false);
    // No temporary file is left behind, and every file is the first run's.
    expect(readdirSync(out).sort()).toEqual(files);
    expect(files.map((file) => readFileSync(join(out, file), 'utf8'))).toEqual(before);
  });
});
