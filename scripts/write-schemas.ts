// Writes the shipped JSON Schemas (schemas/*.schema.json) from the registries, so that editors
// can complete configs via "$schema". A test checks that the files are up to date.
import { writeFileSync } from 'node:fs';
import { shippedSchemas } from '../src/config/schemas.js';

for (const [file, schema] of Object.entries(shippedSchemas())) {
  const path = new URL(`../schemas/${file}`, import.meta.url);
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schemas/${file}`);
}
