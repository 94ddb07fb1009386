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
export type { Problem, MultiObjectiveProblem, MoveModel, ProblemSpec } from './core/problem.js';
export { TrialPruned, type Trial } from './core/trial.js';
export { maximize } from './core/maximize.js';
export {
  defineSolver,
  type SolverModule,
  type SolverContext,
  type AnySolver,
} from './core/solver.js';
export { stringifyState, parseState } from './core/json.js';
export { solvers } from './algorithms/registry.js';
export { randomSearch, type RandomSearchParams } from './algorithms/random-search/random-search.js';
export {
  cmaEs,
  type CmaEsParams,
  type CmaEsState,
  type CmaRestarts,
} from './algorithms/cma-es/cma-es.js';
export {
  particleSwarm,
  type ParticleSwarmParams,
  type ParticleSwarmState,
} from './algorithms/particle-swarm/particle-swarm.js';
export { tabuSearch, type TabuSearchParams } from './algorithms/tabu-search/tabu-search.js';
export {
  simulatedAnnealing,
  type SimulatedAnnealingParams,
  type SimulatedAnnealingState,
} from './algorithms/simulated-annealing/simulated-annealing.js';
export type { CoolingSchedule } from './algorithms/simulated-annealing/cooling-schedules.js';
export {
  differentialEvolution,
  type DifferentialEvolutionParams,
  type DifferentialEvolutionVariant,
  type DifferentialEvolutionState,
} from './algorithms/differential-evolution/differential-evolution.js';
export {
  geneticAlgorithm,
  type GeneticAlgorithmParams,
} from './algorithms/genetic-algorithm/genetic-algorithm.js';
export {
  iteratedLocalSearch,
  type IteratedLocalSearchParams,
} from './algorithms/iterated-local-search/iterated-local-search.js';
export {
  localInit,
  localAsk,
  localTell,
  localDone,
  localBest,
  localStopReason,
  localEvaluations,
  LOCAL_METHODS,
  type LocalMethod,
  type LocalOptimizerOptions,
  type LocalOptimizerState,
  type LocalStopReason,
  type QuasiNewtonOptions,
  type PatternSearchOptions,
} from './algorithms/operators/local-optimizer/local-optimizer.js';
export {
  twoOptOrOpt,
  linKernighan,
  swapDescent,
  flipDescent,
  type TourLocalSearchOptions,
  type LinKernighanOptions,
  type SwapDescentOptions,
  type FlipDescentOptions,
  type MoveSearchResult,
} from './algorithms/operators/local-search/index.js';
export type { CrossoverName, MutationName } from './algorithms/genetic-algorithm/variation.js';
export type { LocalSearchName } from './algorithms/genetic-algorithm/memetic.js';
export { problems } from './problems/registry.js';
export { buildProblem } from './problems/build.js';
export { defineProblem, type ProblemFactory, type ProblemContext } from './problems/factory.js';
export { TEST_FUNCTIONS, type TestFunction } from './problems/continuous/functions.js';
export { continuousProblem, type ContinuousParams } from './problems/continuous/suite.js';
export { referenceShift } from './problems/continuous/shifts.js';
export {
  TSP_INSTANCES,
  QAP_INSTANCES,
  KNAPSACK_INSTANCES,
  dataDirectory,
  shippedInstance,
  type ShippedInstance,
} from './problems/instances.js';
export { readTsplib, parseTsplib } from './problems/tsp/tsplib.js';
export type { TspInstance } from './problems/tsp/tsp-instance.js';
export type { EdgeWeightType, EdgeWeightFormat } from './problems/tsp/distances.js';
export { readTour, parseTour, type TspTour } from './problems/tsp/tour-file.js';
export { tourLength, nearestNeighbors, tspMoves } from './problems/tsp/moves.js';
export {
  tspProblem,
  tspProblemFromInstance,
  type TspParams,
  type TspProblemOptions,
} from './problems/tsp/problem.js';
export {
  readQaplib,
  parseQaplib,
  readQapSolution,
  parseQapSolution,
  type QapInstance,
  type QapSolutionFile,
} from './problems/qap/qaplib.js';
export { matchSolution, type QapSolution } from './problems/qap/solution.js';
export { qapCost, qapSwapDelta, qapMoves } from './problems/qap/moves.js';
export {
  qapProblem,
  qapProblemFromInstance,
  loadQap,
  type QapParams,
  type QapProblemOptions,
} from './problems/qap/problem.js';
export { readMknap, parseMknap, type KnapsackInstance } from './problems/knapsack/orlib.js';
export {
  knapsackProblem,
  knapsackProblemFromInstance,
  type KnapsackParams,
  type KnapsackProblemOptions,
  type KnapsackSelection,
  type ConstraintHandling,
} from './problems/knapsack/problem.js';
export {
  minimize,
  type MinimizeOptions,
  type RunResult,
  type RunProgress,
  type BatchRecord,
} from './runners/minimize.js';
export type { Budget, StopReason } from './runners/budget.js';
export type { TracePoint } from './runners/trace.js';
export type {
  Evaluator,
  BatchOutcome,
  EvaluateOptions,
  TrialOutcome,
} from './runners/evaluator.js';
export { inThreadEvaluator } from './runners/in-thread-evaluator.js';
export { poolEvaluator, type PoolEvaluatorOptions } from './runners/pool-evaluator.js';
export { runStudy, type StudyOptions, type StudyResult } from './runners/study.js';
export {
  queueEvaluator,
  type QueueEvaluator,
  type QueueEvaluatorOptions,
} from './queue/queue-evaluator.js';
export {
  startQueueWorker,
  type QueueWorker,
  type QueueWorkerEvent,
  type QueueWorkerOptions,
} from './queue/queue-worker.js';
export { parseQueueAddress, QueueError, type QueueAddress } from './queue/queue-address.js';
export type { TrialRecord, StudyHeader } from './runners/study-journal.js';
export type { PrunerConfig } from './runners/pruners/pruner-config.js';
export type { Pruner, PruningHistory, TrialProgress } from './runners/pruners/pruner.js';
export {
  runBatch,
  type RunBatchOptions,
  type BatchResult,
  type BatchProgress,
} from './runners/batch/runner.js';
export { reportBatch, type BatchReport } from './runners/batch/output-folder.js';
export { summarizeJournal } from './runners/batch/summary.js';
export type {
  BatchSummary,
  SummaryRow,
  ConvergenceSeries,
  ProblemCurves,
} from './runners/batch/summary-types.js';
export { expandGrid, type BatchGrid } from './runners/batch/grid.js';
export { expectedRunningTime, successRate, type TargetRun } from './runners/batch/statistics.js';
export { convergencePlotSvg } from './report/charts/convergence.js';
export {
  writeStudyReport,
  writeBatchReport,
  reportKind,
  type WrittenStudyReport,
  type WrittenBatchReport,
} from './report/write-report.js';
export { readStudyModel, type StudyModel, type ReportTrial } from './report/study-model.js';
export { renderStudyReport, studyImportance, type StudyReport } from './report/study-report.js';
export {
  parameterImportance,
  type ImportanceResult,
  type ParameterImportance,
  type ScoredTrial,
} from './report/importance.js';
export {
  validateBatchConfig,
  batchConfigSchema,
  type BatchConfig,
  type BatchBudget,
  type BatchProblemEntry,
  type BatchSolverEntry,
} from './config/batch-config.js';
export {
  createOptimizer,
  optimizers,
  resolveOptimizerOptions,
} from './training/optimizers/registry.js';
export type {
  Optimizer,
  OptimizerState,
  OptimizerDefinition,
  FloatArray,
} from './training/optimizers/optimizer.js';
export type { SgdOptions } from './training/optimizers/sgd.js';
export type { AdagradOptions } from './training/optimizers/adagrad.js';
export type { AdadeltaOptions } from './training/optimizers/adadelta.js';
export type { RmspropOptions } from './training/optimizers/rmsprop.js';
export type { AdamOptions } from './training/optimizers/adam.js';
export type { AdamwOptions } from './training/optimizers/adamw.js';
export type { AdamaxOptions } from './training/optimizers/adamax.js';
export type { NadamOptions } from './training/optimizers/nadam.js';
export type { FtrlOptions } from './training/optimizers/ftrl.js';
export {
  firstOrderSolver,
  firstOrderSolvers,
  type FirstOrderParams,
} from './algorithms/first-order/first-order.js';
export { train, trainAsync, type TrainHooks } from './training/train.js';
export { TrainingSession } from './training/training-session.js';
export type { TrainResult, EpochRecord, TrainStopReason } from './training/train-result.js';
export type {
  TrainOptions,
  ResolvedTrainOptions,
  ModelOptions,
  EarlyStoppingOptions,
  GradientClippingOptions,
  OptimizerConfig,
  ExplicitSplit,
} from './training/train-options.js';
export { scheduledLearningRate, type LearningRateSchedule } from './training/schedules.js';
export {
  crossValidate,
  type CrossValidationResult,
  type FoldResult,
} from './training/cross-validate.js';
export type { Dataset, Task } from './training/data/dataset.js';
export { loadDataset, SHIPPED_DATASETS, DATASET_NAMES } from './training/data/datasets.js';
export { datasetFromCsv, readCsvDataset, type CsvDatasetOptions } from './training/data/csv.js';
export { readIdx, parseIdx, encodeIdx, type IdxArray } from './training/data/idx.js';
export { readIdxDataset, type IdxDatasetOptions } from './training/data/idx-dataset.js';
export {
  loadFashionMnist,
  fashionMnistFolders,
  FASHION_MNIST_CLASSES,
  FASHION_MNIST_FILES,
} from './training/data/fashion-mnist.js';
export {
  distillationLoss,
  type DistillationLossOptions,
  type DistillationLossResult,
} from './training/distillation-loss.js';
export type { DistillationOptions } from './training/distillation.js';
export {
  splitDataset,
  stratifiedHoldOut,
  kFolds,
  type SplitIndices,
} from './training/data/splits.js';
export {
  fitNormalization,
  applyNormalization,
  type Normalization,
  type NormalizationKind,
} from './training/data/normalization.js';
export { confusionMatrix, accuracyOf } from './training/metrics.js';
export { readModel, checkModel, type ModelDocument } from './training/model.js';
export { predict, predictOutputs, type Predictions } from './training/predict.js';
export { readAnyModel, checkAnyModel } from './training/read-any-model.js';
export {
  quantizeModel,
  quantizeWeights,
  type QuantizeOptions,
} from './training/quantization/quantize-model.js';
export {
  checkQuantizedModel,
  isQuantized,
  modelBytes,
  floatModelBytes,
  quantizedModelBytes,
  type AnyModelDocument,
  type QuantizedModelDocument,
  type QuantizedLayer,
  type QuantizationSettings,
  type WeightScheme,
  type WeightRange,
} from './training/quantization/quantized-model.js';
export {
  quantizeValue,
  quantizePerTensor,
  dequantizePerTensor,
  quantizePerChannel,
  dequantizePerChannel,
} from './training/quantization/quantize.js';
export {
  fakeQuantizePerTensor,
  fakeQuantizePerChannel,
  fakeQuantizeGradient,
  type FakeQuantized,
} from './training/quantization/fake-quantize.js';
export {
  affineParameters,
  symmetricParameters,
  perRowSymmetricParameters,
  SCALE_EPSILON,
  type QuantizationParameters,
} from './training/quantization/parameters.js';
export {
  createObserver,
  OBSERVER_KINDS,
  type Observer,
  type ObserverKind,
  type ObserverOptions,
} from './training/quantization/observers.js';
export {
  signedRange,
  unsignedRange,
  WEIGHT_BITS,
  type IntegerRange,
  type RoundingConvention,
  type WeightBits,
} from './training/quantization/ranges.js';
export { roundHalfToEven } from './training/quantization/rounding.js';
export {
  integerLinear,
  type IntegerLinearLayer,
  type IntegerLinearResult,
} from './training/quantization/integer-linear.js';
export type { QuantizationTrainOptions } from './training/quantization/training-options.js';
export type { QuantizationAwareResult } from './training/quantization/convert-quantization-aware.js';
export {
  exportOnnx,
  ONNX_NAMES,
  type ExportOnnxOptions,
  type QuantizedOnnxForm,
} from './training/export/export-onnx.js';
export { decodeOnnxModel } from './training/export/onnx-proto.js';
export { ACTIVATIONS, type Activation } from './training/activations.js';
export { LOSSES, type LossName } from './training/losses.js';
export type { Initialization } from './training/initialization.js';
export type { Architecture, LayerWeights } from './training/network.js';
export type { Precision } from './training/kernels/flavor.js';
export {
  NF4_TABLE,
  quantizeNf4,
  dequantizeNf4,
  nf4Codes,
  packNibbles,
  unpackNibbles,
  nf4Bytes,
  type Nf4Tensor,
  type Nf4Options,
} from './training/nf4/nf4.js';
export {
  quantizeScales,
  dequantizeScales,
  type QuantizedScales,
} from './training/nf4/double-quantization.js';
export { roundToBfloat16 } from './training/nf4/bfloat16.js';
export {
  quantizeModelNf4,
  dequantizeModelNf4,
  nf4ModelBytes,
  type Nf4ModelDocument,
} from './training/nf4/nf4-model.js';
export {
  loraScaling,
  loraDelta,
  mergeLayer,
  unmergeLayer,
  initialAdapterA,
  type MergedLayer,
} from './training/fine-tuning/lora.js';
export {
  mergeAdapter,
  readAdapter,
  checkAdapter,
  modelContentHash,
  type AdapterDocument,
} from './training/fine-tuning/adapter.js';
export { AdaptedNetwork } from './training/fine-tuning/adapted-network.js';
export type { AdapterWeights } from './training/fine-tuning/adapted-network-options.js';
export type {
  LoraOptions,
  BaseQuantizationOptions,
  FineTuningTrainOptions,
} from './training/fine-tuning/fine-tuning-options.js';
export {
  transformDataset,
  selectClasses,
  type ImageTransform,
  type ClassSelection,
} from './training/data/transforms.js';
export * from './multi-objective/index.js';
