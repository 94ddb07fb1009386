// A study rebuilt from its journal alone (a second Ctrl-C while a trial hangs): a
// multi-objective journal gives its front, not a best trial.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeStudyFromJournal } from '../../src/runners/study-recovery.js';
import { temporaryFolder } from '../helpers/cli.js';

const header = {
  type: 'study',
  version: 1,
  seed: 1,
  solver: { type: 'motpe' },
  problem: { module: './f.mjs' },
  direction: 'minimize',
  objectives: [
    { name: 'error', direction: 'minimize' },
    { name: 'accuracy', direction: 'maximize' },
  ],
};

function trial(number: number, values: number[] | null, status = 'complete'): object {
  return {
    type: 'trial',
    number,
    batch: number - 1,
    index: 0,
    params: { x: number },
    value: null,
    values,
    status,
    durationMs: 1,
  };
}

describe('writeStudyFromJournal', () => {
  it('gives a multi-objective journal its front, pareto.csv and no best trial', () => {
    const folder = temporaryFolder();
    const lines = [
      header,
      trial(1, [0.3, 0.6]),
      trial(2, [0.2, 0.9]), // dominates 1 (accuracy is maximized)
      trial(3, [0.1, 0.5]),
      trial(4, null, 'failed'),
    ];
    writeFileSync(join(folder, 'journal.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
    const study = writeStudyFromJournal(folder, 5, { error: 1, accuracy: 0 });
    expect(study?.paretoFront?.map((e) => e.number)).toEqual([3, 2]);
    expect(study?.bestParams).toBeUndefined();
    expect(study?.referencePointDerived).toBe(false);
    // Minimized terms: (0.1, -0.5) and (0.2, -0.9) against (1, 0): 0.1 * 0.5 + 0.8 * 0.9.
    expect(study?.hypervolume).toBeCloseTo(0.77, 12);
    const best = JSON.parse(readFileSync(join(folder, 'best.json'), 'utf8'));
    for (const key of ['bestParams', 'bestValue', 'bestTrial', 'direction'])
      expect(best).not.toHaveProperty(key);
    expect(best.paretoFront).toHaveLength(2);
    const pareto = readFileSync(join(folder, 'pareto.csv'), 'utf8').trim().split('\n');
    expect(pareto[0]).toBe('trial,error,accuracy,x');
    expect(pareto).toHaveLength(3);
    const table = readFileSync(join(folder, 'trials.csv'), 'utf8').split('\n');
    expect(table[0]?.startsWith('trial,status,error,accuracy,durationMs,x')).toBe(true);
  });

  it('still gives a single-objective journal its best trial', () => {
    const folder = temporaryFolder();
    const { objectives: _o, ...single } = header;
    const lines = [single, { ...trial(1, null), value: 3 }, { ...trial(2, null), value: 2 }];
    writeFileSync(join(folder, 'journal.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
    const study = writeStudyFromJournal(folder, 5);
    expect(study?.bestTrial).toBe(2);
    expect(study?.paretoFront).toBeUndefined();
    const best = JSON.parse(readFileSync(join(folder, 'best.json'), 'utf8'));
    expect(best.bestParams).toEqual({ x: 2 });
    expect(best.direction).toBe('minimize');
  });
});
