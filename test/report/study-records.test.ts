// Reading a study journal as it grows: a reader kept across reads parses only what was appended,
// waits for a line still being written, and reads a journal that shrank again from its start;
// whatever the pieces, the records equal those of one whole read.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StudyJournalReader, readStudyRecords } from '../../src/report/study-records.js';
import { writeSyntheticStudy } from '../../scripts/synthetic-study.js';
import { temporaryFolder } from '../helpers/cli.js';

const space = {
  learningRate: { type: 'real' as const, low: 1e-4, high: 0.3, log: true },
  layers: { type: 'integer' as const, low: 1, high: 4 },
};

function syntheticJournal(): Buffer {
  const folder = temporaryFolder();
  writeSyntheticStudy(folder, {
    trials: 30,
    space,
    failureRate: 0.1,
    objective: (p) => Math.abs(Math.log10(p.learningRate as number) + 2),
  });
  // A multi-byte character in a trial's error, so that cuts may fall inside it.
  const text = readFileSync(join(folder, 'journal.jsonl'), 'utf8').replace(
    '"type":"trial"',
    '"type":"trial","note":"µ-σ ✓"',
  );
  return Buffer.from(text);
}

describe('StudyJournalReader', () => {
  const journal = syntheticJournal();
  const whole = temporaryFolder();
  writeFileSync(join(whole, 'journal.jsonl'), journal);
  const expected = readStudyRecords(whole);

  it('gives the records of one whole read, however the journal was cut while it grew', () => {
    expect(expected.trials.length).toBe(30);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: journal.length - 1 }), { maxLength: 12 }),
        (cuts) => {
          const folder = temporaryFolder();
          const path = join(folder, 'journal.jsonl');
          const points = [...cuts].sort((a, b) => a - b);
          writeFileSync(path, journal.subarray(0, points[0] ?? journal.length));
          const reader = new StudyJournalReader(folder);
          const seen: number[] = [];
          for (let i = 0; i < points.length; i++) {
            // Reads before the header's line is complete have no study to show yet.
            try {
              seen.push(reader.read().trials.length);
            } catch {
              seen.push(0);
            }
            appendFileSync(path, journal.subarray(points[i], points[i + 1] ?? journal.length));
          }
          const records = reader.read();
          expect(records.trials).toEqual(expected.trials);
          expect(records.sessions).toEqual(expected.sessions);
          expect(records.header).toEqual(expected.header);
          // Trial counts only grow while the journal grows.
          expect(seen.every((n, i) => i === 0 || n >= (seen[i - 1] as number))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('waits for a line still being written and reads a journal that shrank from its start', () => {
    const folder = temporaryFolder();
    const path = join(folder, 'journal.jsonl');
    const text = journal.toString('utf8');
    const lines = text.split('\n');
    writeFileSync(path, `${lines.slice(0, 5).join('\n')}\n${(lines[5] as string).slice(0, 20)}`);
    const reader = new StudyJournalReader(folder);
    const partial = reader.read().trials.length;
    appendFileSync(path, `${(lines[5] as string).slice(20)}\n`);
    expect(reader.read().trials.length).toBe(partial + (lines[5]?.includes('"trial"') ? 1 : 0));
    // Replaced by a shorter journal (a repaired one): read again from the start.
    writeFileSync(path, `${lines.slice(0, 3).join('\n')}\n`);
    const again = reader.read();
    const fresh = temporaryFolder();
    writeFileSync(join(fresh, 'journal.jsonl'), `${lines.slice(0, 3).join('\n')}\n`);
    expect(again.trials).toEqual(readStudyRecords(fresh).trials);
  });

  it('names the folder when there is no journal', () => {
    const empty = temporaryFolder();
    expect(() => new StudyJournalReader(empty).read()).toThrow(/not a study or batch output/);
  });
});
