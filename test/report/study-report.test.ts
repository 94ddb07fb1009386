// The study report: every chart well-formed SVG, the sections the journal calls for, the same
// bytes for the same journal, large studies down-sampled with the best trial kept, and the
// study's state (finished, running, stopped) as the session records tell it.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStudyModel } from '../../src/report/study-model.js';
import { renderStudyReport } from '../../src/report/study-report.js';
import { intermediateValues } from '../../src/report/study-model.js';
import { writeSyntheticStudy } from '../../scripts/synthetic-study.js';
import { temporaryFolder } from '../helpers/cli.js';
import { parseXml } from '../helpers/xml.js';

const sum = (p: Record<string, unknown>) =>
  Object.values(p).reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);

function svgs(html: string): string[] {
  return html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
}

const mixedSpace = {
  optimizer: { type: 'categorical' as const, choices: ['sgd', 'adam'] },
  momentum: { type: 'real' as const, low: 0, high: 0.99, when: { optimizer: 'sgd' } },
  learningRate: { type: 'real' as const, low: 1e-4, high: 0.3, log: true },
  layers: { type: 'integer' as const, low: 1, high: 4 },
};

describe('study report', () => {
  it('draws every section as well-formed SVG and the same bytes for the same journal', () => {
    const folder = temporaryFolder();
    writeSyntheticStudy(folder, {
      trials: 80,
      space: mixedSpace,
      failureRate: 0.05,
      objective: (p) =>
        Math.abs(Math.log10(p.learningRate as number) + 2) + (p.optimizer === 'sgd' ? 0.1 : 0),
    });
    const first = renderStudyReport(readStudyModel(folder));
    expect(first.sections).toEqual([
      'summary',
      'history',
      'importance',
      'slice',
      'parallel-coordinates',
      'contour',
      'timeline',
      'trials',
    ]);
    const charts = svgs(first.html);
    expect(charts.length).toBeGreaterThanOrEqual(10);
    for (const chart of charts) expect(() => parseXml(chart)).not.toThrow();
    const page = first.html.slice(0, first.html.indexOf('<script'));
    expect(page).not.toMatch(/NaN|Infinity|undefined/);
    expect(first.html).not.toMatch(/(src|href)="(?!#)/);
    // Same journal, elsewhere, read again: the same bytes.
    const copy = temporaryFolder();
    cpSync(join(folder, 'journal.jsonl'), join(copy, 'journal.jsonl'));
    expect(renderStudyReport(readStudyModel(copy)).html).toBe(first.html);
    expect(first.importance.importances[0]?.name).toBe('learningRate');
    expect(first.html).toContain('momentum (conditional)');
    expect(first.html).toMatch(/objective threw: diverged/);
  });

  it('draws intermediate values and pruned trials when the journal has them', () => {
    const folder = temporaryFolder();
    writeSyntheticStudy(folder, { trials: 40, steps: 8, objective: sum });
    const model = readStudyModel(folder);
    expect(model.trials.some((t) => t.status === 'pruned')).toBe(true);
    const report = renderStudyReport(model);
    expect(report.sections).toContain('intermediate-values');
    const section = report.html.slice(report.html.indexOf('<section id="intermediate-values">'));
    expect(section).toMatch(/class="iv-pruned"/);
    expect(section).toMatch(/class="iv-complete"/);
  });

  it('reads intermediate values in the shapes a journal may hold', () => {
    expect(
      intermediateValues([
        [0, 3],
        [1, 2],
        [1, 9],
      ]),
    ).toEqual([
      [0, 3],
      [1, 2],
    ]);
    expect(
      intermediateValues([
        { step: 2, value: 1 },
        { step: 1, value: 4 },
      ]),
    ).toEqual([
      [1, 4],
      [2, 1],
    ]);
    expect(intermediateValues({ '3': 1, '1': 2 })).toEqual([
      [1, 2],
      [3, 1],
    ]);
    expect(intermediateValues([5, 4])).toEqual([
      [0, 5],
      [1, 4],
    ]);
    expect(intermediateValues(undefined)).toEqual([]);
  });

  it('down-samples a large study for drawing and keeps the best trial', () => {
    const folder = temporaryFolder();
    writeSyntheticStudy(folder, { trials: 3000, parameters: 4, objective: sum, seed: 4 });
    const model = readStudyModel(folder);
    const report = renderStudyReport(model);
    expect(report.html).toContain(`id="best-trial" cx=`);
    expect(report.html).toMatch(new RegExp(`id="best-trial"[^>]*data-t="${model.best?.number}"`));
    expect(report.html).toMatch(/2000 of 3000 trials drawn/);
    const data = JSON.parse(
      /<script type="application\/json" id="kiln-data">(.*?)<\/script>/s.exec(report.html)![1]!,
    );
    expect(data.trials.rows).toHaveLength(3000);
    expect(data.best).toBe(model.best?.number);
  });

  it('tells a finished, a running and a stopped study apart', () => {
    const folder = temporaryFolder();
    writeSyntheticStudy(folder, { trials: 10, objective: sum, running: true });
    const running = readStudyModel(folder, () => true);
    expect(running.state.status).toBe('running');
    expect(renderStudyReport(running).html).toMatch(/class="status-running">running/);
    expect(readStudyModel(folder, () => false).state.status).toBe('stopped');
    writeSyntheticStudy(folder, { trials: 10, objective: sum });
    const finished = readStudyModel(folder, () => true);
    expect(finished.state).toMatchObject({ status: 'finished', stopReason: 'evaluations' });
    expect(readFileSync(join(folder, 'journal.jsonl'), 'utf8')).toMatch(/"type":"end"/);
  });
});
