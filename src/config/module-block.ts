// The problem block naming a user's objective module, shared by run, tune and batch configs.
import type { JsonSchema } from '../core/solver.js';
import { spaceSchema } from './space-schema.js';

/** A problem block naming a user's module. */
export interface ModuleBlock {
  module: string;
  export?: string;
  maximize?: boolean;
  name?: string;
}

/** The fields of a module block, each with its schema. */
export const moduleBlockFields: Record<string, JsonSchema> = {
  module: {
    type: 'string',
    minLength: 1,
    description: 'Path of the module (.js, .mjs or .ts), relative to the config file.',
  },
  export: {
    type: 'string',
    minLength: 1,
    description: 'The exported objective (default: the default export).',
  },
  maximize: { type: 'boolean', description: 'Maximize the objective instead of minimizing it.' },
  name: { type: 'string', description: 'A name for reports.' },
};

/** A module block whose search space is given beside it (tune configs: top-level `space`). */
export const moduleBlockSchema: JsonSchema = {
  type: 'object',
  description: "A user's objective: an async function from a parameter object to a number.",
  required: ['module'],
  properties: moduleBlockFields,
  additionalProperties: false,
};

/** A module block carrying its own `space` (run configs). */
export const moduleProblemSchema: JsonSchema = {
  type: 'object',
  description:
    "A user's objective: a function of a parameter object (or a vector) to a number, over `space`.",
  required: ['module', 'space'],
  properties: { ...moduleBlockFields, space: spaceSchema },
  additionalProperties: false,
};
