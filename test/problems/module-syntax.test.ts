// Where a module's syntax error is: line and column from `node --check`, the line alone when
// Node marks no column (the file ends inside a declaration).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntaxLocation } from '../../src/problems/module-syntax.js';
import { temporaryFolder } from '../helpers/cli.js';

// Written here: a file with a syntax error would trip the repository's own tools.
function moduleFile(text: string): string {
  const path = join(temporaryFolder(), 'objective.mjs');
  writeFileSync(path, text);
  return path;
}

describe('syntaxLocation', () => {
  it('names the line and column of an unexpected token', () => {
    const path = moduleFile('export default function (p) {\n  return p.x +* 2;\n}\n');
    expect(syntaxLocation(path, new SyntaxError("Unexpected token '*'"))).toEqual({
      line: 2,
      column: 15,
      reason: "Unexpected token '*'",
    });
  });

  it('names the line of an unexpected end of input, where Node marks no column', () => {
    const path = moduleFile('export function f( {\n');
    expect(syntaxLocation(path, new SyntaxError('Unexpected end of input'))).toEqual({
      line: 2,
      reason: 'Unexpected end of input',
    });
  });
});
