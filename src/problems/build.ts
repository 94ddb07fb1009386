// Building a problem from a config block: registry lookup, parameters, maximization flag.
import { resolveParams } from '../config/params.js';
import type { ProblemConfig } from '../config/run-config.js';
import { maximize } from '../core/maximize.js';
import type { Problem } from '../core/problem.js';
import type { ProblemContext } from './factory.js';
import { problems } from './registry.js';

/** Builds the problem a config block describes. `context.baseDir` anchors relative paths. */
export async function buildProblem(
  config: ProblemConfig,
  context: ProblemContext,
): Promise<Problem<unknown>> {
  const { type, maximize: maximizeFlag, ...params } = config;
  const factory = problems.get(type);
  const resolved: object = resolveParams<object>(factory, params, `problem ${type}`);
  const problem = await factory.create(resolved, context);
  return maximizeFlag === true ? maximize(problem) : problem;
}
