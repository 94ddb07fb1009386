// Knowledge distillation's loss (Hinton, Vinyals & Dean 2015, arXiv:1503.02531) and its gradient
// with respect to the student's logits, per sample and for a batch:
//   L = alpha * CE(s, y) + (1 - alpha) * T^2 * KL(softmax(t / T) || softmax(s / T)),
// the cross-entropy and the KL divergence (summed over classes) averaged over the batch, as
// PyTorch's cross_entropy and kl_div(reduction="batchmean").
import { ParameterError } from '../core/errors.js';

/** The temperature and the weight of the hard-label term. */
export interface DistillationLossOptions {
  /** Softens both distributions; T^2 keeps the soft gradient's scale independent of T. */
  temperature: number;
  /** Weight of the cross-entropy with the labels; 1 - alpha weighs the teacher's targets. */
  alpha: number;
}

/** The loss of a batch, its parts and its gradient. */
export interface DistillationLossResult {
  /** alpha * crossEntropy + (1 - alpha) * softLoss. */
  loss: number;
  /** Cross-entropy of the student's logits with the labels, averaged over the batch. */
  crossEntropy: number;
  /** KL(teacher || student) at temperature T, summed over classes, averaged over the batch. */
  klDivergence: number;
  /** T^2 * klDivergence. */
  softLoss: number;
  /** dL/d(student logits), row-major like the logits. */
  gradient: Float64Array;
}

/** The parts of one sample's loss (what {@link distillSample} leaves behind). */
export interface SampleTerms {
  crossEntropy: number;
  klDivergence: number;
  /** The student's most likely class. */
  predicted: number;
}

/**
 * One sample: the student's logits at `student[base + r * step]`, the teacher's log-probabilities
 * at temperature T at `teacher[teacherBase + r]` (r = 0..classes-1). Writes `scale` times the
 * gradient of alpha * CE + (1 - alpha) * T^2 * KL into `gradient[gradientBase + r * step]` when
 * given. A negative label means no label: the sample's loss is its soft term alone.
 * Teacher probabilities that underflow to 0 contribute nothing (0 log 0 = 0).
 */
export function distillSample(
  student: ArrayLike<number>,
  base: number,
  step: number,
  teacher: ArrayLike<number>,
  teacherBase: number,
  classes: number,
  label: number,
  options: DistillationLossOptions,
  terms: SampleTerms,
  gradient?: { [index: number]: number },
  gradientBase = base,
  scale = 1,
): void {
  const { temperature, alpha } = options;
  let max = -Infinity;
  let predicted = 0;
  for (let r = 0; r < classes; r++) {
    const v = student[base + r * step] as number;
    if (v > max) {
      max = v;
      predicted = r;
    }
  }
  let sum = 0;
  let sumT = 0;
  for (let r = 0; r < classes; r++) {
    const shifted = (student[base + r * step] as number) - max;
    sum += Math.exp(shifted);
    sumT += Math.exp(shifted / temperature);
  }
  const logSum = Math.log(sum);
  const logSumT = Math.log(sumT);
  const labelled = label >= 0;
  let kl = 0;
  for (let r = 0; r < classes; r++) {
    const shifted = (student[base + r * step] as number) - max;
    const logQ = shifted / temperature - logSumT;
    const logP = teacher[teacherBase + r] as number;
    const p = Math.exp(logP);
    if (p > 0) kl += p * (logP - logQ);
    if (gradient !== undefined) {
      const hard = labelled ? Math.exp(shifted - logSum) - (r === label ? 1 : 0) : 0;
      const soft = temperature * (Math.exp(logQ) - p);
      gradient[gradientBase + r * step] = scale * (alpha * hard + (1 - alpha) * soft);
    }
  }
  terms.crossEntropy = labelled ? max + logSum - (student[base + label * step] as number) : 0;
  terms.klDivergence = kl;
  terms.predicted = predicted;
}

/** log softmax(logits / T) of `classes` values at `at`, written to `out` at `outAt`. */
export function temperedLogSoftmax(
  logits: ArrayLike<number>,
  at: number,
  classes: number,
  temperature: number,
  out: { [index: number]: number },
  outAt: number,
): void {
  let max = -Infinity;
  for (let r = 0; r < classes; r++) max = Math.max(max, (logits[at + r] as number) / temperature);
  let sum = 0;
  for (let r = 0; r < classes; r++) sum += Math.exp((logits[at + r] as number) / temperature - max);
  const logSum = max + Math.log(sum);
  for (let r = 0; r < classes; r++)
    out[outAt + r] = (logits[at + r] as number) / temperature - logSum;
}

/** Checks a temperature and an alpha; `where` prefixes the message. */
export function checkDistillationOptions(options: DistillationLossOptions, where: string): void {
  const { temperature, alpha } = options;
  if (!(Number.isFinite(temperature) && temperature > 0)) {
    throw new ParameterError(
      `${where}: temperature must be a finite number > 0 (got ${temperature})`,
    );
  }
  if (!(alpha >= 0 && alpha <= 1)) {
    throw new ParameterError(`${where}: alpha must be in [0, 1] (got ${alpha})`);
  }
}

/**
 * The distillation loss of a batch and its gradient with respect to the student's logits.
 * `studentLogits` and `teacherLogits` are row-major batch x classes; `labels` holds one class
 * index per row (a negative label marks a row without a label, which then contributes its soft
 * term only). Every term is averaged over the batch, so
 * dL/ds = [alpha (softmax(s) - onehot(y)) + (1 - alpha) T (softmax(s/T) - softmax(t/T))] / B.
 */
export function distillationLoss(
  studentLogits: ArrayLike<number>,
  teacherLogits: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: DistillationLossOptions,
): DistillationLossResult {
  const where = 'distillationLoss';
  checkDistillationOptions(options, where);
  const batch = labels.length;
  const classes = batch === 0 ? 0 : studentLogits.length / batch;
  if (batch === 0 || !Number.isInteger(classes) || classes < 2) {
    throw new ParameterError(
      `${where}: studentLogits must hold batch x classes values, classes >= 2, for ${batch} labels (got ${studentLogits.length} values)`,
    );
  }
  if (teacherLogits.length !== studentLogits.length) {
    throw new ParameterError(
      `${where}: teacherLogits must hold ${studentLogits.length} values like studentLogits (got ${teacherLogits.length})`,
    );
  }
  for (let b = 0; b < batch; b++) {
    const label = labels[b] as number;
    if (!Number.isInteger(label) || label >= classes) {
      throw new ParameterError(
        `${where}: labels[${b}] must be a class index below ${classes}, or negative for no label (got ${label})`,
      );
    }
  }
  const teacher = new Float64Array(studentLogits.length);
  const gradient = new Float64Array(studentLogits.length);
  const terms: SampleTerms = { crossEntropy: 0, klDivergence: 0, predicted: 0 };
  let crossEntropy = 0;
  let klDivergence = 0;
  for (let b = 0; b < batch; b++) {
    temperedLogSoftmax(
      teacherLogits,
      b * classes,
      classes,
      options.temperature,
      teacher,
      b * classes,
    );
    const label = labels[b] as number;
    distillSample(
      studentLogits,
      b * classes,
      1,
      teacher,
      b * classes,
      classes,
      label,
      options,
      terms,
      gradient,
      b * classes,
      1 / batch,
    );
    crossEntropy += terms.crossEntropy;
    klDivergence += terms.klDivergence;
  }
  crossEntropy /= batch;
  klDivergence /= batch;
  const softLoss = options.temperature * options.temperature * klDivergence;
  return {
    loss: options.alpha * crossEntropy + (1 - options.alpha) * softLoss,
    crossEntropy,
    klDivergence,
    softLoss,
    gradient,
  };
}
