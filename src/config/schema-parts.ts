// Building blocks of the shipped config schemas: typed blocks (problem, solver) whose allowed
// fields depend on their `type`, and the budget.
import type { JsonSchema } from '../core/solver.js';

/** An entry of a registry as a schema needs it. */
export interface TypedEntry {
  name: string;
  description: string;
  paramsSchema: JsonSchema;
}

/**
 * A `{"type": ..., ...params}` object: `type` must name an entry, and the other fields must fit
 * that entry's parameter schema. `common` fields are allowed for every type.
 */
export function typedBlockSchema(
  what: string,
  entries: readonly TypedEntry[],
  common: Record<string, JsonSchema> = {},
): JsonSchema {
  return {
    type: 'object',
    description: `The ${what}: "type" names it, the other fields are its parameters.`,
    required: ['type'],
    properties: {
      type: { enum: entries.map((e) => e.name), description: `Which ${what}.` },
      ...common,
    },
    allOf: entries.map((entry) => ({
      if: { properties: { type: { const: entry.name } }, required: ['type'] },
      then: {
        description: entry.description,
        properties: {
          type: { const: entry.name },
          ...common,
          ...((entry.paramsSchema.properties as Record<string, JsonSchema> | undefined) ?? {}),
        },
        additionalProperties: false,
      },
    })),
  };
}

/** The budget block shared by run, tune and batch configs. */
export const budgetSchema: JsonSchema = {
  type: 'object',
  description: 'When to stop: the run stops at the first limit reached.',
  properties: {
    evaluations: { type: 'integer', minimum: 1, description: 'Maximum number of evaluations.' },
    seconds: { type: 'number', exclusiveMinimum: 0, description: 'Maximum wall-clock seconds.' },
    target: { type: 'number', description: 'Stop once the best value reaches this.' },
    stagnation: {
      type: 'integer',
      minimum: 1,
      description: 'Stop after this many evaluations without improvement.',
    },
  },
  additionalProperties: false,
  minProperties: 1,
};

/** Fields every top-level config accepts. */
export const commonConfigFields: Record<string, JsonSchema> = {
  $schema: { type: 'string', description: 'Path or URL of this schema, for editors.' },
  description: { type: 'string', description: 'Free text for humans.' },
  seed: {
    type: 'integer',
    minimum: 0,
    // Past 2^53 - 1 a JSON number no longer holds the integer that was written.
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'Seed of every random choice; unseeded runs pick one and report it.',
  },
  workers: {
    type: 'integer',
    minimum: 1,
    description: 'Worker threads evaluating candidates (1 = in this thread).',
  },
  output: {
    type: 'string',
    minLength: 1,
    description: 'Output folder (relative to the working directory).',
  },
};

/**
 * The longest per-evaluation time limit a config may set: about 31,700 years, far past any run,
 * so that "no limit in practice" values such as 1e10 work while nonsense (1e300) is refused.
 */
export const MAX_TIMEOUT_SECONDS = 1e12;

/** `timeoutSeconds`, shared by run, tune and batch configs. */
export const timeoutSecondsSchema: JsonSchema = {
  type: 'number',
  exclusiveMinimum: 0,
  maximum: MAX_TIMEOUT_SECONDS,
  description:
    'Per-evaluation time limit in seconds; a hung evaluation is ended (its worker is terminated and replaced) and marked failed.',
};

/** The largest per-worker memory limit a config may set (1 TiB). */
export const MAX_MEMORY_LIMIT_MB = 1_048_576;

/** `memoryLimitMb`, shared by run, tune and batch configs. */
export const memoryLimitMbSchema: JsonSchema = {
  type: 'integer',
  minimum: 64,
  maximum: MAX_MEMORY_LIMIT_MB,
  description:
    "Per-worker JavaScript heap limit in MB; an evaluation going past it fails and its worker is replaced. Default: half of the machine's memory shared among the workers, between 512 and 4096.",
};
