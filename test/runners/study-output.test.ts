// trials.csv: one column per parameter, then one per attribute the problem records.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrialRecord } from '../../src/runners/study-journal.js';
import { writeTrialFiles, writeTrialsCsv } from '../../src/runners/study-output.js';
import { temporaryFolder } from '../helpers/cli.js';

const trial = (number: number, extra: Partial<TrialRecord>): TrialRecord => ({
  type: 'trial',
  number,
  batch: 0,
  index: number - 1,
  params: { width1: number * 8 },
  value: 0.1 * number,
  status: 'complete',
  durationMs: 1,
  ...extra,
});

describe('writeTrialsCsv', () => {
  it('writes the attributes after the parameters, blank where a trial has none', () => {
    const folder = temporaryFolder();
    writeTrialsCsv(folder, [
      trial(2, { attributes: { parameters: 243 } }),
      trial(1, { status: 'failed', value: null, error: 'x, y' }),
    ]);
    expect(readFileSync(join(folder, 'trials.csv'), 'utf8').trim().split('\n')).toEqual([
      'trial,status,value,durationMs,width1,parameters,error',
      '1,failed,,1.0,8,,"x, y"',
      '2,complete,0.2,1.0,16,243,',
    ]);
  });

  it('quotes header cells as it quotes values', () => {
    const folder = temporaryFolder();
    writeTrialsCsv(folder, [trial(1, { params: { 'a,b': 1, 'q"r': 2 } })]);
    expect(readFileSync(join(folder, 'trials.csv'), 'utf8').trim().split('\n')).toEqual([
      'trial,status,value,durationMs,"a,b","q""r",error',
      '1,complete,0.1,1.0,1,2,',
    ]);
  });

  it('gives pareto.csv the parameter columns of trials.csv, blank where inactive', () => {
    const folder = temporaryFolder();
    const objectives = [
      { name: 'o1', direction: 'minimize' as const },
      { name: 'o2', direction: 'minimize' as const },
    ];
    writeTrialFiles(
      folder,
      [
        trial(1, { params: { k: 'A', a: 1, b: 2 }, values: [3, 4] }),
        trial(2, { params: { k: 'B', b: 1 }, values: [1, 2] }),
      ],
      objectives,
      [{ number: 2, parameters: { k: 'B', b: 1 }, values: { o1: 1, o2: 2 } }],
    );
    expect(readFileSync(join(folder, 'pareto.csv'), 'utf8')).toBe(
      'trial,o1,o2,k,a,b\n2,1,2,B,,1\n',
    );
  });

  it('writes a recorded metric that is also an objective once, as the objective', () => {
    const folder = temporaryFolder();
    writeTrialsCsv(
      folder,
      [trial(1, { values: [0.1, 400], attributes: { parameters: 90, bytes: 400 } })],
      [
        { name: 'error', direction: 'minimize' },
        { name: 'bytes', direction: 'minimize' },
      ],
    );
    expect(readFileSync(join(folder, 'trials.csv'), 'utf8').trim().split('\n')).toEqual([
      'trial,status,error,bytes,durationMs,width1,parameters,errorMessage',
      '1,complete,0.1,400,1.0,8,90,',
    ]);
  });
});
