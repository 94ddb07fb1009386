// A study's state across invocations of the built CLI: a torn last journal line is cut off once
// with one warning, and a shrunk budget does not replace a better best.json.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runBuiltCli, temporaryFolder } from '../helpers/cli.js';

const objectives = fileURLToPath(new URL('../fixtures/objectives/study.mjs', import.meta.url));

function writeStudy(folder: string, evaluations: number): string {
  const path = join(folder, 'tune.json');
  writeFileSync(
    path,
    JSON.stringify({
      problem: { module: objectives, export: 'default' },
      space: { x: { type: 'real', low: -1, high: 1 }, y: { type: 'real', low: -1, high: 1 } },
      solver: { type: 'random-search', batchSize: 4 },
      budget: { evaluations },
      seed: 1,
      workers: 1,
      output: 'study',
    }),
  );
  return path;
}

it('repairs a torn journal line once and keeps the better best.json of a longer study', async () => {
  const folder = temporaryFolder();
  const journal = join(folder, 'study', 'journal.jsonl');
  const best = join(folder, 'study', 'best.json');
  const full = await runBuiltCli(['tune', writeStudy(folder, 12), '--json'], { cwd: folder });
  expect(full.code, full.stderr).toBe(0);
  const fullValue = (JSON.parse(full.stdout) as { bestValue: number }).bestValue;

  // A crash mid-write leaves half a record; the next invocation says so once and cuts it off.
  const before = readFileSync(journal, 'utf8');
  appendFileSync(journal, '{"type":"trial","number":13,"par');
  const repaired = await runBuiltCli(['tune', writeStudy(folder, 12)], { cwd: folder });
  expect(repaired.code, repaired.stderr).toBe(0);
  expect(repaired.stderr.match(/removed an incomplete last line/g)).toHaveLength(1);
  // The torn line is gone and no trial was added: only the new session's start and end records.
  const after = readFileSync(journal, 'utf8');
  expect(after.startsWith(before)).toBe(true);
  expect(
    after
      .slice(before.length)
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { type: string }).type),
  ).toEqual(['session', 'end']);
  const again = await runBuiltCli(['tune', writeStudy(folder, 12)], { cwd: folder });
  expect(again.stderr).not.toMatch(/incomplete|torn|corrupted/);

  // The first 4 trials (a shrunk budget) reach a worse best than the journal's 12.
  const fullBest = readFileSync(best, 'utf8');
  const shrunk = await runBuiltCli(['tune', writeStudy(folder, 4), '--json'], { cwd: folder });
  expect(shrunk.code, shrunk.stderr).toBe(0);
  const shrunkValue = (JSON.parse(shrunk.stdout) as { bestValue: number }).bestValue;
  expect(shrunkValue).toBeGreaterThan(fullValue);
  expect(shrunk.stderr).toMatch(/the journal holds a better trial .* best\.json is left as it was/);
  expect(readFileSync(best, 'utf8')).toBe(fullBest);
}, 180_000);
