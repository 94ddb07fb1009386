// The two spaces of the TPE's speed and fingerprint benches: 10 reals (sphere) and 20 mixed
// parameters with conditional ones, each with a cheap objective.
import type { ParameterSpec, ParameterValues, Space } from '../src/core/space.js';
import { mixedSpace, realSpace } from '../src/core/spaces/index.js';

// 20 parameters: a branch choice, 9 always present, 10 conditional on the branch.
const mixed: Record<string, ParameterSpec> = {
  branch: { type: 'categorical', choices: ['a', 'b', 'c', 'd'] },
  ...Object.fromEntries(
    Array.from({ length: 5 }, (_, i) => [`r${i}`, { type: 'real', low: -5, high: 5 }]),
  ),
  l0: { type: 'real', low: 1e-5, high: 1, log: true },
  i0: { type: 'integer', low: 1, high: 100 },
  i1: { type: 'integer', low: 16, high: 512, log: true },
  c0: { type: 'categorical', choices: ['x', 'y', 'z'] },
  a0: { type: 'real', low: 0, high: 1, when: { branch: 'a' } },
  a1: { type: 'real', low: 0, high: 1, when: { branch: 'a' } },
  a2: { type: 'integer', low: 1, high: 10, when: { branch: 'a' } },
  b0: { type: 'real', low: 0, high: 1, when: { branch: 'b' } },
  b1: { type: 'real', low: 1e-3, high: 1, log: true, when: { branch: 'b' } },
  c1: { type: 'categorical', choices: ['p', 'q'], when: { branch: 'c' } },
  c2: { type: 'real', low: 0, high: 1, when: { branch: 'c' } },
  ab: { type: 'real', low: 0, high: 1, when: { branch: ['a', 'b'] } },
  cd: { type: 'integer', low: 0, high: 9, when: { branch: ['c', 'd'] } },
  d0: { type: 'real', low: -1, high: 1, when: { branch: 'd' } },
};

/** A bench space: its name, the space and the objective. */
export interface BenchSpace {
  name: string;
  space: Space<unknown>;
  value: (x: unknown) => number;
}

/** The 10-reals and the 20-parameter mixed space. */
export function benchSpaces(): BenchSpace[] {
  return [
    {
      name: 'reals-10',
      space: realSpace({
        lower: new Array(10).fill(-5),
        upper: new Array(10).fill(5),
      }),
      value: (x) => (x as number[]).reduce((s, v) => s + v * v, 0),
    },
    {
      name: 'mixed-20',
      space: mixedSpace({ parameters: mixed }),
      value: (x) =>
        Object.values(x as ParameterValues).reduce<number>(
          (s, v) => s + (typeof v === 'number' ? v * v : v === 'a' ? 0 : 1),
          0,
        ),
    },
  ];
}
