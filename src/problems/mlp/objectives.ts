// The objectives a trainer problem offers to a multi-objective study: the validation error, the
// network's trainable parameters, its size in bytes (integer weights when the problem trains
// quantization-aware) and the seconds its trainings took.
import { ProblemError } from '../../core/errors.js';
import type { QuantizationTrainOptions } from '../../training/quantization/training-options.js';
import { resolveQuantizationTrainOptions } from '../../training/quantization/training-options.js';
import { layerBytes } from '../../training/quantization/quantized-model.js';

/** The objective names of the trainer problems, all minimized. */
export const TRAINER_OBJECTIVES = ['error', 'parameters', 'bytes', 'trainingSeconds'] as const;

/** One of {@link TRAINER_OBJECTIVES}. */
export type TrainerObjective = (typeof TRAINER_OBJECTIVES)[number];

/** What one validated configuration measures, by objective name. */
export type TrainerMeasures = Record<TrainerObjective, number>;

/** True when `name` is a trainer objective. */
export function isTrainerObjective(name: string): name is TrainerObjective {
  return (TRAINER_OBJECTIVES as readonly string[]).includes(name);
}

/**
 * Bytes of the parameters of a dense network with layer widths `widths` (inputs first), by the
 * formula of the quantized model document ({@link layerBytes}), so that a study's `bytes` is the
 * size `kiln quantize` reports: float32 weights and biases, or integer weights with float32
 * biases and one scale per row (per-channel) or per layer (per-tensor).
 */
export function networkBytes(
  widths: readonly number[],
  quantization?: QuantizationTrainOptions,
): number {
  const settings =
    quantization === undefined ? undefined : resolveQuantizationTrainOptions(quantization);
  let bytes = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    const inputs = widths[l] as number;
    const outputs = widths[l + 1] as number;
    if (settings === undefined) bytes += layerBytes(inputs, outputs);
    else {
      const scales = settings.weights.scheme === 'per-channel' ? outputs : 1;
      bytes += layerBytes(inputs, outputs, settings.weights.bits, scales);
    }
  }
  return bytes;
}

/** Refuses objective names the trainer problems do not measure, listing the known ones. */
export function checkTrainerObjectives(
  objectives: readonly { name: string }[],
  where: string,
): void {
  const unknown = unmeasuredObjectives(objectives).map(
    ({ name, index, use }) =>
      `${JSON.stringify(name)} (/objectives/${index}${use === undefined ? '' : `; use ${use}`})`,
  );
  if (unknown.length > 0)
    throw new ProblemError(
      `${where}: objective names must be among ${TRAINER_OBJECTIVES.join(', ')}; not measured: ${unknown.join('; ')}`,
    );
}

/**
 * The objectives among `objectives` that the trainer problems do not measure, with their index
 * and the measured objective that stands for a name users reach for (`accuracy`: error).
 */
export function unmeasuredObjectives(
  objectives: readonly { name: string }[],
): { name: string; index: number; use: string | undefined }[] {
  return objectives.flatMap(({ name }, index) =>
    isTrainerObjective(name)
      ? []
      : [
          {
            name,
            index,
            use:
              TRAINER_OBJECTIVES.find((known) => known.toLowerCase() === name.toLowerCase()) ??
              SYNONYMS.find(([pattern]) => pattern.test(name))?.[1],
          },
        ],
  );
}

// Names users reach for, and the measured objective that stands for each.
const SYNONYMS: readonly [RegExp, string][] = [
  [/^(accuracy|acc|score)$/i, 'error, 1 - accuracy, minimized'],
  [/^(loss|validation.?error|val.?error|error.?rate)$/i, 'error'],
  [/^(size|model.?size|memory|weights|kb|mb)$/i, 'bytes'],
  [/^(params|parameter.?count|n.?params|weights.?count)$/i, 'parameters'],
  [/^(time|seconds|duration|training.?time|latency)$/i, 'trainingSeconds'],
];
