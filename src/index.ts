// kiln's public API (re-exports only).
export { createRng, restoreRng, randomSeed, type Rng, type RngState } from './core/rng.js';
export {
  KilnError,
  ConfigError,
  DataFileError,
  ParameterError,
  ProblemError,
  EvaluationError,
  RegistryError,
  type ConfigIssue,
} from './core/errors.js';
export type {
  Space,
  SpaceKind,
  SpaceSpec,
  ParameterSpec,
  ParameterValues,
  CategoryValue,
  Condition,
  NeighborOptions,
  PerturbOptions,
  MutateOptions,
} from './core/space.js';
export {
  realSpace,
  integerSpace,
  categoricalSpace,
  mixedSpace,
  permutationSpace,
  binarySpace,
  spaceFromSpec,
} from './core/spaces/index.js';
export type { Problem, MoveModel, ProblemSpec } from './core/problem.js';
export { maximize } from './core/maximize.js';
export {
  defineSolver,
  type SolverModule,
  type SolverContext,
  type AnySolver,
} from './core/solver.js';
export { stringifyState, parseState } from './core/json.js';
export { solvers } from './algorithms/registry.js';
export { randomSearch, type RandomSearchParams } from './algorithms/random-search.js';
export {
  differentialEvolution,
  type DifferentialEvolutionParams,
  type DifferentialEvolutionVariant,
  type DifferentialEvolutionState,
} from './algorithms/differential-evolution.js';
export { problems } from './problems/registry.js';
export { buildProblem } from './problems/build.js';
export { defineProblem, type ProblemFactory, type ProblemContext } from './problems/factory.js';
export { TEST_FUNCTIONS, type TestFunction } from './problems/continuous/functions.js';
export { continuousProblem, type ContinuousParams } from './problems/continuous/suite.js';
export { referenceShift } from './problems/continuous/shifts.js';
export {
  minimize,
  type MinimizeOptions,
  type RunResult,
  type RunProgress,
  type BatchRecord,
} from './runners/minimize.js';
export type { Budget, StopReason } from './runners/budget.js';
export type { TracePoint } from './runners/trace.js';
export type { Evaluator, BatchOutcome } from './runners/evaluator.js';
export { inThreadEvaluator } from './runners/in-thread-evaluator.js';
