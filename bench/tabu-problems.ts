// Benchmark instances for the tabu-search benchmarks: TSP and QAP problems from the registry.
import type { Problem } from '../src/core/problem.js';
import { buildProblem } from '../src/problems/build.js';

/** A registry problem (`tsp`, `qap`...) on a shipped instance. */
export async function registryProblem(type: string, instance: string): Promise<Problem<number[]>> {
  const problem = await buildProblem({ type, instance }, { baseDir: process.cwd() });
  return problem as Problem<number[]>;
}

/** The QAPLIB instance `name` (with its swap delta and Taillard swap table). */
export function qapProblem(name: string): Promise<Problem<number[]>> {
  return registryProblem('qap', name);
}
