// Text formatting for the CLI: numbers, durations and aligned tables.

/** A value for humans: integers as they are, others with 4 significant digits, tiny/huge in e-notation. */
export function formatNumber(value: number | undefined | null): string {
  if (value === undefined || value === null) return '-';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e7)) return value.toExponential(3);
  return String(Number(value.toPrecision(4)));
}

/** An integer with thousands separators: 12345 -> 12,345. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Renders rows as an aligned plain-text table; numbers are right-aligned. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  // A loop, not Math.max(...lengths): spreading a few hundred thousand rows overflows the stack.
  const widths = header.map((h, c) =>
    rows.reduce((width, r) => Math.max(width, (r[c] ?? '').length), h.length),
  );
  const numeric = header.map(
    (_, c) =>
      rows.length > 0 &&
      rows.every((r) => /^[-+]?[\d.,]+(e[-+]?\d+)?%?$|^-$|^inf$/.test(r[c] ?? '')),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) =>
        numeric[c] === true ? cell.padStart(widths[c] as number) : cell.padEnd(widths[c] as number),
      )
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Renders rows as a GitHub markdown table. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A candidate for one line of a summary: long vectors are shortened. */
export function formatCandidate(x: unknown, maxItems = 8): string {
  if (Array.isArray(x)) {
    const items = x
      .slice(0, maxItems)
      .map((v) => (typeof v === 'number' ? formatNumber(v) : JSON.stringify(v)));
    return `[${items.join(', ')}${x.length > maxItems ? `, ... (${x.length} in all)` : ''}]`;
  }
  // No candidate at all (every evaluation failed).
  if (x === undefined) return '- (none: no evaluation succeeded)';
  return JSON.stringify(x);
}
