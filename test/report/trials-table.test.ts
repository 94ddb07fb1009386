// The report's trials table: one column per objective, parameter and the failure message.
import { describe, expect, it } from 'vitest';
import { trialTable } from '../../src/report/html/trials-table.js';
import type { ReportTrial } from '../../src/report/study-model.js';

const trial: ReportTrial = {
  number: 1,
  status: 'failed',
  value: null,
  values: null,
  violation: 0,
  params: {},
  error: 'diverged',
  durationMs: 1000,
  startMs: undefined,
  endMs: undefined,
  intermediate: [],
};

describe('trialTable', () => {
  it('names the message column errorMessage when an objective is called error', () => {
    const table = trialTable([trial], [], [{ name: 'error' }, { name: 'bytes' }]);
    expect(table.columns).toEqual(['trial', 'status', 'error', 'bytes', 'seconds', 'errorMessage']);
    expect(table.rows[0]?.at(-1)).toBe('diverged');
  });

  it('names the duration column durationSeconds when an objective is called seconds', () => {
    const table = trialTable([trial], [], [{ name: 'loss' }, { name: 'seconds' }]);
    expect(table.columns).toEqual([
      'trial',
      'status',
      'loss',
      'seconds',
      'durationSeconds',
      'error',
    ]);
    expect(table.rows[0]?.[4]).toBe(1);
  });
});
