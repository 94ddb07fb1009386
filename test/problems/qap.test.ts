// QAP problems from QAPLIB: every shipped solution reproduces its stated value with the
// documented conventions, and the problem is built from a shipped name or a path.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFileError, ProblemError } from '../../src/core/errors.js';
import { QAP_INSTANCES, dataDirectory, shippedInstance } from '../../src/problems/instances.js';
import { qapCost } from '../../src/problems/qap/moves.js';
import { loadQap, qapProblem } from '../../src/problems/qap/problem.js';
import {
  parseQapSolution,
  parseQaplib,
  readQapSolution,
  readQaplib,
} from '../../src/problems/qap/qaplib.js';
import { problems } from '../../src/problems/registry.js';

const bestKnown = ['tai30a', 'tai40a', 'sko42', 'tai50a', 'tai60a', 'tai80a', 'tai100a'];
const inverted = ['kra30a', 'tho30', 'tai60a', 'tai80a'];

describe('shipped QAPLIB instances', () => {
  it('ship 25 instances, each with a solution file', () => {
    expect(QAP_INSTANCES).toHaveLength(25);
    for (const name of QAP_INSTANCES)
      expect(shippedInstance('qap', name).solutionFile).toBeDefined();
  });

  it.each(QAP_INSTANCES)('%s: the solution reproduces the stated value', (name) => {
    const shipped = shippedInstance('qap', name);
    const { instance, solution } = loadQap({ instance: name }, '/');
    expect(solution).toBeDefined();
    expect(solution?.value).toBe(shipped.optimum);
    expect(qapCost(instance, solution?.permutation ?? [])).toBe(shipped.optimum);
    expect(solution?.convention).toBe(inverted.includes(name) ? 'inverse' : 'as-given');
    expect(solution?.indexBase).toBe(name === 'tai40a' ? 0 : 1);
    const problem = qapProblem({ instance: name });
    expect(problem.evaluate(solution?.permutation ?? [])).toBe(shipped.optimum);
    expect(problem.optimum).toBe(shipped.optimum);
    expect(problem.optimumStatus).toBe(bestKnown.includes(name) ? 'best-known' : 'optimal');
  });

  it('kra30a and tho30 list the inverse: the permutation as given costs more', () => {
    for (const [name, given] of [
      ['kra30a', 134770],
      ['tho30', 214826],
    ] as const) {
      const instance = readQaplib(shippedInstance('qap', name).file);
      const file = readQapSolution(shippedInstance('qap', name).solutionFile as string);
      expect(qapCost(instance, file.permutation)).toBe(given);
    }
  });

  it('tells symmetric instances from the asymmetric bur26a and lipa20a', () => {
    const asymmetric = QAP_INSTANCES.filter(
      (name) => !readQaplib(shippedInstance('qap', name).file).symmetric,
    );
    expect(asymmetric.sort()).toEqual(['bur26a', 'lipa20a']);
  });
});

describe('qap problem', () => {
  it('is a permutation space with the swap neighbourhood and a swap move model', () => {
    const problem = qapProblem({ instance: 'nug12' });
    expect(problem.name).toBe('nug12');
    expect(problem.space.spec).toEqual({ kind: 'permutation', size: 12, neighborhood: 'swap' });
    expect(problem.moves?.swap).toBeDefined();
    expect(problem.moves?.swapTable).toBeDefined();
    expect(problem.describe?.([1, 0, 2])).toEqual([2, 1, 3]);
  });

  it('carries a spec that rebuilds it through the registry', async () => {
    const problem = qapProblem({ instance: 'had20' });
    expect(problem.spec).toEqual({ type: 'qap', instance: 'had20' });
    const rebuilt = await problems.get('qap').create({ instance: 'had20' }, { baseDir: '/' });
    const p = Array.from({ length: 20 }, (_, k) => 19 - k);
    expect(rebuilt.evaluate(p)).toBe(problem.evaluate(p));
  });

  it('reads a path and a solution relative to the base folder', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kiln-qap-'));
    copyFileSync(join(dataDirectory, 'qaplib', 'tho30.dat'), join(folder, 'mine.dat'));
    copyFileSync(join(dataDirectory, 'qaplib', 'tho30.sln'), join(folder, 'mine.sln'));
    const plain = qapProblem({ path: 'mine.dat' }, { baseDir: folder });
    expect(plain.name).toBe('mine');
    expect(plain.optimum).toBeUndefined();
    const solved = qapProblem({ path: 'mine.dat', solution: 'mine.sln' }, { baseDir: folder });
    expect(solved.optimum).toBe(149936);
    expect(solved.optimumStatus).toBe('best-known');
    expect(solved.spec).toEqual({
      type: 'qap',
      path: join(folder, 'mine.dat'),
      solution: join(folder, 'mine.sln'),
    });
  });

  it('rejects a solution that matches neither reading, or of another size', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kiln-qap-'));
    writeFileSync(join(folder, 'wrong.sln'), '12 578\n1 2 3 4 5 6 7 8 9 10 11 12\n');
    writeFileSync(join(folder, 'small.sln'), '3 10\n1 2 3\n');
    const nug12 = join(dataDirectory, 'qaplib', 'nug12.dat');
    expect(() => qapProblem({ path: nug12, solution: 'wrong.sln' }, { baseDir: folder })).toThrow(
      /wrong\.sln:1: the stated value 578 is not the cost of the permutation \(\d+\) nor of its inverse/,
    );
    expect(() => qapProblem({ path: nug12, solution: 'small.sln' }, { baseDir: folder })).toThrow(
      DataFileError,
    );
  });

  it('asks for exactly one of instance and path, and suggests names', () => {
    expect(() => qapProblem({})).toThrow(/instance or path is required/);
    expect(() => qapProblem({ instance: 'nug12', path: 'a.dat' })).toThrow(/not both/);
    expect(() => qapProblem({ instance: 'nug12', solution: 'a.sln' })).toThrow(
      /solution goes with path/,
    );
    expect(() => qapProblem({ instance: 'nug21' })).toThrow(ProblemError);
    expect(() => qapProblem({ instance: 'nug21' })).toThrow(/did you mean "nug20"\?/);
  });

  it('rejects assignments of the wrong length', () => {
    expect(() => qapProblem({ instance: 'nug12' }).evaluate([0, 1])).toThrow(/12 facilities/);
  });
});

describe('malformed QAPLIB files', () => {
  const fixtures = new URL('../fixtures/malformed/', import.meta.url).pathname;

  it('a truncated .dat counts what it found', () => {
    const file = join(fixtures, 'truncated.dat');
    const attempt = (): unknown => readQaplib(file);
    expect(attempt).toThrow(DataFileError);
    expect(attempt).toThrow(
      `${file}:3: expected 289 integers (n = 12, then A and B, 12 x 12 each), found 250`,
    );
  });

  it('a bad token names its line', () => {
    const file = join(fixtures, 'bad-token.dat');
    expect(() => readQaplib(file)).toThrow(
      `${file}:4: expected an integer, got 'x' (token 7 of 19 integers: n = 3, then A and B, 3 x 3 each)`,
    );
  });

  it('extra numbers, repeated locations and out-of-range locations are refused', () => {
    expect(() => parseQaplib('2\n0 1 1 0\n0 2 2 0\n7\n', 'extra.dat')).toThrow(
      "extra.dat:4: expected nothing after the 9 integers of n, A and B, got '7'",
    );
    expect(() => parseQapSolution('3 10\n1 2\n2\n', 'twice.sln')).toThrow(
      'twice.sln:3: location 2 appears twice in the permutation',
    );
    expect(() => parseQapSolution('3 10\n1 2 4\n', 'range.sln')).toThrow(
      'range.sln:2: expected location numbers from 1 to 3, got 4',
    );
    expect(() => parseQapSolution('3 10\n1 2\n', 'short.sln')).toThrow(
      /short\.sln:2: expected 5 numbers .*, found 4/,
    );
  });

  it('reads commas as separators and 0-based permutations', () => {
    expect(parseQapSolution('3, 10\n0, 2, 1\n', 'commas.sln')).toEqual({
      file: 'commas.sln',
      size: 3,
      value: 10,
      permutation: [0, 2, 1],
      indexBase: 0,
    });
  });
});
