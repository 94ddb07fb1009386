// The rows a training run uses for training, validation and test: the explicit split of the
// options, or one drawn from the fractions (the dataset's own test rows kept when it ships them).
import { ParameterError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import type { Dataset } from './data/dataset.js';
import { splitDataset, type SplitIndices } from './data/splits.js';
import type { ResolvedTrainOptions } from './train-options.js';

/** The split of `dataset` for a run with options `o`; throws when no training row is left. */
export function resolveTrainingSplit(
  dataset: Dataset,
  o: ResolvedTrainOptions,
  rng: Rng,
): SplitIndices {
  const labels = dataset.task === 'classification' ? dataset.labels : undefined;
  const split = o.split
    ? {
        train: o.split.train.slice(),
        validation: o.split.validation?.slice() ?? [],
        test: o.split.test?.slice() ?? [],
      }
    : splitDataset(
        dataset.samples,
        labels,
        { validation: o.validationFraction, test: o.testFraction ?? 0.2 },
        rng.fork('split'),
        o.testFraction === undefined ? dataset.split?.test : undefined,
      );
  if (split.train.length === 0) {
    throw new ParameterError(
      `train: no training rows are left after the split of ${dataset.samples} samples`,
    );
  }
  return split;
}
