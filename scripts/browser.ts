// Opening a report in headless Chromium (Debian's `chromium` through playwright-core, no
// browser download): every request and console message recorded, each section's charts
// measured. Shared by the browser test, the report bench and the README screenshot script.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where Chromium may be installed (Debian's package first). */
const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** The Chromium executable on this machine, if any. */
export function chromiumPath(): string | undefined {
  return CANDIDATES.find((path): path is string => path !== undefined && existsSync(path));
}

/** Launches headless Chromium; throws with an install hint when it is missing. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath === undefined)
    throw new Error(
      'chromium not found (apt-get install -y chromium, or set CHROMIUM_PATH to its executable)',
    );
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** What a page did while it loaded. */
export interface PageVisit {
  page: Page;
  /** URLs of every request the page made (the file itself included). */
  requests: string[];
  /** Console messages as `type: text`, and uncaught page errors as `pageerror: ...`. */
  console: string[];
  /** Milliseconds from navigation start to DOMContentLoaded, as the page measured it. */
  domContentLoadedMs: number;
}

/** Opens `file` from file:// in a new page of `browser`, recording requests and console output. */
export async function visitReport(
  browser: Browser,
  file: string,
  viewport = { width: 1280, height: 900 },
): Promise<PageVisit> {
  const page = await browser.newPage({ viewport });
  const requests: string[] = [];
  const messages: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  // Page-side code is passed as text: this project compiles without the DOM's types.
  const domContentLoadedMs = await page.evaluate<number>(
    `(() => { const [e] = performance.getEntriesByType('navigation'); return e === undefined ? NaN : e.domContentLoadedEventEnd - e.startTime; })()`,
  );
  return { page, requests, console: messages, domContentLoadedMs };
}

/** Each section id with the size of its first chart (0 x 0 when it has none). */
export async function sectionCharts(
  page: Page,
  ids: readonly string[],
): Promise<Record<string, { charts: number; width: number; height: number }>> {
  return page.evaluate(
    `(() => {
      const out = {};
      for (const id of ${JSON.stringify(ids)}) {
        const charts = document.querySelectorAll('section#' + id + ' svg');
        const box = charts[0] ? charts[0].getBoundingClientRect() : undefined;
        out[id] = { charts: charts.length, width: box ? box.width : 0, height: box ? box.height : 0 };
      }
      return out;
    })()`,
  );
}
