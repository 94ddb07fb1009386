// Parallel evaluation on worker threads, two regimes:
// - cheap: random search on sphere d = 10 (batches of 4096), in this thread vs a pool of 2
//   workers (adaptive split, and pure offloading with no share kept in this thread);
// - expensive: training trials (mlp-hyperparameters on digits, the same trials for each pool
//   size), 1 worker vs 2 workers, trials per second.
// Rounds alternate between the settings being compared; ratios are taken round by round.
//
//   npx tsx bench/pool-throughput.ts [--cheap-rounds R] [--trials N] [--skip-expensive]
import { parseArgs } from 'node:util';
import { randomSearch } from '../src/algorithms/random-search/random-search.js';
import { createRng } from '../src/core/rng.js';
import { buildProblem } from '../src/problems/build.js';
import type { Evaluator } from '../src/runners/evaluator.js';
import { minimize } from '../src/runners/minimize.js';
import { poolEvaluator } from '../src/runners/pool-evaluator.js';
import { median, writeResult } from './results.js';

const { values: args } = parseArgs({
  options: {
    'cheap-rounds': { type: 'string', default: '7' },
    'cheap-evaluations': { type: 'string', default: '4000000' },
    trials: { type: 'string', default: '24' },
    'expensive-rounds': { type: 'string', default: '2' },
    'skip-expensive': { type: 'boolean', default: false },
  },
});
const baseDir = process.cwd();

async function cheap(): Promise<Record<string, unknown>> {
  const problem = await buildProblem({ type: 'sphere', dimension: 10 }, { baseDir });
  const evaluations = Number(args['cheap-evaluations']);
  const adaptive = poolEvaluator(problem, { workers: 2 });
  const offload = poolEvaluator(problem, { workers: 2, localShare: false });
  const rate = async (evaluator: Evaluator<unknown> | undefined): Promise<number> => {
    const start = performance.now();
    await minimize(problem, randomSearch, {
      budget: { evaluations },
      params: { batchSize: 4096 },
      seed: 1,
      ...(evaluator === undefined ? {} : { evaluator }),
    });
    return evaluations / ((performance.now() - start) / 1000);
  };
  // Warm-up: threads started, code compiled, the split learned.
  await rate(adaptive);
  await rate(offload);
  const rows: { inThread: number; adaptive: number; offload: number }[] = [];
  for (let round = 0; round < Number(args['cheap-rounds']); round++) {
    const row = {
      inThread: await rate(undefined),
      adaptive: await rate(adaptive),
      offload: await rate(offload),
    };
    rows.push(row);
    console.log(
      `cheap round ${round + 1}: in-thread ${fmt(row.inThread)}/s, pool adaptive ${fmt(row.adaptive)}/s (${(row.adaptive / row.inThread).toFixed(3)}x), pool offload-only ${fmt(row.offload)}/s (${(row.offload / row.inThread).toFixed(3)}x)`,
    );
  }
  await adaptive.close();
  await offload.close();
  return {
    evaluationsPerRound: evaluations,
    inThreadMedian: Math.round(median(rows.map((r) => r.inThread))),
    adaptiveMedian: Math.round(median(rows.map((r) => r.adaptive))),
    offloadMedian: Math.round(median(rows.map((r) => r.offload))),
    adaptiveRatioMedian: Number(median(rows.map((r) => r.adaptive / r.inThread)).toFixed(3)),
    offloadRatioMedian: Number(median(rows.map((r) => r.offload / r.inThread)).toFixed(3)),
  };
}

async function expensive(): Promise<Record<string, unknown>> {
  const problem = await buildProblem(
    { type: 'mlp-hyperparameters', dataset: 'digits' },
    { baseDir },
  );
  const trials = Number(args.trials);
  const rate = async (workers: number): Promise<number> => {
    const evaluator = poolEvaluator(problem, { workers, localShare: false });
    // Start the threads (and load the dataset in each) before timing.
    await evaluator.evaluate(
      Array.from({ length: workers }, () => problem.space.sample(createRng(0))),
      {},
    );
    const start = performance.now();
    await minimize(problem, randomSearch, {
      budget: { evaluations: trials },
      params: { batchSize: 8 },
      seed: 7,
      evaluator,
    });
    const perSecond = trials / ((performance.now() - start) / 1000);
    await evaluator.close();
    return perSecond;
  };
  const rows: { one: number; two: number }[] = [];
  for (let round = 0; round < Number(args['expensive-rounds']); round++) {
    const row = { one: await rate(1), two: await rate(2) };
    rows.push(row);
    console.log(
      `expensive round ${round + 1}: 1 worker ${row.one.toFixed(3)} trials/s, 2 workers ${row.two.toFixed(3)} trials/s (${(row.two / row.one).toFixed(3)}x)`,
    );
  }
  return {
    trials,
    oneWorkerMedian: Number(median(rows.map((r) => r.one)).toFixed(3)),
    twoWorkersMedian: Number(median(rows.map((r) => r.two)).toFixed(3)),
    speedupMedian: Number(median(rows.map((r) => r.two / r.one)).toFixed(3)),
  };
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

const result: Record<string, unknown> = { cheap: await cheap() };
if (!args['skip-expensive']) result.expensive = await expensive();
console.log(JSON.stringify(result, null, 2));
writeResult('pool-throughput', result);
