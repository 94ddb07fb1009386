// The budget check of run and tune configs that their schema cannot word: a limit the run is
// sure to reach, since a target alone may never be.
import type { ConfigIssue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';

/**
 * The issue of a config's `budget` (at JSON path `path`) that sets none of `limits`, only a
 * target; none when it sets one, or when it is empty or not an object (the schema says so).
 */
export function budgetLimitIssues(
  budget: unknown,
  path: string,
  limits: readonly string[],
): ConfigIssue[] {
  if (!isRecord(budget) || Object.keys(budget).length === 0) return [];
  if (limits.some((limit) => budget[limit] !== undefined)) return [];
  return [
    {
      path,
      message: `must set at least one of ${limits.join(', ')} (got ${JSON.stringify(budget)})`,
      ...('target' in budget ? { hint: 'a target alone may never be reached' } : {}),
    },
  ];
}
