// Escaping text for XML and HTML content and attribute values.

/** Escapes text for SVG/HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A pixel coordinate as written in SVG: one decimal, no trailing `.0`, no `-0`. */
export function pixel(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return rounded === 0 ? '0' : String(rounded);
}
