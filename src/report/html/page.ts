// The report's HTML document: header, navigation, sections, the inline style and script, and
// the data embedded as JSON. Nothing in it refers to anything outside the file.
import { stringifyState } from '../../core/json.js';
import { escapeXml } from '../svg/escape.js';
import { REPORT_SCRIPT } from './report-script.js';
import { reportStyle } from './report-style.js';

/** One section of a report. */
export interface ReportSection {
  /** The element id (also what tests and links look for). */
  id: string;
  title: string;
  /** A sentence under the title. */
  note?: string;
  /** The section's HTML (charts are inline <svg>). */
  body: string;
}

/** What a report page holds. */
export interface ReportPage {
  title: string;
  /** Lines under the title. */
  subtitle: string[];
  sections: ReportSection[];
  /** Embedded as JSON for the script (and for anyone reading the file). */
  data: unknown;
}

/** JSON that can sit inside a <script> element (non-finite numbers as kiln writes them). */
export function embeddedJson(data: unknown): string {
  return stringifyState(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The whole HTML document of a report. */
export function reportPage(page: ReportPage): string {
  const navigation = page.sections
    .map((s) => `<a href="#${s.id}">${escapeXml(s.title)}</a>`)
    .join('');
  const sections = page.sections.map((s) =>
    [
      `<section id="${s.id}">`,
      `<h2>${escapeXml(s.title)}</h2>`,
      ...(s.note === undefined ? [] : [`<p class="note">${escapeXml(s.note)}</p>`]),
      s.body,
      '</section>',
    ].join('\n'),
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(page.title)}</title>`,
    `<style>\n${reportStyle()}\n</style>`,
    '</head>',
    '<body>',
    `<header><h1>${escapeXml(page.title)}</h1>${page.subtitle.map((line) => `<p>${escapeXml(line)}</p>`).join('')}</header>`,
    `<nav>${navigation}</nav>`,
    '<main>',
    ...sections,
    '</main>',
    `<script type="application/json" id="kiln-data">${embeddedJson(page.data)}</script>`,
    `<script>\n${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
