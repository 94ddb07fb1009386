// Numbers a JSON config cannot mean: JSON has no Infinity, but JSON.parse turns a literal too
// large for a double (1e999) into one, which a schema's bounds let through and JSON.stringify
// writes back as null.
import { describeValue, type ConfigIssue } from '../core/errors.js';

/** An issue at the JSON path of every non-finite number in `data`, at any depth. */
export function nonFiniteIssues(data: unknown, path = ''): ConfigIssue[] {
  if (typeof data === 'number')
    return Number.isFinite(data)
      ? []
      : [{ path, message: `must be a finite number (got ${describeValue(data)})` }];
  if (Array.isArray(data)) return data.flatMap((item, i) => nonFiniteIssues(item, `${path}/${i}`));
  if (typeof data === 'object' && data !== null)
    return Object.entries(data).flatMap(([key, value]) =>
      nonFiniteIssues(value, `${path}/${escapePointer(key)}`),
    );
  return [];
}

/** A key as a JSON pointer token (RFC 6901). */
function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
