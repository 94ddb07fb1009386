// The checks of a config's search space that a JSON Schema cannot express (low <= high, a
// finite width high - low, log scales above 0, `when` naming real parameters and values, bounds
// of vector specs), as ConfigIssues with their JSON paths, reported together with the schema's.
import type { ConfigIssue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { WIDE_HINT, parameterIssues } from '../core/spaces/parameter-issues.js';

/** The issues of the space at JSON path `path` of a config (none when sound or absent). */
export function spaceIssues(space: unknown, path: string): ConfigIssue[] {
  if (!isRecord(space)) return [];
  if (typeof space.kind === 'string') return vectorIssues(space, path);
  return parameterIssues(space).map((issue) => ({ ...issue, path: `${path}${issue.path}` }));
}

// A real or integer vector spec: bounds of equal length, integers for the integer kind,
// lower <= upper and a finite width upper - lower at each index.
function vectorIssues(space: Record<string, unknown>, path: string): ConfigIssue[] {
  const { lower, upper } = space;
  if (!Array.isArray(lower) || !Array.isArray(upper)) return [];
  const issues: ConfigIssue[] = [];
  const fractional = (bound: unknown): boolean =>
    space.kind === 'integer' && typeof bound === 'number' && !Number.isInteger(bound);
  for (const [field, bounds] of [
    ['lower', lower],
    ['upper', upper],
  ] as const)
    bounds.forEach((bound: unknown, i) => {
      if (fractional(bound))
        issues.push({
          path: `${path}/${field}/${i}`,
          message: `must be an integer (got ${String(bound)})`,
        });
    });
  if (lower.length !== upper.length)
    return [
      ...issues,
      {
        path: `${path}/upper`,
        message: `must have as many items as lower, ${lower.length} (got ${upper.length})`,
      },
    ];
  lower.forEach((low: unknown, i) => {
    const high: unknown = upper[i];
    if (fractional(low) || fractional(high)) return;
    if (typeof low === 'number' && typeof high === 'number' && low > high)
      issues.push({
        path: `${path}/lower/${i}`,
        message: `must be <= upper[${i}] (got ${low} > ${high})`,
        hint: 'did you swap lower and upper?',
      });
    else if (typeof low === 'number' && typeof high === 'number' && !Number.isFinite(high - low))
      issues.push({
        path: `${path}/upper/${i}`,
        message: `must keep upper[${i}] - lower[${i}] finite (got ${high} - ${low})`,
        hint: WIDE_HINT,
      });
  });
  return issues;
}

/** Schema issues and semantic ones together, without a second issue at a path already named. */
export function mergeIssues(
  schemaIssues: readonly ConfigIssue[],
  semantic: readonly ConfigIssue[],
): ConfigIssue[] {
  const named = new Set(schemaIssues.map((issue) => issue.path));
  return [...schemaIssues, ...semantic.filter((issue) => !named.has(issue.path))];
}
