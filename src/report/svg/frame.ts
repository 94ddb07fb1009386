// The frame every chart draws in: the <svg> element, its title, grid, border, tick labels and
// axis labels. Charts add their marks between `frame.open` and `frame.close`.
import type { Axis } from './axis.js';
import { escapeXml, pixel } from './escape.js';

/** The plotting area inside a chart, in pixels. */
export interface PlotArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Options of {@link chartFrame}. */
export interface FrameOptions {
  width: number;
  height: number;
  area: PlotArea;
  x: Axis;
  y: Axis;
  /** What the chart shows, for the <title> read by screen readers and on hover. */
  description: string;
  title?: string;
  subtitle?: string;
  xLabel?: string;
  yLabel?: string;
  /** A class on the <svg> (e.g. the section it belongs to). */
  className?: string;
  /** Adds the xmlns attribute (standalone .svg files). */
  standalone?: boolean;
  /** Tick labels longer than this are shortened (the full text shows on hover). */
  tickCharacters?: number;
}

/** The start and end of a chart's SVG. */
export interface Frame {
  open: string[];
  close: string;
}

const shorten = (text: string, limit: number): string =>
  text.length > limit ? `${text.slice(0, limit - 1)}…` : text;

/** Draws the frame of a chart with axes `x` and `y` over `area`. */
export function chartFrame(options: FrameOptions): Frame {
  const { width, height, area, x, y } = options;
  const limit = options.tickCharacters ?? 14;
  const namespace = options.standalone === true ? ' xmlns="http://www.w3.org/2000/svg"' : '';
  const className =
    options.className === undefined ? '' : ` class="${escapeXml(options.className)}"`;
  const open = [
    `<svg${namespace}${className} width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img">`,
    `<title>${escapeXml(options.description)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  if (options.title !== undefined)
    open.push(
      `<text x="${area.left}" y="20" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`,
    );
  if (options.subtitle !== undefined)
    open.push(
      `<text x="${area.left}" y="${options.title === undefined ? 18 : 37}" fill="#555555">${escapeXml(options.subtitle)}</text>`,
    );
  open.push('<g stroke="#e5e5e5" stroke-width="1">');
  for (const t of x.ticks) {
    const px = pixel(x.toPixel(t.value));
    open.push(`<line x1="${px}" y1="${area.top}" x2="${px}" y2="${area.bottom}"/>`);
  }
  for (const t of y.ticks) {
    const py = pixel(y.toPixel(t.value));
    open.push(`<line x1="${area.left}" y1="${py}" x2="${area.right}" y2="${py}"/>`);
  }
  open.push(
    '</g>',
    `<rect x="${area.left}" y="${area.top}" width="${area.right - area.left}" height="${area.bottom - area.top}" fill="none" stroke="#333333"/>`,
    '<g fill="#333333">',
  );
  for (const t of x.ticks) {
    const shown = shorten(t.label, limit);
    const hover = shown === t.label ? '' : `<title>${escapeXml(t.label)}</title>`;
    open.push(
      `<text x="${pixel(x.toPixel(t.value))}" y="${area.bottom + 16}" text-anchor="middle">${escapeXml(shown)}${hover}</text>`,
    );
  }
  for (const t of y.ticks) {
    const shown = shorten(t.label, limit);
    const hover = shown === t.label ? '' : `<title>${escapeXml(t.label)}</title>`;
    open.push(
      `<text x="${area.left - 6}" y="${pixel(y.toPixel(t.value) + 4)}" text-anchor="end">${escapeXml(shown)}${hover}</text>`,
    );
  }
  if (options.xLabel !== undefined)
    open.push(
      `<text x="${pixel((area.left + area.right) / 2)}" y="${height - 8}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    );
  if (options.yLabel !== undefined)
    open.push(
      `<text transform="translate(14 ${pixel((area.top + area.bottom) / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
    );
  open.push('</g>');
  return { open, close: '</svg>' };
}

/** A chart with nothing to draw: the frame's size with a sentence in the middle. */
export function emptyChart(
  width: number,
  height: number,
  description: string,
  message: string,
): string {
  return [
    `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="13" role="img">`,
    `<title>${escapeXml(description)}</title>`,
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" fill="#ffffff" stroke="#dddddd"/>`,
    `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" fill="#777777">${escapeXml(message)}</text>`,
    '</svg>',
  ].join('\n');
}
