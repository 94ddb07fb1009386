// The reports in a real browser: headless Chromium (Debian's package, driven by playwright-core)
// opens report.html from file:// for a small run of the default study, a synthetic study with
// pruned trials, a multi-objective study, and a batch; every expected section holds an <svg> with a non-zero box, the
// page requests nothing but itself, and the console stays free of errors. Without chromium the
// test fails in CI (CI=true) and is skipped with a message elsewhere.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium, sectionCharts, visitReport } from '../../scripts/browser.js';
import { writeSyntheticStudy } from '../../scripts/synthetic-study.js';
import { repositoryRoot, runCli, temporaryFolder } from '../helpers/cli.js';

const inCi = process.env.CI === 'true';
const missing = chromiumPath() === undefined;
if (missing && !inCi)
  console.warn(
    'test/report/browser.test.ts: SKIPPED, chromium not found (apt-get install -y chromium); with CI=true this test fails instead',
  );

async function checkInBrowser(browser: Browser, file: string, sections: string[]): Promise<void> {
  const visit = await visitReport(browser, file);
  try {
    expect(visit.requests).toEqual([pathToFileURL(file).href]);
    expect(visit.console.filter((m) => /^(error|warning|pageerror)/.test(m))).toEqual([]);
    const charts = await sectionCharts(visit.page, sections);
    for (const id of sections) {
      const chart = charts[id];
      expect(chart?.charts, `section ${id} has a chart`).toBeGreaterThan(0);
      expect(chart?.width, `section ${id} chart width`).toBeGreaterThan(0);
      expect(chart?.height, `section ${id} chart height`).toBeGreaterThan(0);
    }
    // The script runs: sorting the table by value puts the best trial first.
    if (sections.includes('history')) {
      await visit.page.click('#trials th:nth-child(3)');
      const first = await visit.page.evaluate<string>(
        `document.querySelector('#trials-body tr').getAttribute('data-t')`,
      );
      const best = await visit.page.evaluate<number>(
        `JSON.parse(document.getElementById('kiln-data').textContent).best`,
      );
      expect(Number(first)).toBe(best);
    }
  } finally {
    await visit.page.close();
  }
}

describe.skipIf(missing && !inCi)('reports in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws a small run of the default study', { timeout: 240_000 }, async () => {
    const folder = temporaryFolder();
    // configs/default.json with four trials, holdout validation, few epochs and ASHA (seconds).
    const config = JSON.parse(
      readFileSync(join(repositoryRoot, 'configs', 'default.json'), 'utf8'),
    );
    delete config.$schema;
    config.budget = { evaluations: 4 };
    config.problem.validation = { method: 'holdout', fraction: 0.2 };
    config.space = {
      optimizer: { type: 'categorical', choices: ['sgd', 'adam'] },
      learningRate: { type: 'real', low: 1e-3, high: 0.1, log: true },
      momentum: { type: 'real', low: 0, high: 0.95, when: { optimizer: 'sgd' } },
      epochs: { type: 'integer', low: 1, high: 3 },
    };
    config.pruner = { type: 'asha', minResource: 1 };
    config.output = 'study';
    writeFileSync(join(folder, 'tune.json'), JSON.stringify(config));
    const tune = await runCli(['tune', 'tune.json', '--report', '--json'], folder);
    expect(tune.code, tune.stderr).toBe(0);
    await checkInBrowser(browser, join(folder, 'study', 'report.html'), [
      'summary',
      'history',
      'importance',
      'slice',
      'parallel-coordinates',
      'contour',
      'timeline',
    ]);
  });

  it('draws the intermediate values of a study with pruned trials', async () => {
    const folder = temporaryFolder();
    writeSyntheticStudy(folder, {
      trials: 60,
      steps: 10,
      failureRate: 0.05,
      objective: (p) => (p.x1 as number) ** 2 + (p.x2 as number),
    });
    expect((await runCli(['report', folder], folder)).code).toBe(0);
    await checkInBrowser(browser, join(folder, 'report.html'), [
      'summary',
      'history',
      'importance',
      'slice',
      'parallel-coordinates',
      'contour',
      'intermediate-values',
      'timeline',
    ]);
  });

  it('draws the Pareto front of a multi-objective study', { timeout: 240_000 }, async () => {
    const folder = temporaryFolder();
    writeFileSync(
      join(folder, 'tune.json'),
      JSON.stringify({
        problem: {
          module: join(repositoryRoot, 'test', 'fixtures', 'objectives', 'two-objectives.mjs'),
        },
        space: { x: { type: 'real', low: 0, high: 1 }, y: { type: 'real', low: 0, high: 1 } },
        objectives: [{ name: 'near' }, { name: 'far' }],
        budget: { evaluations: 20 },
        seed: 2,
        workers: 2,
        output: 'study',
      }),
    );
    const tune = await runCli(['tune', 'tune.json', '--report', '--json'], folder);
    expect(tune.code, tune.stderr).toBe(0);
    const file = join(folder, 'study', 'report.html');
    await checkInBrowser(browser, file, [
      'summary',
      'pareto-front',
      'hypervolume',
      'importance',
      'timeline',
    ]);
    // Every trial of the front is a row of the front's table.
    const front = (JSON.parse(tune.stdout).paretoFront as { number: number }[]).map(
      (e) => e.number,
    );
    const visit = await visitReport(browser, file);
    try {
      const rows = await visit.page.evaluate<string[]>(
        `[...document.querySelectorAll('table.pareto-table tbody tr')].map((r) => r.getAttribute('data-t'))`,
      );
      expect(rows.map(Number).sort((a, b) => a - b)).toEqual([...front].sort((a, b) => a - b));
    } finally {
      await visit.page.close();
    }
  });

  it('draws a batch', async () => {
    const folder = temporaryFolder();
    writeFileSync(
      join(folder, 'batch.json'),
      JSON.stringify({
        problems: [{ type: 'sphere', dimensions: [2, 3], target: 0.05 }],
        solvers: [{ type: 'random-search' }, { type: 'simulated-annealing' }],
        seeds: 3,
        budget: { evaluations: 300 },
        workers: 2,
        output: 'out',
      }),
    );
    const batch = await runCli(['batch', 'batch.json'], folder);
    expect(batch.code, batch.stderr).toBe(0);
    const report = await runCli(['report', 'out', '--json'], folder);
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout).sections).toEqual(['summary', 'convergence', 'ecdf', 'ert']);
    await checkInBrowser(browser, join(folder, 'out', 'report.html'), [
      'summary',
      'convergence',
      'ecdf',
      'ert',
    ]);
  });
});
