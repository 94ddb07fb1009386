// Dataset fields written where the other kind of config puts them: a train config holds a CSV or
// IDX file inside its `dataset` block, a trainer problem of a tune, run or batch config takes a
// CSV file as `path` and `target` beside its `type` (and `dataset` only as a shipped dataset's
// name).
import type { ConfigIssue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';

/** The fields of a train config's CSV or IDX dataset block. */
export const DATASET_FIELDS = ['path', 'target', 'task', 'format', 'images', 'labels'];

// The value at a JSON pointer of `data` (undefined where there is none).
function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const key of pointer.split('/').slice(1)) {
    const name = key.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) value = value[Number(name)];
    else if (isRecord(value)) value = value[name];
    else return undefined;
  }
  return value;
}

// The issue of a train config's dataset block at `path`, or undefined when it is not one.
function trainStyleIssue(block: unknown, path: string): ConfigIssue | undefined {
  if (!isRecord(block) || !DATASET_FIELDS.some((field) => field in block)) return undefined;
  const csv = ['path', 'target']
    .filter((field) => field in block)
    .map((field) => `${JSON.stringify(field)}: ${JSON.stringify(block[field])}`);
  return {
    path,
    message:
      'is a dataset block as a train config writes it; a trainer problem takes a shipped ' +
      'dataset\'s name here, or a CSV file as "path" and "target" beside "type"',
    hint:
      csv.length > 0
        ? `write ${csv.join(', ')} in the problem and leave "dataset" out`
        : 'IDX files are read by kiln train only; convert them to a CSV file with a header row',
  };
}

/**
 * The issues of a tune, run or batch config, with each issue at a trainer problem's `dataset`
 * that holds a train config's dataset block (the schema lists the shipped names there) replaced
 * by one saying where a CSV file goes.
 */
export function placeDatasetIssues(data: unknown, issues: readonly ConfigIssue[]): ConfigIssue[] {
  const replaced = new Map<string, ConfigIssue>();
  for (const issue of issues) {
    if (!issue.path.endsWith('/dataset') || replaced.has(issue.path)) continue;
    const placed = trainStyleIssue(valueAt(data, issue.path), issue.path);
    if (placed !== undefined) replaced.set(issue.path, placed);
  }
  if (replaced.size === 0) return [...issues];
  const owners = [...replaced.keys()];
  const emitted = new Set<string>();
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const owner = owners.find((path) => issue.path === path || issue.path.startsWith(`${path}/`));
    if (owner === undefined) out.push(issue);
    else if (!emitted.has(owner)) {
      emitted.add(owner);
      out.push(replaced.get(owner) as ConfigIssue);
    }
  }
  return out;
}

/**
 * The issues of a train config, with dataset fields written at its top level (where a trainer
 * problem takes them) reported as belonging inside `dataset`, one issue per field, in place of
 * the schema's "is not allowed here" and "/dataset is required".
 */
export function misplacedDatasetIssues(
  data: unknown,
  issues: readonly ConfigIssue[],
): ConfigIssue[] {
  if (!isRecord(data) || 'dataset' in data) return [...issues];
  const found = DATASET_FIELDS.filter((field) => field in data);
  if (found.length === 0) return [...issues];
  const moved = Object.fromEntries(found.map((field) => [field, data[field]]));
  const misplaced = new Set(['/dataset', ...found.map((field) => `/${field}`)]);
  return [
    ...found.map((field) => ({
      path: `/${field}`,
      message: `belongs inside "dataset" in a train config: "dataset": ${JSON.stringify(moved)}`,
    })),
    ...issues.filter((issue) => !misplaced.has(issue.path)),
  ];
}
