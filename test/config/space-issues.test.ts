// The checks of a config's search space beyond its JSON Schema, with their JSON paths.
import { describe, expect, it } from 'vitest';
import { spaceIssues } from '../../src/config/space-issues.js';

describe('config space issues', () => {
  it('refuses a vector box whose width upper - lower overflows, naming the coordinate', () => {
    const space = { kind: 'real', lower: [0, -1e308], upper: [1, 1e308] };
    expect(spaceIssues(space, '/problem/space')).toEqual([
      {
        path: '/problem/space/upper/1',
        message: 'must keep upper[1] - lower[1] finite (got 1e+308 - -1e+308)',
        hint: 'a width past about 1.8e308 overflows; rescale the variable',
      },
    ]);
    expect(spaceIssues({ kind: 'real', lower: [-1e300], upper: [1e300] }, '/space')).toEqual([]);
    expect(
      spaceIssues({ kind: 'integer', lower: [-(2 ** 60)], upper: [2 ** 60] }, '/space'),
    ).toEqual([]);
  });

  it('refuses a named real or integer parameter whose high - low overflows', () => {
    const space = {
      x: { type: 'real', low: -1e308, high: 1e308 },
      n: { type: 'integer', low: -1e308, high: 1e308 },
      y: { type: 'real', low: -1e300, high: 1e300 },
    };
    expect(spaceIssues(space, '/space').map((issue) => [issue.path, issue.message])).toEqual([
      ['/space/x/high', 'must keep high - low finite (got 1e+308 - -1e+308)'],
      ['/space/n/high', 'must keep high - low finite (got 1e+308 - -1e+308)'],
    ]);
  });
});
