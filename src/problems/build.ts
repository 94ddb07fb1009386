// Building a problem from a config block: registry lookup (or a user module), parameters,
// maximization flag.
import { resolveParams } from '../config/params.js';
import type { ProblemConfig } from '../config/run-config.js';
import { maximize } from '../core/maximize.js';
import { withProblemProperties, type Problem } from '../core/problem.js';
import type { ProblemContext } from './factory.js';
import { problems } from './registry.js';
import { moduleProblem, type ModuleProblemConfig } from './user-module.js';

/** Builds the problem a config block describes. `context.baseDir` anchors relative paths. */
export async function buildProblem(
  config: ProblemConfig | ModuleProblemConfig,
  context: ProblemContext,
): Promise<Problem<unknown>> {
  if ('module' in config && typeof config.module === 'string') {
    const problem = await moduleProblem(config as ModuleProblemConfig, context);
    return config.maximize === true ? maximize(problem) : problem;
  }
  const { type, maximize: maximizeFlag, ...params } = config as ProblemConfig;
  const factory = problems.get(type);
  const resolved: object = resolveParams<object>(factory, params, `problem ${type}`);
  const problem = await factory.create(resolved, context);
  // The config block itself is the spec a worker thread rebuilds the problem from.
  const built = withProblemProperties(problem, { spec: { ...config } });
  if (maximizeFlag !== true || built.direction === 'maximize') return built;
  // A registry problem that minimizes knows its minimum, not the maximum the flag now seeks.
  const maximized = maximize(built);
  delete (maximized as { optimum?: number }).optimum;
  delete (maximized as { optimumStatus?: string }).optimumStatus;
  return maximized;
}
