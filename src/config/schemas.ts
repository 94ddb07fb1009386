// Every JSON Schema kiln ships, by file name under schemas/.
import type { JsonSchema } from '../core/solver.js';
import { batchConfigSchema } from './batch-config.js';
import { runConfigSchema } from './run-config.js';
import { trainConfigSchema } from './train-config.js';
import { tuneConfigSchema } from './tune-config.js';

/** The shipped schemas: file name -> schema. */
export function shippedSchemas(): Record<string, JsonSchema> {
  return {
    'run.schema.json': runConfigSchema(),
    'tune.schema.json': tuneConfigSchema(),
    'batch.schema.json': batchConfigSchema(),
    'train.schema.json': trainConfigSchema(),
  };
}
