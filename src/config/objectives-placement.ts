// Where a run or tune config may declare objectives: at the top level (the CLI hands them to the
// problem block) for a module objective or a trainer problem, never for a registry problem with
// one objective or one that declares its own (zdt1: f1, f2), and not in both places at once.
import type { ConfigIssue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { problems } from '../problems/registry.js';
import { declaredObjectiveNames } from '../problems/declared-objectives.js';
import { objectivePenaltyIssues } from '../problems/mlp/compression-options.js';
import { TRAINER_OBJECTIVES, unmeasuredObjectives } from '../problems/mlp/objectives.js';

/** The issues of `config`'s objectives placement (its `problem` block and top-level `objectives`). */
export function objectivesPlacementIssues(config: {
  problem: unknown;
  objectives?: unknown;
}): ConfigIssue[] {
  const block = config.problem;
  if (config.objectives === undefined || !isRecord(block)) return [];
  if ('module' in block) return bothPlacesIssues(block);
  const type = block.type;
  if (typeof type !== 'string' || !problems.has(type)) return [];
  const factory = problems.get(type);
  if (factory.objectives !== undefined) {
    const own = declaredObjectiveNames(block);
    return [
      {
        path: '/objectives',
        message: `must be left out: problem ${type} declares its own objectives${own === undefined ? '' : ` (${own.join(', ')})`}`,
      },
    ];
  }
  const properties = (factory.paramsSchema.properties as Record<string, unknown> | undefined) ?? {};
  if (!('objectives' in properties))
    return [
      {
        path: '/objectives',
        message: `must be left out: problem ${type} has one objective`,
        hint: 'objectives are declared for a module objective that returns several values, or for the trainer problems',
      },
    ];
  return [
    ...bothPlacesIssues(block),
    ...trainerObjectiveIssues(config.objectives),
    ...objectivePenaltyIssues({ ...block, objectives: config.objectives }).map((issue) => ({
      ...issue,
      path: `/problem${issue.path}`,
    })),
  ];
}

// Top-level objectives of a trainer problem that it does not measure.
function trainerObjectiveIssues(objectives: unknown): ConfigIssue[] {
  if (!Array.isArray(objectives)) return [];
  const named = objectives.map((o: unknown) => ({
    name: isRecord(o) && typeof o.name === 'string' ? o.name : '',
  }));
  return unmeasuredObjectives(named).map(({ name, index, use }) => ({
    path: `/objectives/${index}/name`,
    message: `must be an objective the trainer problems measure: ${TRAINER_OBJECTIVES.join(', ')} (got ${JSON.stringify(name)})`,
    ...(use === undefined ? {} : { hint: `use ${use}` }),
  }));
}

// Objectives at the top level and in the problem block: the top level's would silently win.
function bothPlacesIssues(block: Record<string, unknown>): ConfigIssue[] {
  if (block.objectives === undefined) return [];
  return [
    {
      path: '/problem/objectives',
      message: 'must be left out when the config declares "objectives" at the top level',
      hint: 'declare the objectives once',
    },
  ];
}
