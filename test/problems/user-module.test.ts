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

const objectives = fileURLToPath(new URL('../fixtures/objectives/', import.meta.url));

it('hands the objective a copy: editing it in place leaves the candidate as it was', async () => {
  const vector = await moduleProblem(
    {
      module: './mutating.mjs',
      export: 'sortsVector',
      space: { kind: 'real', lower: [-5, -5, -5], upper: [5, 5, 5] },
    },
    { baseDir: objectives },
  );
  const x = [3, -1, 2];
  expect(await vector.evaluate(x)).toBe(100 * 100 + 2 * 2 + 3 * 3);
  expect(x).toEqual([3, -1, 2]);
  const record = await moduleProblem(
    {
      module: './mutating.mjs',
      export: 'editsRecord',
      space: { x: { type: 'real', low: -5, high: 5 }, y: { type: 'real', low: -5, high: 5 } },
    },
    { baseDir: objectives },
  );
  const candidate = { x: 1, y: -2 };
  expect(await record.evaluate(candidate)).toBe(5);
  expect(candidate).toEqual({ x: 1, y: -2 });
});

it('copies nested candidates too', async () => {
  const problem = await moduleProblem(
    {
      module: './mutating.mjs',
      export: 'sortsNested',
      space: { kind: 'real', lower: [-5, -5], upper: [5, 5] },
    },
    { baseDir: objectives },
  );
  const candidate = { point: [2, 1], label: 'a' };
  expect(await problem.evaluate(candidate)).toBe(100 * 100 + 2 * 2);
  expect(candidate).toEqual({ point: [2, 1], label: 'a' });
});
