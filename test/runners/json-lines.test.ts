// JSON-lines files: a torn last line is cut off once before appending, and a write that fails
// for lack of space is a user-facing error naming the file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KilnError } from '../../src/core/errors.js';
import { JsonLinesWriter, readJsonLines } from '../../src/runners/json-lines.js';
import { temporaryFolder } from '../helpers/cli.js';

describe('JsonLinesWriter', () => {
  it('cuts off a torn last line, says so once, and leaves no damaged line behind', () => {
    const path = join(temporaryFolder(), 'journal.jsonl');
    writeFileSync(path, '{"a":1}\n{"b":2}\n{"c":');
    const warnings: string[] = [];
    const writer = new JsonLinesWriter(path, (w) => warnings.push(w));
    writer.append({ d: 4 });
    writer.close();
    expect(warnings).toEqual([
      expect.stringMatching(/journal\.jsonl: removed an incomplete last line \(5 bytes/),
    ]);
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n{"b":2}\n{"d":4}\n');
    expect(readJsonLines(path).warnings).toEqual([]);
    const again: string[] = [];
    new JsonLinesWriter(path, (w) => again.push(w)).close();
    expect(again).toEqual([]);
  });

  it('completes a last record that only lacks its newline', () => {
    const path = join(temporaryFolder(), 'journal.jsonl');
    writeFileSync(path, '{"a":1}\n{"b":2}');
    const warnings: string[] = [];
    const writer = new JsonLinesWriter(path, (w) => warnings.push(w));
    writer.append({ c: 3 });
    writer.close();
    expect(warnings).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n{"b":2}\n{"c":3}\n');
  });

  // /dev/full answers every write with ENOSPC, as a full disk does.
  it('reports a full disk as a user-facing error naming the file', () => {
    const writer = new JsonLinesWriter('/dev/full');
    let thrown: unknown;
    try {
      writer.append({ a: 1 });
    } catch (error) {
      thrown = error;
    }
    writer.close();
    expect(thrown).toBeInstanceOf(KilnError);
    expect((thrown as KilnError).userFacing).toBe(true);
    expect((thrown as KilnError).message).toBe(
      '/dev/full: cannot write the journal (no space left on the device, ENOSPC)',
    );
  });
});
