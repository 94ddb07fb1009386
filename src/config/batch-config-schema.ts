// The JSON Schema of batch configs (batch-config.ts), built from the registries, so that every
// per-type parameter mistake is reported with its path, inside variants and grids too.
import { solvers } from '../algorithms/registry.js';
import { MAX_BATCH_RUNS } from '../core/limits.js';
import type { JsonSchema } from '../core/solver.js';
import { problems } from '../problems/registry.js';
import { objectivesSchema } from '../multi-objective/objectives.js';
import { referencePointSchema } from '../multi-objective/reference-point.js';
import { problemCommonFields } from './run-config.js';
import {
  budgetSchema,
  commonConfigFields,
  memoryLimitMbSchema,
  timeoutSecondsSchema,
} from './schema-parts.js';
import { spaceSchema } from './space-schema.js';

/** The budget block of batch configs: the run budget plus `evaluationsPerDimension`. */
export const batchBudgetSchema: JsonSchema = {
  ...budgetSchema,
  properties: {
    ...(budgetSchema.properties as Record<string, JsonSchema>),
    evaluationsPerDimension: {
      type: 'number',
      exclusiveMinimum: 0,
      description:
        "Evaluations per variable: a run's budget is this times its problem's dimension (give this or evaluations).",
    },
  },
};

const targetFields: Record<string, JsonSchema> = {
  target: {
    type: 'number',
    description: 'A run succeeds once its best value reaches this (success rate, ERT).',
  },
  targetGapPercent: {
    type: 'number',
    minimum: 0,
    description: 'A run succeeds once within this percentage of the known optimum.',
  },
};

const problemEntryCommon: Record<string, JsonSchema> = {
  ...problemCommonFields,
  name: {
    type: 'string',
    minLength: 1,
    description: 'Label in reports; expansions append what varies.',
  },
  ...targetFields,
  referencePoint: {
    ...referencePointSchema,
    description:
      "Multi-objective problems: the hypervolume reference point the runs are compared by, in the objectives' own terms: an array in objective order or an object by objective name (default: the problem's conventional one, 1.1 per objective for ZDT and DTLZ2).",
  },
  budget: { ...batchBudgetSchema, description: 'Replaces these fields of the common budget.' },
};

const listOf = (items: JsonSchema, description: string): JsonSchema => ({
  type: 'array',
  minItems: 1,
  items,
  description,
});

function typedProblemEntry(params: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const fields: Record<string, JsonSchema> = {};
  if (params.instance !== undefined)
    fields.instances = listOf(params.instance, 'One problem per instance.');
  if (params.dimension !== undefined)
    fields.dimensions = listOf(params.dimension, 'One problem per dimension.');
  if (params.shift !== undefined || params.shifted !== undefined) {
    const forms: JsonSchema[] = [{ type: 'boolean' }];
    if (params.shift !== undefined) forms.push(params.shift);
    fields.shifts = listOf(
      forms.length === 1 ? (forms[0] as JsonSchema) : { anyOf: forms },
      'One problem per shift: false (plain), true (reference shift) or a shift vector.',
    );
  }
  fields.grid = {
    type: 'object',
    minProperties: 1,
    description: 'One problem per combination of the listed parameter values.',
    properties: Object.fromEntries(
      Object.entries(params).map(([name, schema]) => [name, listOf(schema, `Values of ${name}.`)]),
    ),
    additionalProperties: false,
  };
  return fields;
}

const paramsOf = (schema: JsonSchema): Record<string, JsonSchema> =>
  (schema.properties as Record<string, JsonSchema> | undefined) ?? {};

export const moduleEntrySchema: JsonSchema = {
  required: ['module', 'space'],
  properties: {
    module: { type: 'string', minLength: 1, description: 'Path of the objective module.' },
    export: { type: 'string', minLength: 1, description: 'The exported objective.' },
    space: spaceSchema,
    objectives: {
      ...objectivesSchema,
      description:
        'A multi-objective module: its objectives, in the order it returns them as an array (or the names of the object it returns); runs are then compared by hypervolume (give referencePoint).',
    },
    ...problemEntryCommon,
  },
  additionalProperties: false,
};

// Entry schemas per registry name, built once: the shipped schema combines them all, and
// validation compiles only those of the types a config names.
const problemSchemas = new Map<string, JsonSchema>();
const solverSchemas = new Map<string, JsonSchema>();

export function problemEntryFor(type: string): JsonSchema {
  return cached(problemSchemas, type, () => {
    const entry = problems.get(type);
    const params = paramsOf(entry.paramsSchema);
    return {
      description: entry.description,
      properties: {
        type: { const: entry.type },
        ...problemEntryCommon,
        ...params,
        ...typedProblemEntry(params),
      },
      additionalProperties: false,
    };
  });
}

export function solverEntryFor(type: string): JsonSchema {
  return cached(solverSchemas, type, () => {
    const entry = solvers.get(type);
    const params = paramsOf(entry.paramsSchema);
    return {
      description: entry.description,
      properties: {
        type: { const: entry.name },
        name: { type: 'string', minLength: 1, description: 'Label in reports.' },
        ...params,
        variants: {
          type: 'object',
          minProperties: 1,
          description:
            'Named parameter sets, each a solver variant of its own (over the shared parameters).',
          propertyNames: { pattern: '^[A-Za-z0-9][A-Za-z0-9_.+-]*$' },
          additionalProperties: { type: 'object', properties: params, additionalProperties: false },
        },
      },
      additionalProperties: false,
    };
  });
}

// The schema of `type` in `cache`, built by `build` the first time it is asked for.
function cached(cache: Map<string, JsonSchema>, type: string, build: () => JsonSchema): JsonSchema {
  let schema = cache.get(type);
  if (schema === undefined) {
    schema = build();
    cache.set(type, schema);
  }
  return schema;
}

export const typeSchema = (what: string, names: string[]): JsonSchema => ({
  required: ['type'],
  properties: { type: { enum: names, description: `Which ${what}.` } },
});

/** The schema of one entry of `problems`: a registry type or a user module. */
export function batchProblemEntrySchema(): JsonSchema {
  const names = problems.names();
  return {
    type: 'object',
    description:
      'A problem: "type" names it (or "module" a user objective), the rest are its parameters.',
    if: { required: ['module'] },
    then: moduleEntrySchema,
    else: {
      ...typeSchema('problem', names),
      allOf: names.map((type) => ({
        if: { properties: { type: { const: type } }, required: ['type'] },
        then: problemEntryFor(type),
      })),
    },
  };
}

/** The schema of one entry of `solvers`, whose variants are checked against its parameters. */
export function batchSolverEntrySchema(): JsonSchema {
  const names = solvers.names();
  return {
    type: 'object',
    description:
      'A solver: "type" names it, the other fields are parameters shared by its variants.',
    ...typeSchema('solver', names),
    allOf: names.map((type) => ({
      if: { properties: { type: { const: type } }, required: ['type'] },
      then: solverEntryFor(type),
    })),
  };
}

/** The JSON Schema of batch configs (shipped as schemas/batch.schema.json). */
export function batchConfigSchema(): JsonSchema {
  return configSchema(batchProblemEntrySchema(), batchSolverEntrySchema());
}

export function configSchema(problemItems: JsonSchema, solverItems: JsonSchema): JsonSchema {
  const { seed: _seed, ...common } = commonConfigFields;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'kiln batch config',
    description:
      'Every (problem, solver variant, seed) run under a common budget: `kiln batch <config>`.',
    type: 'object',
    required: ['problems', 'solvers', 'seeds', 'budget'],
    properties: {
      ...common,
      workers: { type: 'integer', minimum: 1, description: 'Worker threads, one run each.' },
      timeoutSeconds: {
        ...timeoutSecondsSchema,
        description:
          'Per-evaluation time limit in seconds: an evaluation running longer ends its run, which is recorded as failed.',
      },
      memoryLimitMb: memoryLimitMbSchema,
      problems: { type: 'array', minItems: 1, items: problemItems },
      solvers: { type: 'array', minItems: 1, items: solverItems },
      seeds: {
        type: ['integer', 'array'],
        minimum: 1,
        maximum: MAX_BATCH_RUNS,
        minItems: 1,
        maxItems: MAX_BATCH_RUNS,
        uniqueItems: true,
        items: { type: 'integer', minimum: 0 },
        description: `A list of seeds, or a count n for the seeds 1..n; at most ${MAX_BATCH_RUNS}, and at most ${MAX_BATCH_RUNS} runs in all (problems x solver variants x seeds).`,
      },
      budget: batchBudgetSchema,
      ...targetFields,
      stopAtTarget: {
        type: 'boolean',
        description: "Stop each run once it reaches its problem's target (default false).",
      },
      tracePoints: {
        type: 'integer',
        minimum: 2,
        description: "Points kept of each run's best-so-far trace (default 100).",
      },
    },
    additionalProperties: false,
  };
}
