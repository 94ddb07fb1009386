// The solver configurations the throughput and floor benches measure, each with the Python
// peer it is compared to, and the peers' evaluations per CPU-second (peers.md).

/** A solver configuration measured by the bench, with the peer it is compared to. */
export interface Entry {
  label: string;
  solver: string;
  params: object;
  peer: keyof typeof PEERS | undefined;
}

// Median evaluations per CPU-second of the Python peers at d = 10 and d = 30 (peers.md).
export const PEERS = {
  'SciPy differential_evolution': { 10: 15_128, 30: 13_680 },
  'SciPy dual_annealing (no local search)': { 10: 27_533, 30: 28_823 },
  'SciPy basinhopping': { 10: 37_694, 30: 54_092 },
  'DEAP eaSimple GA': { 10: 30_783, 30: 21_447 },
  'uniform random search (Python)': { 10: 102_487, 30: 121_847 },
  // bench/peers/pycma_suite.py (pycma 4.5.0, BIPOP) on shifted Schwefel and Rastrigin at d = 10,
  // 100,000 evaluations x 5 seeds each, Python objective, measured on this machine (loaded).
  'pycma BIPOP': { 10: 8_450 },
} as const;

export const ENTRIES: Entry[] = [
  {
    label: 'random-search',
    solver: 'random-search',
    params: {},
    peer: 'uniform random search (Python)',
  },
  {
    label: 'DE lshade (default)',
    solver: 'differential-evolution',
    params: {},
    peer: 'SciPy differential_evolution',
  },
  {
    label: 'DE shade',
    solver: 'differential-evolution',
    params: { variant: 'shade' },
    peer: 'SciPy differential_evolution',
  },
  {
    label: 'DE jade',
    solver: 'differential-evolution',
    params: { variant: 'jade' },
    peer: 'SciPy differential_evolution',
  },
  {
    label: 'DE classic rand/1/bin',
    solver: 'differential-evolution',
    params: { variant: 'classic', strategy: 'rand/1', polish: false },
    peer: 'SciPy differential_evolution',
  },
  {
    label: 'DE classic best/1/exp',
    solver: 'differential-evolution',
    params: { variant: 'classic', strategy: 'best/1', crossover: 'exponential', polish: false },
    peer: 'SciPy differential_evolution',
  },
  {
    label: 'GA generational (default)',
    solver: 'genetic-algorithm',
    params: {},
    peer: 'DEAP eaSimple GA',
  },
  {
    label: 'GA steady-state',
    solver: 'genetic-algorithm',
    params: { model: 'steady-state' },
    peer: 'DEAP eaSimple GA',
  },
  {
    label: 'GA memetic (auto)',
    solver: 'genetic-algorithm',
    params: { localSearch: 'auto' },
    peer: 'DEAP eaSimple GA',
  },
  {
    label: 'SA auto = generalized (default)',
    solver: 'simulated-annealing',
    params: {},
    peer: 'SciPy dual_annealing (no local search)',
  },
  {
    label: 'SA metropolis',
    solver: 'simulated-annealing',
    params: { variant: 'metropolis' },
    peer: undefined,
  },
  { label: 'tabu sampled (default)', solver: 'tabu-search', params: {}, peer: undefined },
  {
    label: 'ILS quasi-newton (default)',
    solver: 'iterated-local-search',
    params: {},
    peer: 'SciPy basinhopping',
  },
  {
    label: 'ILS pattern',
    solver: 'iterated-local-search',
    params: { localSearch: 'pattern' },
    peer: 'SciPy basinhopping',
  },
  { label: 'CMA-ES bipop (default)', solver: 'cma-es', params: {}, peer: 'pycma BIPOP' },
  { label: 'CMA-ES ipop', solver: 'cma-es', params: { restarts: 'ipop' }, peer: 'pycma BIPOP' },
  { label: 'particle swarm (default)', solver: 'particle-swarm', params: {}, peer: undefined },
];
