// The TPE's cost per trial (one ask + one tell) once a study holds N trials: 10 reals (sphere)
// and a 20-parameter mixed space with conditional parameters, beside Optuna's TPESampler
// (multivariate, group) on the same spaces when `/usr/bin/python3 -c "import optuna"` works.
// Wall and CPU time (the process's own, less sensitive to a loaded machine) per trial, medians.
//
// With --warmup W, the study holds N - W random trials and W sampler trials before the timed
// ones, as a real study at N trials would (the first asks of a process also pay V8's compilation
// on background threads, which process.cpuUsage counts).
//
//   npx tsx bench/tpe-speed.ts [--sizes 1000,10000] [--optuna-sizes 1000 ("" for none)]
//     [--timed 20] [--warmup 0] [--name RESULT]
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tpe } from '../src/algorithms/tpe/tpe.js';
import { createRng } from '../src/core/rng.js';
import type { SolverContext } from '../src/core/solver.js';
import { median, option, writeResult } from './results.js';
import { benchSpaces } from './tpe-spaces.js';

const sizes = (option('sizes') ?? '1000,10000').split(',').map(Number);
const timed = Number(option('timed') ?? 20);
const warmup = Number(option('warmup') ?? 0);
// Optuna needs seconds per trial at 10,000 trials: by default it is measured at 1,000 only.
const optunaSizes = (option('optuna-sizes') ?? '1000').split(',').filter(Boolean).map(Number);

const spaces = benchSpaces();

const rows: Record<string, unknown>[] = [];
for (const { name, space, value } of spaces) {
  for (const size of sizes) {
    const context: SolverContext<unknown> = { space, gradients: false, budget: {} };
    const rng = createRng(1);
    const params = { ...tpe.defaultParams };
    const state = tpe.init(context, params, rng);
    const asynchronous = tpe.asynchronous!;
    for (let k = 0; k < size - warmup; k++) {
      const x = space.sample(rng);
      asynchronous.observe(state, context, { params: x, value: value(x), status: 'complete' });
    }
    for (let k = 0; k < Math.min(warmup, size); k++) {
      const x = asynchronous.propose(state, context, [], rng.fork(`warmup ${k}`));
      asynchronous.observe(state, context, { params: x, value: value(x), status: 'complete' });
    }
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let k = 0; k < timed; k++) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const x = asynchronous.propose(state, context, [], rng.fork(String(k)));
      asynchronous.observe(state, context, { params: x, value: value(x), status: 'complete' });
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
      times.push(performance.now() - start);
    }
    const row = {
      sampler: 'kiln tpe',
      space: name,
      trials: size,
      ...(warmup > 0 ? { warmup: Math.min(warmup, size) } : {}),
      msPerTrial: Number(median(times).toFixed(3)),
      cpuMsPerTrial: Number(median(cpuTimes).toFixed(3)),
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}

let optunaVersion: string | undefined;
try {
  optunaVersion = execFileSync(
    '/usr/bin/python3',
    ['-c', 'import optuna; print(optuna.__version__)'],
    {
      encoding: 'utf8',
    },
  ).trim();
} catch {
  console.log('optuna not available: /usr/bin/python3 -c "import optuna" failed');
}
if (optunaVersion !== undefined) {
  for (const size of optunaSizes) {
    for (const space of ['reals-10', 'mixed-20']) {
      const out = execFileSync(
        '/usr/bin/python3',
        [join(import.meta.dirname, 'tpe-speed-optuna.py'), space, String(size), String(timed)],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      const row = {
        sampler: `optuna ${optunaVersion} TPESampler`,
        ...(JSON.parse(out.trim().split('\n').at(-1) as string) as object),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  }
}
writeResult(option('name') ?? 'tpe-speed', { timed, warmup, rows });
