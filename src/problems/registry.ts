// The problem registry: every problem type a config can name.
import { createRegistry, type Registry } from '../core/registry.js';
import { continuousFactories } from './continuous/suite.js';
import type { AnyProblemFactory } from './factory.js';
import { knapsackFactory } from './knapsack/factory.js';
import { multiObjectiveFactories } from './multi-objective/factories.js';
import { mlpArchitecture, mlpHyperparameters } from './mlp/factories.js';
import { qapFactory } from './qap/factory.js';
import { tspFactory } from './tsp/factory.js';

/** All shipped problem types. */
export const problems: Registry<AnyProblemFactory> = createRegistry<AnyProblemFactory>(
  'problem',
  [
    ...continuousFactories,
    tspFactory,
    qapFactory,
    knapsackFactory,
    mlpHyperparameters,
    mlpArchitecture,
    ...multiObjectiveFactories,
  ],
  (p) => p.type,
);
