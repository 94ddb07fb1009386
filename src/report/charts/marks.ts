// Marks shared by the study charts: trial points that the report's script can describe on
// hover (data-t holds the trial number), point clouds (thousands of dots as a few paths, with
// their trials in one attribute for the hover), failure crosses and step lines.
import { escapeXml, pixel } from '../svg/escape.js';

/** A trial's point: a circle tagged with the trial number. */
export function trialPoint(
  x: number,
  y: number,
  trial: number,
  className: string,
  radius = 3,
): string {
  return `<circle cx="${pixel(x)}" cy="${pixel(y)}" r="${radius}" class="${className}" data-t="${trial}"/>`;
}

/** A failed trial's cross. */
export function failureCross(x: number, y: number, trial: number): string {
  const a = pixel(x - 3);
  const b = pixel(x + 3);
  const c = pixel(y - 3);
  const d = pixel(y + 3);
  return `<path d="M${a} ${c}L${b} ${d}M${a} ${d}L${b} ${c}" class="failed" data-t="${trial}"/>`;
}

/** A path through points (M then L), or nothing for fewer than one point. */
export function polyline(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${pixel(x)} ${pixel(y)}`).join('');
}

/** A legend: coloured swatches (a CSS class each) with labels, left to right from (x, y). */
export function legend(x: number, y: number, entries: readonly [string, string][]): string {
  const out: string[] = [];
  let at = x;
  for (const [className, label] of entries) {
    out.push(
      `<rect x="${pixel(at)}" y="${pixel(y - 9)}" width="10" height="10" class="${className}"/>`,
      `<text x="${pixel(at + 14)}" y="${pixel(y)}">${escapeXml(label)}</text>`,
    );
    at += 24 + label.length * 6.5;
  }
  return out.join('');
}

/** A dot of a point cloud: where, which trial, and its CSS class (its colour). */
export interface CloudPoint {
  x: number;
  y: number;
  trial: number;
  className: string;
}

/**
 * Dots drawn as zero-length round-capped segments, one path per class: a few elements however
 * many trials, so that large studies load fast. `data-points` lists "trial x y" for the hover;
 * points of class '' are in it without a dot (`extra` draws them, e.g. failure crosses).
 */
export function pointCloud(points: readonly CloudPoint[], diameter: number, extra = ''): string {
  const byClass = new Map<string, string[]>();
  for (const point of points) {
    if (point.className === '') continue;
    const list = byClass.get(point.className) ?? [];
    list.push(`M${pixel(point.x)} ${pixel(point.y)}h0`);
    byClass.set(point.className, list);
  }
  const paths = [...byClass].map(
    ([className, segments]) =>
      `<path class="dots ${className}" stroke-width="${diameter}" d="${segments.join('')}"/>`,
  );
  const data = points.map((p) => `${p.trial} ${pixel(p.x)} ${pixel(p.y)}`).join(' ');
  return `<g class="cloud" data-points="${data}">${paths.join('')}${extra}</g>`;
}

/** Crosses of failed trials as one path (their trials in the enclosing cloud's data). */
export function crosses(points: readonly { x: number; y: number }[]): string {
  if (points.length === 0) return '';
  const d = points
    .map(({ x, y }) => {
      const a = pixel(x - 3);
      const b = pixel(x + 3);
      const c = pixel(y - 3);
      const e = pixel(y + 3);
      return `M${a} ${c}L${b} ${e}M${a} ${e}L${b} ${c}`;
    })
    .join('');
  return `<path d="${d}" class="failed"/>`;
}
