// The multi-objective checks of a batch config's problem entries: the declared objectives (as
// kiln tune checks them), and a module's reference point and targets against them.
import type { ConfigIssue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { objectivesIssues } from '../multi-objective/objectives.js';

/** The issues of problem entry `entry` (at JSON path `path`) that concern its objectives. */
export function entryObjectiveIssues(entry: Record<string, unknown>, path: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (Array.isArray(entry.objectives))
    issues.push(...objectivesIssues(entry.objectives, `${path}/objectives`));
  if ('module' in entry && Array.isArray(entry.objectives))
    issues.push(...moduleObjectiveIssues(entry, path));
  else if ('module' in entry && entry.referencePoint !== undefined)
    issues.push({
      path: `${path}/referencePoint`,
      message: 'is for modules with several objectives: declare "objectives", or leave it out',
    });
  return issues;
}

// A multi-objective module entry: its runs are compared by hypervolume, which needs one
// reference point given in the entry (a module has no conventional one), and no target of its
// own (a batch-wide target does not apply to multi-objective problems).
function moduleObjectiveIssues(entry: Record<string, unknown>, path: string): ConfigIssue[] {
  const objectives = entry.objectives as unknown[];
  const names = objectives.map((o) => (isRecord(o) ? String(o.name) : '?')).join(', ');
  const issues: ConfigIssue[] = [];
  const reference = entry.referencePoint;
  if (reference === undefined)
    issues.push({
      path: `${path}/referencePoint`,
      message: `is required for a module with several objectives: runs are compared by the hypervolume of their fronts against it (one number per objective: ${names})`,
    });
  else if (Array.isArray(reference) && reference.length !== objectives.length)
    issues.push({
      path: `${path}/referencePoint`,
      message: `must give one number per objective, ${objectives.length} in the order ${names} (got ${reference.length})`,
    });
  for (const field of ['target', 'targetGapPercent'])
    if (entry[field] !== undefined)
      issues.push({
        path: `${path}/${field}`,
        message: `must be left out for a module with several objectives: runs are compared by hypervolume`,
      });
  return issues;
}
