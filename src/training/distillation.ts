// Knowledge distillation in the trainer: a teacher model's logits computed once per row (in
// blocks, with the teacher's own normalization), kept as log-probabilities at temperature T, and
// the distillation loss of each training batch; plus the choice of the labelled rows when only a
// fraction of the training rows keeps its label.
import { ParameterError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import type { Dataset } from './data/dataset.js';
import { stratifiedHoldOut } from './data/splits.js';
import { distillSample, temperedLogSoftmax, type SampleTerms } from './distillation-loss.js';
import type { LossBlock } from './losses.js';
import { buildNetwork, checkModel, readModel, type ModelDocument } from './model.js';

/** The `distillation` training option. */
export interface DistillationOptions {
  /** The teacher: path of a model.json (relative to the config file in configs), or the document. */
  teacher: string | ModelDocument;
  /** @defaultValue 4 */
  temperature: number;
  /** Weight of the cross-entropy with the labels; 1 - alpha weighs the teacher's targets. @defaultValue 0.1 */
  alpha: number;
  /**
   * Rows the teacher teaches on: every training row ("all", the labelled ones with both terms,
   * the others with the soft term alone), or only the labelled rows. @defaultValue "all"
   */
  transferSet: 'all' | 'labelled';
}

/** Defaults of {@link DistillationOptions} (the teacher has none). */
export const DISTILLATION_DEFAULTS = { temperature: 4, alpha: 0.1, transferSet: 'all' } as const;

const BLOCK = 256;

/**
 * The teacher document, read when given by path, checked against the dataset; `field` names it
 * in messages.
 */
export function loadTeacher(
  teacher: string | ModelDocument,
  dataset: Dataset,
  field = 'train: distillation.teacher',
): ModelDocument {
  const model =
    typeof teacher === 'string' ? readModel(teacher) : checkModel(teacher, 'distillation.teacher');
  const where = `${field}${typeof teacher === 'string' ? ` (${teacher})` : ''}`;
  if (model.task !== 'classification' || model.loss !== 'softmax-cross-entropy') {
    throw new ParameterError(
      `${where} must be a classifier trained with softmax-cross-entropy (got ${model.task}, ${model.loss})`,
    );
  }
  const same = (a: readonly string[], b: readonly string[]): boolean =>
    a.length === b.length && a.every((v, i) => v === b[i]);
  if (!same(model.classNames, dataset.classNames)) {
    throw new ParameterError(
      `${where} must predict the dataset's ${dataset.classNames.length} classes [${dataset.classNames.join(', ')}] (got [${model.classNames.join(', ')}])`,
    );
  }
  if (!same(model.featureNames, dataset.featureNames)) {
    throw new ParameterError(
      `${where} must read the dataset's ${dataset.featureNames.length} features in order (got ${model.featureNames.length} features, first ${JSON.stringify(model.featureNames[0])})`,
    );
  }
  return model;
}

/**
 * The teacher's logits on `rows` of `dataset` (row-major samples x classes, indexed by dataset
 * row; other rows hold 0). Runs in blocks, so memory stays bounded whatever the dataset size.
 */
export function teacherLogits(
  model: ModelDocument,
  dataset: Dataset,
  rows: readonly number[],
): Float64Array {
  const d = dataset.featureNames.length;
  const classes = model.architecture.outputs;
  const network = buildNetwork(model, BLOCK);
  const { shift, scale } = model.normalization;
  const block = new Float64Array(BLOCK * d);
  const order = Int32Array.from({ length: BLOCK }, (_, i) => i);
  const table = new Float64Array(dataset.samples * classes);
  const x = dataset.features;
  const { offset, stride } = network.output;
  for (let start = 0; start < rows.length; start += BLOCK) {
    const count = Math.min(BLOCK, rows.length - start);
    for (let b = 0; b < count; b++) {
      const at = (rows[start + b] as number) * d;
      for (let k = 0; k < d; k++) {
        block[b * d + k] = ((x[at + k] as number) - (shift[k] as number)) / (scale[k] as number);
      }
    }
    network.loadInputs(block, order, 0, count);
    network.forward(count);
    for (let b = 0; b < count; b++) {
      const row = rows[start + b] as number;
      for (let r = 0; r < classes; r++) {
        table[row * classes + r] = network.values[offset + r * stride + b] as number;
      }
    }
  }
  return table;
}

/**
 * The distillation loss of training batches against a teacher whose log-probabilities at
 * temperature T were computed once for every row it teaches on or is tested on.
 */
export class DistillationLoss {
  /** Sum over the batch's samples of each sample's loss. */
  loss = 0;
  /** Correctly classified labelled samples of the batch. */
  correct = 0;
  /** Trainable parameters of the teacher. */
  readonly teacherParameters: number;
  /** The teacher's accuracy on the test rows (null without test rows). */
  readonly teacherTestAccuracy: number | null;

  private readonly classes: number;
  private readonly logProbabilities: Float64Array;
  private readonly terms: SampleTerms = { crossEntropy: 0, klDivergence: 0, predicted: 0 };

  constructor(
    teacher: ModelDocument,
    dataset: Dataset,
    private readonly options: DistillationOptions,
    trainRows: readonly number[],
    testRows: readonly number[],
  ) {
    this.classes = teacher.architecture.outputs;
    this.teacherParameters = buildNetwork(teacher, 1).parameterCount;
    const table = teacherLogits(teacher, dataset, [...trainRows, ...testRows]);
    let correct = 0;
    for (const row of testRows) {
      let best = 0;
      for (let r = 1; r < this.classes; r++) {
        if (
          (table[row * this.classes + r] as number) > (table[row * this.classes + best] as number)
        )
          best = r;
      }
      if (best === dataset.labels[row]) correct++;
    }
    this.teacherTestAccuracy = testRows.length > 0 ? correct / testRows.length : null;
    for (const row of trainRows) {
      const at = row * this.classes;
      temperedLogSoftmax(table, at, this.classes, options.temperature, table, at);
    }
    this.logProbabilities = table;
  }

  /**
   * The loss of the first `count` samples of `block`, which are rows order[start..]; writes
   * d(mean loss)/dz into block.dz and zeros for the padding columns up to `columns`. `labels`
   * holds each sample's class, or -1 when its label is not used.
   */
  evaluate(
    block: LossBlock,
    count: number,
    columns: number,
    labels: Int32Array,
    order: Int32Array,
    start: number,
  ): void {
    const { z, offset, stride, dz, gradientOffset } = block;
    const { alpha, temperature } = this.options;
    const classes = this.classes;
    const terms = this.terms;
    const softWeight = (1 - alpha) * temperature * temperature;
    let loss = 0;
    let correct = 0;
    for (let b = 0; b < count; b++) {
      const label = labels[b] as number;
      const row = order[start + b] as number;
      distillSample(
        z,
        offset + b,
        stride,
        this.logProbabilities,
        row * classes,
        classes,
        label,
        this.options,
        terms,
        dz,
        gradientOffset + b,
        1 / count,
      );
      loss += (label >= 0 ? alpha * terms.crossEntropy : 0) + softWeight * terms.klDivergence;
      if (label >= 0 && terms.predicted === label) correct++;
    }
    for (let r = 0; r < classes; r++) {
      const at = gradientOffset + r * stride;
      for (let b = count; b < columns; b++) dz[at + b] = 0;
    }
    this.loss = loss;
    this.correct = correct;
  }
}

/**
 * The labelled rows when only `fraction` of the training rows keep their label: a stratified
 * subset (each class in proportion), fixed for the whole training.
 */
export function chooseLabelledRows(
  trainRows: readonly number[],
  fraction: number,
  labels: Int32Array,
  rng: Rng,
): number[] {
  if (fraction >= 1) return trainRows.slice();
  const count = Math.max(1, Math.round(fraction * trainRows.length));
  return stratifiedHoldOut(trainRows, count, labels, rng).held;
}

/**
 * The labels the trainer may use: `labels` itself when every training row is labelled, else a
 * copy with -1 everywhere but the labelled rows.
 */
export function withoutLabels(
  labels: Int32Array,
  labelled: readonly number[],
  trainRows: number,
): Int32Array {
  if (labelled.length === trainRows) return labels;
  const kept = new Int32Array(labels.length).fill(-1);
  for (const row of labelled) kept[row] = labels[row] as number;
  return kept;
}
