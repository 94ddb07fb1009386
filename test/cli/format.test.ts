// The CLI's text tables: aligned columns, numbers to the right, and any number of rows (a batch
// summary has a row per problem and solver variant, up to 1,000,000).
import { describe, expect, it } from 'vitest';
import { textTable } from '../../src/cli/format.js';

describe('textTable', () => {
  it('aligns text left and numbers right', () => {
    expect(
      textTable(
        ['problem', 'runs'],
        [
          ['sphere-2', '3'],
          ['rastrigin-10', '12'],
        ],
      ),
    ).toBe(
      ['problem       runs', '------------  ----', 'sphere-2         3', 'rastrigin-10    12'].join(
        '\n',
      ),
    );
  });

  it('renders 300,000 rows', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [`p${i}`, String(i)]);
    const lines = textTable(['problem', 'runs'], rows).split('\n');
    expect(lines).toHaveLength(300_002);
    expect(lines[2]).toBe('p0            0');
  });
});
