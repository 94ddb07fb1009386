// One trainer-backed problem from its parameters: the space checks, the protocol (folds, seeds,
// dataset), each configuration's training options and quantization, the single-objective score or
// the objectives, the per-epoch reports for pruning, and the retraining of the best on test.
import { resolve } from 'node:path';
import type { Problem } from '../../core/problem.js';
import type { ParameterSpec, ParameterValues } from '../../core/space.js';
import type { Trial } from '../../core/trial.js';
import { mixedSpace } from '../../core/spaces/mixed.js';
import { ProblemError } from '../../core/errors.js';
import { checkLabelSeed, type TrainOptions } from '../../training/train-options.js';
import type { NormalizationKind } from '../../training/data/normalization.js';
import type { ProblemContext } from '../factory.js';
import { objectiveSign, type ObjectiveDeclaration } from '../../multi-objective/objectives.js';
import {
  checkCompressionOptions,
  quantizationFor,
  withQuantization,
  type ProblemQuantization,
} from './compression-options.js';
import { compressionReport, scoredResult } from './compression-report.js';
import { checkTrainerObjectives, networkBytes, type TrainerMeasures } from './objectives.js';
import { checkSpaceParameters, trainOptionsFor } from './options-mapping.js';
import { checkLargestNetwork } from './largest-network.js';
import { loadTeacher } from '../../training/distillation.js';
import { checkFineTuningSpace, fineTuningDefaultSpace } from './lora-space-checks.js';
import {
  checkFineTuningPlan,
  fineTuningShared,
  type FineTuningProblemParams,
} from './lora-options.js';
import {
  buildProtocol,
  networkParameters,
  networkWidths,
  retrainAndTest,
  validate,
  validateReporting,
  validationCost,
  type DatasetParams,
} from './protocol.js';

/** The parameters both trainer problems share. */
export interface CommonParams extends DatasetParams, FineTuningProblemParams {
  epochs: number;
  precision: 'float32' | 'float64';
  /** Feature scaling of every training (the trainer's default: standard). */
  normalization?: NormalizationKind;
  space?: Record<string, ParameterSpec>;
  /** Train every configuration against a teacher (its path relative to the config file). */
  distillation?: NonNullable<TrainOptions['distillation']> & { teacher: string };
  labelFraction?: number;
  labelSeed?: number | string;
  /** Quantize every configuration (quantization-aware or post-training; `bytes` counts integer weights). */
  quantization?: ProblemQuantization;
  /** Added to the error per parameter byte (single-objective). @defaultValue 0 */
  sizePenalty: number;
  /** A multi-objective problem: which measures, in order (error, parameters, bytes, trainingSeconds). */
  objectives?: ObjectiveDeclaration[];
}

/** The options every configuration shares: precision, normalization, distillation and labels. */
export function sharedOptions(params: CommonParams, baseDir: string): TrainOptions {
  const { distillation, labelFraction, labelSeed, normalization } = params;
  return {
    precision: params.precision,
    ...(normalization === undefined ? {} : { normalization }),
    ...(distillation === undefined
      ? {}
      : { distillation: { ...distillation, teacher: resolve(baseDir, distillation.teacher) } }),
    ...(labelFraction === undefined ? {} : { labelFraction }),
    ...(labelSeed === undefined ? {} : { labelSeed }),
  };
}

/** What the single-objective value of a configuration adds up. */
export interface Scored {
  error: number;
  parameters: number;
  bytes: number;
}

/** The problem `name` over `defaultSpace` (or the config's space), scored by `score`. */
export function trainerProblem(
  name: string,
  params: CommonParams,
  context: ProblemContext,
  defaultSpace: Record<string, ParameterSpec>,
  base: TrainOptions,
  score: (measured: Scored) => number,
): Problem<ParameterValues> {
  const where = `problem ${name}`;
  checkLabelSeed(params.labelSeed, params.labelFraction ?? 1, where);
  const fineTuning = fineTuningShared(params, context.baseDir, where);
  const parameters =
    params.space ??
    (fineTuning.initialModel === undefined
      ? defaultSpace
      : fineTuningDefaultSpace(defaultSpace, where));
  checkSpaceParameters(Object.keys(parameters), where);
  if (fineTuning.initialModel !== undefined) {
    base = { ...base, ...fineTuning };
    if (params.quantization !== undefined && Object.keys(fineTuning).length > 2)
      throw new ProblemError(
        `${where}: quantization (quantization-aware training) cannot be combined with freeze, newHead, lora or baseQuantization; remove one of them`,
      );
    if (params.sizePenalty > 0)
      throw new ProblemError(
        `${where}: sizePenalty counts the bytes of a network trained from scratch, not a fine-tuned one (got ${params.sizePenalty}); use parameterPenalty (the trained adapters and layers) with initialization.from`,
      );
    if (params.objectives?.some((o) => o.name === 'bytes') === true)
      throw new ProblemError(
        `${where}: objective bytes counts a network trained from scratch, not a fine-tuned one; use parameters (the trained adapters and layers) with initialization.from`,
      );
  }
  checkFineTuningSpace(parameters, fineTuning, where);
  const distilling = ['temperature', 'distillationAlpha'].filter((n) => n in parameters);
  if (distilling.length > 0 && params.distillation === undefined) {
    throw new ProblemError(
      `${where}: space parameter(s) ${distilling.join(', ')} need the problem's distillation option (a teacher)`,
    );
  }
  if (params.quantization !== undefined) checkQuantizedActivations(parameters, base, where);
  checkCompressionOptions(params, parameters, where);
  const objectives = params.objectives;
  if (objectives !== undefined) checkTrainerObjectives(objectives, where);
  const space = mixedSpace({ parameters });
  const protocol = buildProtocol(params, context.baseDir, where);
  checkFineTuningPlan(base, protocol.dataset, where);
  // A fine-tuned network is its base model's, which was trained, plus adapters (lora.rank bound).
  if (fineTuning.initialModel === undefined)
    checkLargestNetwork(parameters, base, protocol, where, params.space !== undefined);
  // Read once before any trial: a teacher that every trial would refuse is a config mistake.
  const teacher = base.distillation?.teacher;
  if (teacher !== undefined)
    loadTeacher(teacher, protocol.dataset, `${where}: distillation.teacher`);
  if (params.quantization?.method === 'post-training' && protocol.dataset.task !== 'classification')
    throw new ProblemError(
      `${where}: quantization method "post-training" must have a classification dataset, whose integer network is scored by accuracy (got a regression target)`,
    );
  // One configuration: its training options, its quantization, what the search scores of a training.
  const configure = (x: ParameterValues) => {
    const quantization = quantizationFor(params.quantization, x);
    return {
      options: withQuantization(trainOptionsFor(base, x), quantization),
      quantization,
      scored: scoredResult(protocol.dataset, quantization),
    };
  };
  const bytesOf = (x: ParameterValues): number => {
    const { options, quantization } = configure(x);
    return networkBytes(networkWidths(protocol, options), quantization);
  };
  const measure = (
    x: ParameterValues,
    validated: { error: number; parameters: number; trainingSeconds: number },
  ): number[] => {
    const measures: TrainerMeasures = {
      error: validated.error,
      parameters: validated.parameters,
      bytes: bytesOf(x),
      trainingSeconds: validated.trainingSeconds,
    };
    return (objectives ?? []).map(
      (o) => objectiveSign(o) * measures[o.name as keyof TrainerMeasures],
    );
  };
  return {
    name: `${name}-${protocol.dataset.name}`,
    space,
    ...(objectives === undefined
      ? {}
      : {
          objectives,
          evaluateObjectives: (x: ParameterValues, trial?: Trial) => {
            const { options, scored } = configure(x);
            if (trial === undefined) return measure(x, validate(protocol, options, scored));
            return validateReporting(protocol, options, trial, scored).then((v) => measure(x, v));
          },
        }),
    evaluate: (x, trial) => {
      const { options, scored } = configure(x);
      const scoreOf = (validated: { error: number; parameters: number }): number =>
        score({ ...validated, bytes: bytesOf(x) });
      if (trial === undefined) return scoreOf(validate(protocol, options, scored));
      return validateReporting(protocol, options, trial, scored).then(scoreOf);
    },
    steps: {
      max: epochBound(parameters, base),
      epochsPerStep: protocol.folds.length * protocol.seeds.length,
    },
    cost: (x) => validationCost(protocol, trainOptionsFor(base, x)),
    // A fine-tuned network's bytes are its base's, not a searched size: only trained parameters.
    attributes: (x) => ({
      parameters: networkParameters(protocol, trainOptionsFor(base, x)),
      ...(fineTuning.initialModel === undefined ? { bytes: bytesOf(x) } : {}),
    }),
    finalize: (best, output) => {
      const { options, quantization, scored } = configure(best);
      const validated = validate(protocol, options, scored);
      return Promise.resolve(
        retrainAndTest(protocol, options, validated, output, (result, report) =>
          compressionReport(protocol, result, quantization, bytesOf(best), report, output),
        ),
      );
    },
  };
}

// Integer inference fuses only relu (and identity) into its clamp: refuse other activations up front
// rather than fail every trial.
function checkQuantizedActivations(
  parameters: Record<string, ParameterSpec>,
  base: TrainOptions,
  where: string,
): void {
  const searched = parameters.activation;
  const activations =
    searched === undefined
      ? [base.model?.activation ?? 'relu']
      : searched.type === 'categorical'
        ? searched.choices.map(String)
        : [];
  const refused = activations.filter((a) => a !== 'relu' && a !== 'identity');
  if (refused.length > 0)
    throw new ProblemError(
      `${where}: quantization needs relu (or identity) activations, which integer inference fuses (got ${refused.join(', ')}); search "activation": {"type": "categorical", "choices": ["relu"]}`,
    );
}

// The most epochs a trial trains: the bound of a searched `epochs`, else the fixed count.
function epochBound(parameters: Record<string, ParameterSpec>, base: TrainOptions): number {
  const searched = parameters.epochs;
  if (searched !== undefined && (searched.type === 'integer' || searched.type === 'real')) {
    return Math.floor(searched.high);
  }
  return base.epochs ?? 1;
}
