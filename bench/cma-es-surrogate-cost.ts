// What lq-CMA-ES's surrogate costs the solver: CPU milliseconds per evaluation of `minimize` on
// shifted sphere and Rosenbrock (objectives that cost nearly nothing, so the figures are the
// solver's own cost) at 100 evaluations per dimension, with `surrogate: "none"` and `"lq"` side by
// side, the median of `--seeds` runs each, and the best values reached. The lq fit is a weighted
// least squares in up to n (n + 3) / 2 + 1 coefficients on up to twice as many points, refitted
// after every batch, so a fit costs about n^6 once the full quadratic model is in use: on sphere
// runs converge and restart with an empty archive before that, on Rosenbrock they do not.
//
//   npx tsx bench/cma-es-surrogate-cost.ts [--dimensions 5,10,20,30] [--per-dimension 100]
//     [--seeds 3] [--functions sphere,rosenbrock] [--name RESULT]
import { cmaEs } from '../src/algorithms/cma-es/cma-es.js';
import { TEST_FUNCTIONS } from '../src/problems/continuous/functions.js';
import { continuousProblem } from '../src/problems/continuous/suite.js';
import { minimize } from '../src/runners/minimize.js';
import { median, writeBenchResult } from './continuous-suite.js';
import { option } from './results.js';

const dimensions = (option('dimensions') ?? '5,10,20,30').split(',').map(Number);
const perDimension = Number(option('per-dimension') ?? 100);
const seeds = Number(option('seeds') ?? 3);
const functions = (option('functions') ?? 'sphere,rosenbrock').split(',').map((name) => {
  const fn = TEST_FUNCTIONS.find((f) => f.name === name);
  if (fn === undefined) throw new Error(`${name} is not a suite function`);
  return fn;
});

interface Row {
  function: string;
  dimension: number;
  surrogate: string;
  evaluations: number;
  cpuMsPerEvaluation: number;
  medianBest: number;
}

const rows: Row[] = [];
console.log(
  '| function | d | evaluations | surrogate | CPU ms per evaluation (median) | median best |',
);
console.log('|---|---:|---:|---|---:|---:|');
for (const fn of functions)
  for (const dimension of dimensions) {
    const problem = continuousProblem(fn, { dimension, shifted: true });
    const evaluations = perDimension * dimension;
    for (const surrogate of ['none', 'lq']) {
      const perEvaluation: number[] = [];
      const best: number[] = [];
      for (let seed = 1; seed <= seeds; seed++) {
        const start = process.cpuUsage();
        const result = await minimize(problem, cmaEs, {
          budget: { evaluations },
          params: { surrogate },
          seed,
        });
        const used = process.cpuUsage(start);
        perEvaluation.push((used.user + used.system) / 1000 / result.evaluations);
        best.push(result.bestValue);
      }
      const row: Row = {
        function: fn.name,
        dimension,
        surrogate,
        evaluations,
        cpuMsPerEvaluation: median(perEvaluation),
        medianBest: median(best),
      };
      rows.push(row);
      console.log(
        `| ${fn.name} | ${dimension} | ${evaluations} | ${surrogate} | ${row.cpuMsPerEvaluation.toPrecision(3)} | ${row.medianBest.toExponential(2)} |`,
      );
    }
  }
const path = writeBenchResult(option('name') ?? 'cma-es-surrogate-cost', {
  perDimension,
  seeds,
  rows,
});
console.log(`wrote ${path}`);
