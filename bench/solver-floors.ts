// The floor under each solver's cost per candidate: what a candidate costs at least with the
// random draws and math-library calls that the solver's law makes, whatever the bookkeeping
// around them. Issue targets such as "1/3 of the bare loop" are only reachable where this floor
// allows them.
//
// A child process counts, for each solver (defaults and the main variants) run by `minimize` on
// sphere (100,000 evaluations, seed 1), the draws from the seeded generator (seedrandom's Alea
// is wrapped before kiln loads it) and the calls of each Math function (wrapped likewise); sphere
// itself calls none. This process then times one draw, one call of each function on arguments of
// the kind the solvers pass, one evaluation, and the bare loop (sample a point and evaluate it,
// as in bench/solver-throughput.ts), and puts each solver's warm rate beside its floor:
//
//   floor per candidate = draws x (one draw) + sum of calls x (one call) + one evaluation
//                         (CMA-ES: + d^2 multiply-adds for its product B D z per draw, + its
//                         eigendecompositions per candidate x one decomposition)
//
// Each part is timed in a tight loop, so the floor is optimistic: the solver's own arithmetic
// (mutations, sorting, CMA-ES's covariance update) is left out, and the ceiling (bare loop
// rate / floor rate) is an upper bound on the share of the bare loop that any implementation
// with the same results (same draws, same function values) can reach.
//
//   npx tsx bench/solver-floors.ts [--dimensions 10,30] [--rounds 3] [--evaluations 100000]
//                                  [--only text,text]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
import { median, writeResult } from './results.js';
import { ENTRIES as SOLVER_ENTRIES } from './solver-entries.js';

const { values: options } = parseArgs({
  options: {
    dimensions: { type: 'string', default: '10,30' },
    rounds: { type: 'string', default: '3' },
    evaluations: { type: 'string', default: '100000' },
    only: { type: 'string' },
    'count-child': { type: 'boolean', default: false },
  },
});
const dimensions = options.dimensions.split(',').map(Number);
const rounds = Number(options.rounds);
const evaluations = Number(options.evaluations);

// Every default, and the variants without a law of their own (DE classic, GA steady-state, SA
// Metropolis, ILS pattern search).
const FLOOR_LABELS = [
  'random-search',
  'DE lshade (default)',
  'DE classic rand/1/bin',
  'GA generational (default)',
  'GA steady-state',
  'SA auto = generalized (default)',
  'SA metropolis',
  'tabu sampled (default)',
  'ILS quasi-newton (default)',
  'ILS pattern',
  'CMA-ES bipop (default)',
  'particle swarm (default)',
];
const ENTRIES = FLOOR_LABELS.map((label) => {
  const entry = SOLVER_ENTRIES.find((e) => e.label === label);
  if (entry === undefined) throw new Error(`no solver entry ${label}`);
  return entry;
});
const onlyParts = options.only?.split(',');
const entries = ENTRIES.filter(
  (e) => onlyParts === undefined || onlyParts.some((part) => e.label.includes(part)),
);

// The Math functions counted and timed, each with arguments of the kind the solvers pass (from a
// uniform u in (0, 1)): logarithms of uniforms, angles, tangents of Cauchy draws, exponentials
// of non-positive numbers, powers of uniforms, square roots of sums.
const FUNCTION_SOURCES: Record<string, string> = {
  log: 'Math.log(x)',
  exp: 'Math.exp(-20 * x)',
  expm1: 'Math.expm1(-8 * x)',
  log1p: 'Math.log1p(x - 0.5)',
  pow: 'Math.pow(x, 0.37)',
  cos: 'Math.cos(6.283185307179586 * x)',
  sin: 'Math.sin(6.283185307179586 * x)',
  tan: 'Math.tan(3.141592653589793 * (x - 0.5))',
  sqrt: 'Math.sqrt(10 * x)',
  atan: 'Math.atan(10 * x - 5)',
  atan2: 'Math.atan2(x - 0.5, 0.3)',
  hypot: 'Math.hypot(x, 0.5)',
};
const FUNCTION_NAMES = Object.keys(FUNCTION_SOURCES);

/** Per candidate: draws, calls of each Math function, and CMA-ES's eigendecompositions. */
interface Counts {
  draws: number;
  calls: Record<string, number>;
  decompositions?: number;
}

const sphere = async (dimension: number) => {
  const { TEST_FUNCTIONS } = await import('../src/problems/continuous/functions.js');
  const { continuousProblem } = await import('../src/problems/continuous/suite.js');
  const fn = TEST_FUNCTIONS.find((f) => f.name === 'sphere');
  if (fn === undefined) throw new Error('sphere is missing from the suite');
  return continuousProblem(fn, { dimension, shifted: false });
};

// The child: wraps Alea and the Math functions before kiln is loaded, runs every solver once per
// dimension and prints the counts per candidate as JSON.
async function countChild(): Promise<void> {
  type AleaFactory = (seed: string, options: object) => (() => number) & { state(): object };
  const library = seedrandom as unknown as { alea: AleaFactory };
  const alea = library.alea;
  let draws = 0;
  library.alea = (seed, aleaOptions) => {
    const prng = alea(seed, aleaOptions);
    const counted = Object.assign(
      () => {
        draws++;
        return prng();
      },
      { state: () => prng.state() },
    );
    return counted;
  };
  const calls: Record<string, number> = {};
  const math = Math as unknown as Record<string, (...args: number[]) => number>;
  for (const name of FUNCTION_NAMES) {
    const original = math[name] as (...args: number[]) => number;
    calls[name] = 0;
    math[name] = (...args: number[]) => {
      calls[name] = (calls[name] as number) + 1;
      return original(...args);
    };
  }
  const { minimize } = await import('../src/runners/minimize.js');
  const out: Record<string, Record<string, Counts>> = {};
  for (const dimension of dimensions) {
    const problem = await sphere(dimension);
    const row: Record<string, Counts> = {};
    for (const entry of entries) {
      draws = 0;
      for (const name of FUNCTION_NAMES) calls[name] = 0;
      const result = await minimize(problem, entry.solver as never, {
        budget: { evaluations },
        params: entry.params,
        seed: 1,
      });
      const per = (n: number): number => n / result.evaluations;
      row[entry.label] = {
        draws: per(draws),
        calls: Object.fromEntries(FUNCTION_NAMES.map((name) => [name, per(calls[name] ?? 0)])),
        ...(entry.solver === 'cma-es'
          ? { decompositions: await decompositionsPerCandidate(problem, entry.params) }
          : {}),
      };
    }
    out[String(dimension)] = row;
  }
  process.stdout.write(JSON.stringify(out));
}

// CMA-ES's eigendecompositions per candidate, read from its state while its ask/tell loop runs
// (the same seed and budget as the counted run; the state records the generation of each run's
// latest decomposition).
async function decompositionsPerCandidate(
  problem: Awaited<ReturnType<typeof sphere>>,
  params: object,
): Promise<number> {
  const { cmaEs } = await import('../src/algorithms/cma-es/cma-es.js');
  const { createRng } = await import('../src/core/rng.js');
  const context = { space: problem.space, gradients: false, budget: { evaluations } };
  const rng = createRng(1);
  const state = cmaEs.init(context, { ...cmaEs.defaultParams, ...params }, rng);
  let evaluated = 0;
  let decompositions = 0;
  let run = state.run;
  let decomposedAt = run.decomposedAt;
  const notice = (): void => {
    if (state.run !== run) {
      run = state.run;
      decomposedAt = run.decomposedAt;
    } else if (run.decomposedAt !== decomposedAt) {
      decompositions++;
      decomposedAt = run.decomposedAt;
    }
  };
  while (evaluated < evaluations && !state.done) {
    const candidates = cmaEs.ask(state, context, rng);
    notice();
    if (candidates.length === 0) break;
    const values = candidates.map((x) => problem.evaluate(x) as number);
    evaluated += values.length;
    cmaEs.tell(state, context, candidates, values, rng);
    notice();
  }
  return decompositions / evaluated;
}

if (options['count-child']) {
  await countChild();
  process.exit(0);
}

function countsFromChild(): Record<string, Record<string, Counts>> {
  const args = [
    '--import',
    'tsx',
    fileURLToPath(import.meta.url),
    '--count-child',
    '--dimensions',
    options.dimensions,
    '--evaluations',
    String(evaluations),
    ...(options.only === undefined ? [] : ['--only', options.only]),
  ];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`the counting child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Record<string, Record<string, Counts>>;
}

const { createRng } = await import('../src/core/rng.js');
// Runs before a solver is timed: its rate keeps rising over the first several hundred thousand
// evaluations of a process (compilation, inline caches), more than the bare loop's.
const WARM_RUNS = 6;
const { minimize } = await import('../src/runners/minimize.js');
const { createEigenWorkspace, decomposeSymmetric } =
  await import('../src/algorithms/cma-es/symmetric-eigen.js');

function cpuNanoseconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) * 1000;
}

// Nanoseconds per evaluation of `expression` (JavaScript reading `x`, a uniform in (0, 1), and
// the names in `scope`), over `count` evaluations, median of `rounds` timings after one to warm
// up. Each expression gets a loop of its own, compiled from source, so that its call sites see
// one function only and are inlined as they would be in a solver's loop.
let sink = 0;
const ARGUMENTS = 4096;
const uniforms = Float64Array.from({ length: ARGUMENTS }, (_, i) => (i + 0.5) / ARGUMENTS);
function timeExpression(expression: string, scope: Record<string, unknown>, count: number): number {
  const names = Object.keys(scope);
  // A loop compiled from source per expression is the point here (see above).
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const loop = new Function(
    'uniforms',
    'count',
    ...names,
    `let total = 0;
     for (let i = 0; i < count; i++) {
       const x = uniforms[i & ${ARGUMENTS - 1}];
       total += ${expression};
     }
     return total;`,
  ) as (...args: unknown[]) => number;
  const values = names.map((name) => scope[name]);
  const times: number[] = [];
  for (let r = 0; r < rounds + 1; r++) {
    const since = process.cpuUsage();
    sink += loop(uniforms, count, ...values);
    if (r > 0) times.push(cpuNanoseconds(since) / count);
  }
  // The loop's own cost (a read and an addition per iteration) is left in: it is under 1 ns.
  return median(times);
}

const rng = createRng(1);
const drawNs = timeExpression('rng.next()', { rng }, 5_000_000);
const functionNs: Record<string, number> = {};
for (const name of FUNCTION_NAMES) {
  functionNs[name] = timeExpression(FUNCTION_SOURCES[name] as string, {}, 2_000_000);
}

const counts = countsFromChild();
const document: Record<string, unknown> = {
  evaluations,
  rounds,
  drawNs,
  functionNs,
  dimensions: {},
};
const fixed = (n: number, digits = 1): string => n.toFixed(digits);
console.log(`one draw: ${fixed(drawNs, 2)} ns`);
console.log(
  `one call: ${FUNCTION_NAMES.map((name) => `${name} ${fixed(functionNs[name] as number)}`).join(', ')} ns`,
);
for (const dimension of dimensions) {
  const problem = await sphere(dimension);
  const point = problem.space.sample(createRng(2));
  const evaluationNs = timeExpression('problem.evaluate(point)', { problem, point }, 2_000_000);
  const bareNs = timeExpression(
    'problem.evaluate(problem.space.sample(rng))',
    { problem, rng: createRng(3) },
    1_000_000,
  );
  // CMA-ES's B D z: d^2 multiply-adds per draw, timed on a d x d matrix.
  const matrix = Float64Array.from({ length: dimension * dimension }, (_, i) => uniforms[i] ?? 0);
  const product = (z: number): number => {
    let total = 0;
    for (let row = 0; row < dimension; row++) {
      let sum = 0;
      for (let col = 0; col < dimension; col++)
        sum += (matrix[row * dimension + col] as number) * z;
      total += sum;
    }
    return total;
  };
  const productNs = timeExpression('product(x)', { product }, 500_000);
  // One eigendecomposition of a d x d covariance (CMA-ES's own solver), copy of the matrix
  // included: a fixed symmetric positive definite matrix, diagonal plus a small coupling.
  const eigen = createEigenWorkspace(dimension);
  const covariance = Float64Array.from({ length: dimension * dimension }, (_, k) => {
    const i = Math.floor(k / dimension);
    const j = k % dimension;
    return i === j ? 1 + i : 0.1 / (1 + Math.abs(i - j));
  });
  const decompose = (x: number): number => {
    eigen.matrix.set(covariance);
    decomposeSymmetric(eigen);
    return (eigen.values[0] as number) + x;
  };
  const eigenNs = timeExpression('decompose(x)', { decompose }, dimension > 20 ? 5_000 : 50_000);
  console.log(
    `\nsphere d=${dimension}: one evaluation ${fixed(evaluationNs)} ns, bare loop (sample + evaluate) ${fixed(bareNs)} ns, d x d product ${fixed(productNs)} ns`,
  );
  console.log(
    '| solver | draws / candidate | math calls / candidate | floor ns | actual ns (warm) | ceiling x bare | actual x bare | actual / floor |',
  );
  console.log('|---|---:|---|---:|---:|---:|---:|---:|');
  const rows: Record<string, unknown>[] = [];
  for (const entry of entries) {
    const count = counts[String(dimension)]?.[entry.label];
    if (count === undefined) continue;
    let floorNs = count.draws * drawNs + evaluationNs;
    for (const name of FUNCTION_NAMES) {
      floorNs += (count.calls[name] ?? 0) * (functionNs[name] as number);
    }
    if (entry.solver === 'cma-es') floorNs += productNs + (count.decompositions ?? 0) * eigenNs;
    // The solver's own rate, warm: WARM_RUNS runs to compile, then `rounds` runs timed.
    const actual: number[] = [];
    for (let r = 0; r < rounds + WARM_RUNS; r++) {
      const since = process.cpuUsage();
      const result = await minimize(problem, entry.solver as never, {
        budget: { evaluations },
        params: entry.params,
        seed: r + 1,
      });
      if (r >= WARM_RUNS) actual.push(cpuNanoseconds(since) / result.evaluations);
    }
    const actualNs = median(actual);
    const decompositions =
      count.decompositions === undefined
        ? ''
        : `; ${fixed(count.decompositions, 3)} eigendecompositions, d^2 product`;
    const calls = FUNCTION_NAMES.filter((name) => (count.calls[name] ?? 0) >= 0.005)
      .map((name) => `${name} ${fixed(count.calls[name] as number, 2)}`)
      .join(', ');
    console.log(
      `| ${entry.label} | ${fixed(count.draws, 2)} | ${calls || '-'}${decompositions} | ${fixed(floorNs)} | ${fixed(actualNs)} | ${fixed(bareNs / floorNs, 3)} | ${fixed(bareNs / actualNs, 3)} | ${fixed(actualNs / floorNs, 2)} |`,
    );
    rows.push({
      solver: entry.label,
      drawsPerCandidate: count.draws,
      callsPerCandidate: count.calls,
      floorNs,
      actualNs,
      ceilingOverBare: bareNs / floorNs,
      actualOverBare: bareNs / actualNs,
    });
  }
  (document.dimensions as Record<string, unknown>)[String(dimension)] = {
    evaluationNs,
    bareNs,
    productNs,
    eigenNs,
    rows,
  };
}
if (sink === 42) console.log(''); // keeps the timed results observable
writeResult('solver-floors', document);
