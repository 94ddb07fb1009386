// JSON Schema of a search space in a config: named parameters (real, integer, categorical,
// boolean; log scale; `when` conditions), or a space spec with a `kind`.
import type { JsonSchema } from '../core/solver.js';
import { MAX_DIMENSION } from '../core/limits.js';

const value = { type: ['string', 'number', 'boolean'] };
const condition = {
  type: 'object',
  description:
    'Active only when every named parameter equals the value (or one of the listed values).',
  additionalProperties: { anyOf: [value, { type: 'array', items: value, minItems: 1 }] },
};

const parameterKinds: Record<string, JsonSchema> = {
  real: {
    required: ['low', 'high'],
    properties: {
      low: { type: 'number' },
      high: { type: 'number' },
      log: { type: 'boolean', description: 'Sample on a log scale (low must be > 0).' },
      default: { type: 'number' },
    },
  },
  integer: {
    required: ['low', 'high'],
    properties: {
      low: { type: 'integer' },
      high: { type: 'integer' },
      log: { type: 'boolean', description: 'Sample on a log scale (low must be >= 1).' },
      default: { type: 'integer' },
    },
  },
  categorical: {
    required: ['choices'],
    properties: { choices: { type: 'array', items: value, minItems: 1 }, default: value },
  },
  boolean: { properties: { default: { type: 'boolean' } } },
};

/** One parameter of a mixed space. */
export const parameterSchema: JsonSchema = {
  type: 'object',
  required: ['type'],
  properties: { type: { enum: Object.keys(parameterKinds) }, when: condition },
  allOf: Object.entries(parameterKinds).map(([kind, schema]) => ({
    if: { properties: { type: { const: kind } }, required: ['type'] },
    then: {
      required: schema.required ?? [],
      properties: { type: { const: kind }, when: condition, ...(schema.properties as object) },
      additionalProperties: false,
    },
  })),
};

const numbers = { type: 'array', items: { type: 'number' }, minItems: 1, maxItems: MAX_DIMENSION };

/** A space spec with a `kind` (for objectives over vectors or permutations). */
export const spaceSpecSchema: JsonSchema = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { enum: ['real', 'integer', 'categorical', 'permutation', 'binary'] } },
  allOf: [
    {
      if: { properties: { kind: { enum: ['real', 'integer'] } }, required: ['kind'] },
      then: {
        required: ['lower', 'upper'],
        properties: { kind: {}, lower: numbers, upper: numbers },
        additionalProperties: false,
      },
    },
    {
      if: { properties: { kind: { const: 'categorical' } }, required: ['kind'] },
      then: {
        required: ['choices'],
        properties: {
          kind: {},
          choices: {
            type: 'array',
            items: { type: 'array', items: value, minItems: 1 },
            minItems: 1,
          },
        },
        additionalProperties: false,
      },
    },
    {
      if: { properties: { kind: { const: 'permutation' } }, required: ['kind'] },
      then: {
        required: ['size'],
        properties: {
          kind: {},
          size: { type: 'integer', minimum: 1, maximum: MAX_DIMENSION },
          neighborhood: { enum: ['swap', 'reversal', 'insertion'] },
        },
        additionalProperties: false,
      },
    },
    {
      if: { properties: { kind: { const: 'binary' } }, required: ['kind'] },
      then: {
        required: ['size'],
        properties: { kind: {}, size: { type: 'integer', minimum: 1 } },
        additionalProperties: false,
      },
    },
  ],
};

/** A search space: a space spec when it has `kind`, named parameters otherwise. */
export const spaceSchema: JsonSchema = {
  type: 'object',
  description: 'The search space: named parameters, or a space spec with a "kind".',
  minProperties: 1,
  // A parameter may be named "kind" too: only a string `kind` makes a space spec.
  if: { properties: { kind: { type: 'string' } }, required: ['kind'] },
  then: spaceSpecSchema,
  else: { additionalProperties: parameterSchema },
};
