// The README's screenshot of a report: renders the study in --folder (for example runs/default
// after `npm start`), or else a synthetic 300-trial study with pruned trials, and saves the top
// of its report.html as seen by headless Chromium.
//
//   npx tsx scripts/report-screenshot.ts [--folder runs/default] [--output docs/report.png] [--height 1500]
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeStudyReport } from '../src/report/write-report.js';
import { launchChromium, visitReport } from './browser.js';
import { writeSyntheticStudy } from './synthetic-study.js';

const { values: args } = parseArgs({
  options: {
    folder: { type: 'string' },
    output: { type: 'string', default: 'docs/report.png' },
    height: { type: 'string', default: '1500' },
  },
});
let folder = args.folder === undefined ? undefined : resolve(args.folder);
if (folder === undefined) {
  folder = mkdtempSync(join(tmpdir(), 'kiln-screenshot-'));
  writeSyntheticStudy(folder, {
    trials: 300,
    steps: 12,
    failureRate: 0.03,
    workers: 4,
    space: {
      optimizer: { type: 'categorical', choices: ['sgd', 'adam', 'rmsprop'] },
      learningRate: { type: 'real', low: 1e-4, high: 0.3, log: true },
      momentum: { type: 'real', low: 0, high: 0.99, when: { optimizer: 'sgd' } },
      batchSize: { type: 'integer', low: 16, high: 128, log: true },
      l2: { type: 'real', low: 1e-6, high: 1e-2, log: true },
    },
    objective: (p) =>
      0.02 +
      0.05 * (Math.log10(p.learningRate as number) + 2.2) ** 2 +
      (p.optimizer === 'sgd' ? 0.04 * (1 - (p.momentum as number)) : 0.01) +
      0.002 * Math.log2(p.batchSize as number),
  });
}
const written = writeStudyReport(folder);
const output = resolve(args.output);
mkdirSync(dirname(output), { recursive: true });
const browser = await launchChromium();
try {
  const visit = await visitReport(browser, written.path, {
    width: 1280,
    height: Number(args.height),
  });
  await visit.page.screenshot({ path: output, fullPage: false });
  console.log(`${written.path} -> ${output}`);
} finally {
  await browser.close();
}
