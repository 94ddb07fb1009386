// The report of a large study: a synthetic 10,000-trial, 10-parameter journal rendered to
// report.html; its size, the time to render it, and DOMContentLoaded in headless Chromium
// (median of several page loads in one browser, alternating with an empty page whose
// DOMContentLoaded measures what the machine's load alone costs).
//
//   npx tsx bench/report-size.ts [--trials 10000] [--parameters 10] [--loads 5] [--name report-size]
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderStudyReport } from '../src/report/study-report.js';
import { readStudyModel } from '../src/report/study-model.js';
import { writeStudyReport } from '../src/report/write-report.js';
import { launchChromium, sectionCharts, visitReport } from '../scripts/browser.js';
import { writeSyntheticStudy } from '../scripts/synthetic-study.js';
import { median, option, writeResult } from './results.js';

const trials = Number(option('trials') ?? 10_000);
const parameters = Number(option('parameters') ?? 10);
const loads = Number(option('loads') ?? 5);
const folder = mkdtempSync(join(tmpdir(), 'kiln-bench-report-'));
writeSyntheticStudy(folder, {
  trials,
  parameters,
  workers: 4,
  failureRate: 0.02,
  objective: (p) =>
    Object.values(p).reduce<number>((sum, v, i) => sum + (v as number) ** 2 / (i + 1), 0),
});

const renders: number[] = [];
for (let k = 0; k < 3; k++) {
  const start = performance.now();
  renderStudyReport(readStudyModel(folder));
  renders.push(performance.now() - start);
}
const written = writeStudyReport(folder);
const html = readFileSync(written.path, 'utf8');
const best = written.model.best?.number;

const empty = join(folder, 'empty.html');
writeFileSync(
  empty,
  '<!DOCTYPE html><html><head><title>empty</title></head><body><p>empty</p></body></html>\n',
);
const browser = await launchChromium();
const domContentLoaded: number[] = [];
const emptyDomContentLoaded: number[] = [];
let requests: string[] = [];
let consoleMessages: string[] = [];
let sections = {};
let bestDrawn = false;
try {
  for (let k = 0; k < loads; k++) {
    const baseline = await visitReport(browser, empty);
    emptyDomContentLoaded.push(baseline.domContentLoadedMs);
    await baseline.page.close();
    const visit = await visitReport(browser, written.path);
    domContentLoaded.push(visit.domContentLoadedMs);
    if (k === 0) {
      requests = visit.requests;
      consoleMessages = visit.console;
      sections = await sectionCharts(visit.page, written.report.sections);
      bestDrawn = await visit.page.evaluate<boolean>(
        `document.querySelector('#best-trial[data-t="${best}"]') !== null`,
      );
    }
    await visit.page.close();
  }
} finally {
  await browser.close();
}
const result = {
  trials,
  parameters,
  bytes: Buffer.byteLength(html),
  megabytes: Number((Buffer.byteLength(html) / 1e6).toFixed(2)),
  renderMs: Math.round(median(renders)),
  domContentLoadedMs: Math.round(median(domContentLoaded)),
  domContentLoadedRuns: domContentLoaded.map(Math.round),
  emptyPageDomContentLoadedMs: Math.round(median(emptyDomContentLoaded)),
  bestTrial: best,
  bestDrawn,
  requests: requests.length,
  consoleMessages,
  sections,
};
console.log(JSON.stringify(result, null, 2));
writeResult(option('name') ?? 'report-size', result);
