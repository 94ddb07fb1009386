// Two checkouts of kiln side by side in one process: the same solver run by `minimize` from each,
// alternately (A B, then B A, ...), evaluations per CPU-second. Both copies share the process, its
// heap and the machine's load of the moment, so a change of a few percent shows where separate
// processes (the rates of which swing by 2x on a shared machine) cannot see it.
//
//   git worktree add --detach /tmp/base main && ln -s "$PWD/node_modules" /tmp/base/node_modules
//   npx tsx bench/solver-ab.ts --a /tmp/base [--b .] [--solver differential-evolution]
//     [--params JSON] [--function sphere] [--dimension 10] [--evaluations 200000] [--rounds 16]
//
// The first quarter of the rounds warms both copies up and is not counted; each pair's ratio is
// printed, then the medians.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { median, writeResult } from './results.js';

const { values: options } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string', default: '.' },
    solver: { type: 'string', default: 'differential-evolution' },
    params: { type: 'string', default: '{}' },
    function: { type: 'string', default: 'sphere' },
    dimension: { type: 'string', default: '10' },
    evaluations: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '16' },
    name: { type: 'string' },
  },
});
if (options.a === undefined)
  throw new Error('--a PATH (the checkout to compare against) is required');

type MinimizeModule = typeof import('../src/runners/minimize.js');
type FunctionsModule = typeof import('../src/problems/continuous/functions.js');
type SuiteModule = typeof import('../src/problems/continuous/suite.js');

interface Checkout {
  label: string;
  root: string;
  minimize: MinimizeModule['minimize'];
  functions: FunctionsModule['TEST_FUNCTIONS'];
  problem: SuiteModule['continuousProblem'];
}

// The modules of the checkout at `path`: each path is a module of its own to Node, so the two
// copies are compiled and optimized separately.
async function load(label: string, path: string): Promise<Checkout> {
  const root = resolve(path);
  const runner = (await import(`${root}/src/runners/minimize.ts`)) as MinimizeModule;
  const functions = (await import(
    `${root}/src/problems/continuous/functions.ts`
  )) as FunctionsModule;
  const suite = (await import(`${root}/src/problems/continuous/suite.ts`)) as SuiteModule;
  return {
    label,
    root,
    minimize: runner.minimize,
    functions: functions.TEST_FUNCTIONS,
    problem: suite.continuousProblem,
  };
}

const checkouts = [await load('A', options.a), await load('B', options.b)];
const params = JSON.parse(options.params) as object;
const dimension = Number(options.dimension);
const evaluations = Number(options.evaluations);
const rounds = Number(options.rounds);
const warmUp = Math.floor(rounds / 4);
const rates: Record<string, number[]> = { A: [], B: [] };

for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? checkouts : [...checkouts].reverse();
  for (const checkout of order) {
    const fn = checkout.functions.find((f) => f.name === options.function);
    if (fn === undefined) throw new Error(`no function ${options.function} in ${checkout.root}`);
    const problem = checkout.problem(fn, { dimension, shifted: false });
    const since = process.cpuUsage();
    const result = await checkout.minimize(problem, options.solver, {
      budget: { evaluations },
      params,
      seed: (round % 4) + 1,
    });
    const used = process.cpuUsage(since);
    if (round >= warmUp) {
      rates[checkout.label]?.push(result.evaluations / ((used.user + used.system) / 1e6));
    }
  }
}

const a = rates.A ?? [];
const b = rates.B ?? [];
const pairs = b.map((rate, i) => rate / (a[i] as number));
console.log(
  `${options.solver} ${options.params} on ${options.function} d=${dimension}, ${evaluations.toLocaleString('en-US')} evaluations per run, ${a.length} pairs after ${warmUp} warm-up rounds`,
);
console.log(`A ${checkouts[0]?.root}: median ${Math.round(median(a)).toLocaleString('en-US')} /s`);
console.log(`B ${checkouts[1]?.root}: median ${Math.round(median(b)).toLocaleString('en-US')} /s`);
console.log(
  `B / A: median of pairs ${median(pairs).toFixed(3)} (pairs ${pairs.map((r) => r.toFixed(2)).join(' ')})`,
);
if (options.name !== undefined) {
  writeResult(options.name, { options, rates, pairs, ratio: median(pairs) });
}
