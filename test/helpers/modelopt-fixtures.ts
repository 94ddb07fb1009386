// The model-optimization reference fixtures (PyTorch 1.13), loaded once for the tests that use them.
import { readFileSync } from 'node:fs';

/** The parsed fixture file; sections are read by the tests that need them. */
export const modeloptFixtures = JSON.parse(
  readFileSync(new URL('../fixtures/modelopt_fixtures.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, unknown>>;

/** The `cases` of a fixture section. */
export function fixtureCases<T>(section: string): T[] {
  return (modeloptFixtures[section] as { cases: T[] }).cases;
}
