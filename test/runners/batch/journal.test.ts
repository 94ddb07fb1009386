// The batch journal: one line per finished run, a torn last line ignored (and cut off before
// appending), a corrupted middle line skipped with a warning, never fatal.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  JournalWriter,
  readJournal,
  type JournalRecord,
} from '../../../src/runners/batch/journal.js';
import { temporaryFolder } from '../../helpers/cli.js';

function record(key: string, bestValue = 1): JournalRecord {
  return {
    key,
    problem: 'sphere-2',
    solver: 'random-search',
    seed: 1,
    status: 'ok',
    outcome: {
      problemName: 'sphere-2',
      direction: 'minimize',
      bestValue,
      best: [0, 0],
      evaluations: 10,
      failedEvaluations: 0,
      moveEvaluations: 0,
      elapsedMs: 1,
      stopReason: 'evaluations',
      trace: [[1, bestValue]],
    },
    finishedAt: '2026-01-01T00:00:00.000Z',
  };
}

async function readAll(path: string): Promise<{ records: JournalRecord[]; warnings: string[] }> {
  const warnings: string[] = [];
  const records: JournalRecord[] = [];
  for await (const r of readJournal(path, (w) => warnings.push(w))) records.push(r);
  return { records, warnings };
}

describe('batch journal', () => {
  it('appends records as lines and reads them back, Infinity included', async () => {
    const path = join(temporaryFolder(), 'journal.jsonl');
    const writer = new JournalWriter(path);
    writer.append(record('a'));
    writer.append(record('b', Infinity));
    writer.close();
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3);
    const { records, warnings } = await readAll(path);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.key)).toEqual(['a', 'b']);
    expect(records[1]?.outcome?.bestValue).toBe(Infinity);
  });

  it('skips a corrupted middle line with a warning naming the line', async () => {
    const path = join(temporaryFolder(), 'journal.jsonl');
    const lines = [record('a'), record('b'), record('c')].map((r) => JSON.stringify(r));
    lines[1] = '{"key": "b", "problem": garbage';
    writeFileSync(path, `${lines.join('\n')}\n${JSON.stringify({ key: 'd' })}\n`);
    const { records, warnings } = await readAll(path);
    expect(records.map((r) => r.key)).toEqual(['a', 'c']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/journal\.jsonl:2: not a valid run record; skipped/);
    expect(warnings[1]).toMatch(/journal\.jsonl:4: not a valid run record; skipped/);
  });

  it('ignores a torn last line when reading, and cuts it off before appending', async () => {
    const path = join(temporaryFolder(), 'journal.jsonl');
    const full = JSON.stringify(record('a'));
    const torn = JSON.stringify(record('b')).slice(0, 57);
    writeFileSync(path, `${full}\n${torn}`);
    const read = await readAll(path);
    expect(read.records.map((r) => r.key)).toEqual(['a']);
    expect(read.warnings).toEqual([expect.stringMatching(/:2: ignored an incomplete last line/)]);

    const warnings: string[] = [];
    const writer = new JournalWriter(path, (w) => warnings.push(w));
    expect(warnings).toEqual([expect.stringMatching(/removed an incomplete last line \(57 bytes/)]);
    writer.append(record('c'));
    writer.close();
    expect(readFileSync(path, 'utf8')).toBe(`${full}\n${JSON.stringify(record('c'))}\n`);
    const after = await readAll(path);
    expect(after.warnings).toEqual([]);
    expect(after.records.map((r) => r.key)).toEqual(['a', 'c']);
  });

  it('keeps a complete last record that only lacks its newline', async () => {
    const path = join(temporaryFolder(), 'journal.jsonl');
    writeFileSync(path, `${JSON.stringify(record('a'))}\n${JSON.stringify(record('b'))}`);
    expect((await readAll(path)).records.map((r) => r.key)).toEqual(['a', 'b']);
    const writer = new JournalWriter(path);
    writer.append(record('c'));
    writer.close();
    const { records, warnings } = await readAll(path);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.key)).toEqual(['a', 'b', 'c']);
  });

  it('reads a missing journal as empty and survives a torn line longer than a read chunk', async () => {
    const folder = temporaryFolder();
    expect((await readAll(join(folder, 'none.jsonl'))).records).toEqual([]);
    const path = join(folder, 'journal.jsonl');
    const big = {
      ...record('a'),
      outcome: { ...record('a').outcome, best: new Array(40_000).fill(0.5) },
    };
    writeFileSync(path, `${JSON.stringify(record('x'))}\n`);
    appendFileSync(path, JSON.stringify(big).slice(0, 90_000));
    const writer = new JournalWriter(path, () => undefined);
    writer.close();
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(record('x'))}\n`);
  });
});
