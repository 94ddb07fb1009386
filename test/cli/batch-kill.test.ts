// A real kill: `kiln batch` is SIGKILLed once its journal holds a few runs; running it again
// resumes and gives the same summary as an uninterrupted batch (wall-time columns aside).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repositoryRoot, runCli, temporaryFolder } from '../helpers/cli.js';

const objectives = fileURLToPath(new URL('../fixtures/batch/objectives.mjs', import.meta.url));
const space = { x: { type: 'real', low: -1, high: 1 }, y: { type: 'real', low: -1, high: 1 } };

function journalLines(path: string): number {
  if (!existsSync(path)) return 0;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '').length;
}

// summary.csv without medianSeconds (column 11), the only wall-time column.
function csvWithoutTime(folder: string): string[] {
  return readFileSync(join(folder, 'summary.csv'), 'utf8')
    .trim()
    .split('\n')
    .map((line) =>
      line
        .split(',')
        .filter((_, i) => i !== 10)
        .join(','),
    );
}

describe('kiln batch after SIGKILL', () => {
  it('resumes and gives the same summary as an uninterrupted batch', async () => {
    const work = temporaryFolder();
    const config = {
      problems: [
        { module: objectives, export: 'slowQuadratic', space, name: 'slow', target: 0.01 },
        { type: 'sphere', dimension: 2, target: 0.01 },
      ],
      solvers: [
        { type: 'random-search', variants: { one: { batchSize: 1 }, four: { batchSize: 4 } } },
      ],
      seeds: 6,
      budget: { evaluations: 120 },
      workers: 2,
    };
    const path = join(work, 'batch.json');
    writeFileSync(path, JSON.stringify(config));
    const killed = join(work, 'killed');
    const journal = join(killed, 'journal.jsonl');

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'batch', path, '--output', killed, '--json'],
      { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    let linesAtKill = 0;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && child.exitCode === null) {
      linesAtKill = journalLines(journal);
      if (linesAtKill >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    const finishedBeforeKill = journalLines(journal);
    expect(linesAtKill).toBeGreaterThanOrEqual(3);
    expect(finishedBeforeKill).toBeLessThan(24);

    const resumed = await runCli(['batch', path, '--output', killed, '--json'], work);
    expect(resumed.code).toBe(0);
    const document = JSON.parse(resumed.stdout);
    expect(document.runs).toBe(24);
    expect(document.skipped).toBeGreaterThanOrEqual(linesAtKill);
    expect(document.skipped + document.completed).toBe(24);
    expect(document.failed).toBe(0);
    expect(journalLines(journal)).toBe(24);

    const reference = join(work, 'reference');
    const uninterrupted = await runCli(['batch', path, '--output', reference, '--json'], work);
    expect(JSON.parse(uninterrupted.stdout)).toMatchObject({ completed: 24, skipped: 0 });
    expect(csvWithoutTime(killed)).toEqual(csvWithoutTime(reference));
  });
});
