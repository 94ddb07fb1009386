// The in-memory dataset the trainer reads: a row-major feature matrix with class labels or
// regression targets, and optionally a predefined train/test split.

/** What a dataset's target is. */
export type Task = 'classification' | 'regression';

/** A tabular dataset. Plain data (typed arrays), so it can be sent to a worker thread. */
export interface Dataset {
  /** A short name for reports (the file name without extension, or the shipped name). */
  name: string;
  /** Number of samples (rows). */
  samples: number;
  /** Feature names, in column order. */
  featureNames: string[];
  /**
   * Row-major features: sample i's feature k is features[i * featureNames.length + k]. Float32
   * for image datasets (half the memory; the trainer then reads them without a copy).
   */
  features: Float64Array | Float32Array;
  task: Task;
  /** Name of the target column. */
  targetName: string;
  /** Classification: the class index of each sample (into classNames). */
  labels: Int32Array;
  /** Regression: the target of each sample (classification: the class index). */
  targets: Float64Array;
  /** Classification: the class names, by class index (CSV: sorted, numerically when all are numbers). */
  classNames: string[];
  /** A predefined split into train and test rows (the shipped datasets' reference split). */
  split?: { train: number[]; test: number[] };
}

/** Number of features of a dataset. */
export function featureCount(dataset: Dataset): number {
  return dataset.featureNames.length;
}

/** Number of classes (1 for regression). */
export function classCount(dataset: Dataset): number {
  return dataset.task === 'classification' ? dataset.classNames.length : 1;
}
