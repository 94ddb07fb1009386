// Fingerprints of runs: a hash of every evaluated candidate and value, per solver configuration
// and problem, so that a speed change can show that it changed no result. Run it on two commits
// and compare the outputs (bench/results/result-fingerprint.json): any differing line is a change
// of results.
//
//   npx tsx bench/result-fingerprint.ts
import { createHash } from 'node:crypto';
import { TEST_FUNCTIONS } from '../src/problems/continuous/functions.js';
import { continuousProblem } from '../src/problems/continuous/suite.js';
import { minimize } from '../src/runners/minimize.js';
import { writeResult } from './results.js';

const CONFIGURATIONS: [string, object][] = [
  ['random-search', {}],
  ['differential-evolution', {}],
  ['differential-evolution', { variant: 'shade' }],
  ['differential-evolution', { variant: 'jade' }],
  ['differential-evolution', { variant: 'classic', strategy: 'rand/1' }],
  [
    'differential-evolution',
    { variant: 'classic', strategy: 'best/1', crossover: 'exponential', boundHandling: 'reflect' },
  ],
  [
    'differential-evolution',
    {
      variant: 'classic',
      strategy: 'rand/2',
      boundHandling: 'reinitialize',
      differentialWeight: [0.5, 1],
    },
  ],
  [
    'differential-evolution',
    {
      variant: 'classic',
      strategy: 'current-to-best/1',
      boundHandling: 'clip',
      initialization: 'uniform',
    },
  ],
  ['differential-evolution', { variant: 'classic', strategy: 'best/2' }],
  ['differential-evolution', { variant: 'classic', strategy: 'rand-to-best/1' }],
  ['genetic-algorithm', {}],
  ['genetic-algorithm', { model: 'steady-state' }],
  ['genetic-algorithm', { localSearch: 'auto' }],
  ['genetic-algorithm', { selection: 'roulette' }],
  ['genetic-algorithm', { selection: 'rank' }],
  ['genetic-algorithm', { selection: 'truncation' }],
  ['simulated-annealing', {}],
  ['simulated-annealing', { variant: 'metropolis' }],
  ['simulated-annealing', { variant: 'generalized', refinement: false }],
  ['tabu-search', {}],
  ['iterated-local-search', {}],
  ['iterated-local-search', { localSearch: 'pattern' }],
  ['iterated-local-search', { localSearch: 'neighbor' }],
  ['cma-es', {}],
  ['cma-es', { restarts: 'ipop', boundHandling: 'reflect' }],
  ['cma-es', { sampling: 'mirrored' }],
  ['particle-swarm', {}],
  ['particle-swarm', { ballSampling: 'volume', restartAfter: 0 }],
];
const PROBLEMS = [
  { name: 'sphere', dimension: 10, evaluations: 20_000, shifted: false },
  { name: 'rastrigin', dimension: 10, evaluations: 30_000, shifted: false },
  { name: 'rosenbrock', dimension: 30, evaluations: 15_000, shifted: false },
  { name: 'schwefel', dimension: 5, evaluations: 8_000, shifted: true },
];

const lines: string[] = [];
for (const spec of PROBLEMS) {
  const fn = TEST_FUNCTIONS.find((f) => f.name === spec.name);
  if (fn === undefined) throw new Error(`${spec.name} is missing from the suite`);
  const problem = continuousProblem(fn, { dimension: spec.dimension, shifted: spec.shifted });
  for (const [solver, params] of CONFIGURATIONS) {
    const hash = createHash('sha256');
    const result = await minimize(problem, solver, {
      budget: { evaluations: spec.evaluations },
      params,
      seed: 7,
      onBatch: ({ candidates, values }) => {
        for (const x of candidates) hash.update(new Float64Array(x));
        hash.update(new Float64Array(values));
      },
    });
    const line = `${problem.name} ${solver} ${JSON.stringify(params)} ${result.evaluations} ${result.bestValue} ${hash.digest('hex').slice(0, 16)}`;
    console.log(line);
    lines.push(line);
  }
}
writeResult('result-fingerprint', { seed: 7, runs: lines });
