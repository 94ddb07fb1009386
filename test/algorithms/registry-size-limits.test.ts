// Every size-like parameter of every solver (populations, memories, archives, samples, lists,
// partitions) has a maximum in its schema, so that a config asking for more memory than any
// machine has is refused as a config error instead of crashing the process.
import { describe, expect, it } from 'vitest';
import { solvers } from '../../src/algorithms/registry.js';
import { MAX_BATCH_SIZE } from '../../src/core/limits.js';
import type { JsonSchema } from '../../src/core/solver.js';

// The parameters that size something a solver allocates or asks at once, by solver.
const SIZES: Record<string, string[]> = {
  'random-search': ['batchSize'],
  'simulated-annealing': ['batchSize', 'temperatureSamples'],
  'differential-evolution': [
    'populationSize',
    'populationSizePerDimension',
    'minPopulationSize',
    'memorySize',
  ],
  'tabu-search': ['candidateCount', 'neighborListSize', 'eliteSize', 'movesPerAsk'],
  'iterated-local-search': [
    'neighborListSize',
    'linKernighanDepth',
    'neighborSample',
    'memory',
    'perturbedVariables',
  ],
  'genetic-algorithm': ['populationSize', 'tournamentSize', 'elitism'],
  tpe: ['batchSize', 'candidates'],
  motpe: ['batchSize', 'candidates', 'evolutionPopulation'],
  'gaussian-process': ['batchSize', 'randomPoints', 'localPoints', 'maxModelledTrials'],
  'cma-es': ['populationSize'],
  'particle-swarm': ['swarmSize', 'informants'],
  nsga2: ['populationSize'],
  nsga3: ['populationSize', 'partitions'],
};

function property(schema: JsonSchema, name: string): JsonSchema {
  return (schema.properties as Record<string, JsonSchema>)[name] as JsonSchema;
}

describe('solver size limits', () => {
  it.each(Object.entries(SIZES))('%s bounds %j', (name, fields) => {
    const schema = solvers.get(name).paramsSchema;
    for (const field of fields) {
      const maximum = property(schema, field).maximum;
      expect({ field, maximum }).toEqual({ field, maximum: expect.any(Number) as number });
      expect(maximum as number).toBeLessThanOrEqual(MAX_BATCH_SIZE);
    }
  });

  it('bounds every parameter named like a size or a population, in every solver', () => {
    const unbounded = solvers.entries().flatMap((solver) =>
      Object.entries(solver.paramsSchema.properties as Record<string, JsonSchema>)
        .filter(([field, schema]) => /size|population/i.test(field) && schema.maximum === undefined)
        .filter(([, schema]) => [schema.type].flat().includes('integer'))
        .map(([field]) => `${solver.name}.${field}`),
    );
    expect(unbounded).toEqual([]);
  });
});
