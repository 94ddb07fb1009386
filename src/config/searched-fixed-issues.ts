// A trainer problem's fixed setting that its space also searches: the searched value replaces it
// in every trial, so the fixed one would be ignored without a word; both given is refused.
import type { ConfigIssue } from '../core/errors.js';
import { describeValue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { OPTIMIZER_OPTIONS } from '../problems/mlp/options-mapping.js';

const TRAINER_TYPES = ['mlp-hyperparameters', 'mlp-architecture'];

// Fixed settings (a path in the problem block) and the space parameter that replaces each.
const REPLACED: readonly (readonly [string[], string])[] = [
  [['epochs'], 'epochs'],
  [['batchSize'], 'batchSize'],
  [['patience'], 'patience'],
  [['model', 'activation'], 'activation'],
  [['distillation', 'temperature'], 'temperature'],
  [['distillation', 'alpha'], 'distillationAlpha'],
  ...OPTIMIZER_OPTIONS.map((name): [string[], string] => [['optimizer', name], name]),
];

/**
 * The issues of a trainer problem block at `problemPath` whose fixed settings the space at
 * `spacePath` (the block's own `space` unless the config gives one beside it) also searches in
 * every trial (without a `when` condition).
 */
export function searchedFixedIssues(
  problem: unknown,
  space: unknown,
  problemPath: string,
  spacePath: string,
): ConfigIssue[] {
  if (!isRecord(problem) || !TRAINER_TYPES.includes(String(problem.type))) return [];
  if (!isRecord(space)) return [];
  const issues: ConfigIssue[] = [];
  for (const [path, searched] of REPLACED) {
    // A conditional parameter (`when`) leaves the fixed value to the trials where it is inactive.
    const spec = space[searched];
    if (!isRecord(spec) || spec.when !== undefined) continue;
    let value: unknown = problem;
    for (const key of path) value = isRecord(value) ? value[key] : undefined;
    if (value === undefined) continue;
    issues.push({
      path: `${problemPath}/${path.join('/')}`,
      message: `must be left out when the space searches ${searched} (got ${describeValue(value)})`,
      hint: `${spacePath}/${searched} replaces it in every trial; remove one of them`,
    });
  }
  return issues;
}
