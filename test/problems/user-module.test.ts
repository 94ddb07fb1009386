// User modules as objectives: a TypeScript default export compiled to CommonJS is found.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { moduleProblem } from '../../src/problems/user-module.js';

const folder = fileURLToPath(new URL('../fixtures/objectives/commonjs/', import.meta.url));

it('loads `export default` of a .ts file in a CommonJS package (default.default)', async () => {
  const problem = await moduleProblem(
    {
      module: './objective.ts',
      space: { x: { type: 'real', low: -5, high: 5 }, y: { type: 'real', low: -5, high: 5 } },
    },
    { baseDir: folder },
  );
  expect(await problem.evaluate({ x: 1, y: -2 })).toBe(0);
  expect(await problem.evaluate({ x: 2, y: 0 })).toBe(5);
});
