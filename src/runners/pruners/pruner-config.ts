// The `pruner` block of a tune config: its JSON Schema (from the pruners' defaults) and the
// pruner it builds, with the maximum resource taken from the problem when not given.
import { ConfigError, describeValue } from '../../core/errors.js';
import type { JsonSchema } from '../../core/solver.js';
import { HYPERBAND_DEFAULTS, hyperbandPruner } from './hyperband.js';
import { MEDIAN_DEFAULTS, medianPruner } from './median.js';
import type { Pruner } from './pruner.js';
import {
  COMPARE_WITH,
  SUCCESSIVE_HALVING_DEFAULTS,
  successiveHalvingPruner,
} from './successive-halving.js';

/** A pruner block: `{"type": "median" | "asha" | "hyperband", ...parameters}`. */
export type PrunerConfig = { type: 'median' | 'asha' | 'hyperband' } & Record<string, unknown>;

/** The pruner types. */
export const PRUNER_TYPES = ['median', 'asha', 'hyperband'] as const;

const integer = (minimum: number, description: string, defaultValue?: number): JsonSchema => ({
  type: 'integer',
  minimum,
  description,
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
});
const resource = (description: string): JsonSchema => ({
  type: 'number',
  exclusiveMinimum: 0,
  description,
});
const maxResource = resource(
  'The largest step a trial reports (default: the problem\u2019s epoch bound).',
);
const compareWith: JsonSchema = {
  enum: [...COMPARE_WITH],
  default: SUCCESSIVE_HALVING_DEFAULTS.compareWith,
  description:
    'Trials a trial competes with at a rung: every earlier one (waiting for those still below it) or those finished when it was proposed (never waits).',
};
const factor: JsonSchema = {
  type: 'number',
  minimum: 2,
  description: 'Keep 1/factor of the trials at each rung.',
};

/** The JSON Schema of the pruner block. */
export function prunerSchema(): JsonSchema {
  const variant = (type: string, properties: Record<string, JsonSchema>): JsonSchema => ({
    type: 'object',
    required: ['type'],
    properties: { type: { const: type }, ...properties },
    additionalProperties: false,
  });
  return {
    description:
      'Stops unpromising trials early from their intermediate values (trial.report): median, asha (successive halving) or hyperband.',
    if: { type: 'object', required: ['type'] },
    then: {
      oneOf: [
        variant('median', {
          startupTrials: integer(
            0,
            'Complete trials before any pruning.',
            MEDIAN_DEFAULTS.startupTrials,
          ),
          warmupSteps: integer(
            0,
            'Steps before a trial may be pruned.',
            MEDIAN_DEFAULTS.warmupSteps,
          ),
          intervalSteps: integer(1, 'Judge every this many steps.', MEDIAN_DEFAULTS.intervalSteps),
          minTrials: integer(
            1,
            'Complete trials with a value at the step needed to judge.',
            MEDIAN_DEFAULTS.minTrials,
          ),
        }),
        variant('asha', {
          minResource: resource('Step of the first rung (default maxResource / factor^2).'),
          maxResource,
          reductionFactor: { ...factor, default: SUCCESSIVE_HALVING_DEFAULTS.reductionFactor },
          minEarlyStoppingRate: integer(0, 'Rungs skipped at the start.', 0),
          bootstrapCount: integer(
            0,
            'A rung judges trials only once more than this many reached it.',
            SUCCESSIVE_HALVING_DEFAULTS.bootstrapCount,
          ),
          compareWith,
        }),
        variant('hyperband', {
          minResource: {
            ...resource('Step of the first rung.'),
            default: HYPERBAND_DEFAULTS.minResource,
          },
          maxResource,
          reductionFactor: { ...factor, default: HYPERBAND_DEFAULTS.reductionFactor },
          compareWith,
        }),
      ],
    },
    else: { type: 'object', required: ['type'], properties: { type: { enum: [...PRUNER_TYPES] } } },
  };
}

/** Builds the pruner of a (schema-validated) block. */
export function createPruner(
  config: PrunerConfig,
  context: { maxSteps: number | undefined; seed: number | string; source: string },
): Pruner {
  const { type, ...params } = config;
  if (type === 'median') return medianPruner({ ...MEDIAN_DEFAULTS, ...params });
  const max = (params.maxResource as number | undefined) ?? context.maxSteps;
  if (max === undefined) {
    throw new ConfigError(context.source, [
      {
        path: '/pruner/maxResource',
        message: 'must be set: the problem does not declare its largest step (got nothing)',
        hint: 'the largest step the objective passes to trial.report',
      },
    ]);
  }
  const min = params.minResource as number | undefined;
  if (min !== undefined && !(min < max)) {
    throw new ConfigError(context.source, [
      {
        path: '/pruner/minResource',
        message: `must be < maxResource ${max} (got ${describeValue(min)})`,
      },
    ]);
  }
  if (type === 'asha') {
    return successiveHalvingPruner({ ...SUCCESSIVE_HALVING_DEFAULTS, ...params, maxResource: max });
  }
  return hyperbandPruner({ ...HYPERBAND_DEFAULTS, ...params, maxResource: max }, context.seed);
}
