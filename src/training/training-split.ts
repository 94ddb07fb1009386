// The rows a training run uses for training, validation and test: the explicit split of the
// options, or one drawn from the fractions (the dataset's own test rows kept when it ships them).
import { OptionError, describeValue } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import type { Dataset } from './data/dataset.js';
import { splitDataset, type SplitIndices } from './data/splits.js';
import type { ResolvedTrainOptions, TrainOptions } from './train-options.js';

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
    const held = split.test.length;
    // The options an explicit split leaves out, so only the fractions can have left no rows.
    if (held === dataset.samples)
      throw new OptionError(
        'train',
        '/testFraction',
        `must leave rows to train on (got ${describeValue(o.testFraction)}: it holds out all ${held} samples)`,
        'lower testFraction',
      );
    throw new OptionError(
      'train',
      '/validationFraction',
      `must leave rows to train on (got ${o.validationFraction}: it holds out all ${split.validation.length} of the ${dataset.samples - held} samples left after the ${held} test rows)`,
      'lower validationFraction',
    );
  }
  return split;
}

const FRACTION_PARTS = { validationFraction: 'validation', testFraction: 'test' } as const;

/**
 * Refuses split options that contradict each other: a fraction beside an explicit split (which
 * replaces the fractions, so the fraction would be ignored), and a row in two parts of the split
 * (trained on and measured too).
 */
export function checkSplitOptions(options: TrainOptions): void {
  const { split } = options;
  if (split === undefined) return;
  for (const [field, part] of Object.entries(FRACTION_PARTS)) {
    const value = options[field as keyof typeof FRACTION_PARTS];
    if (value !== undefined)
      throw new OptionError(
        'train',
        `/${field}`,
        `must be left out with split, whose rows replace the fractions (got ${value})`,
        `list those rows in split.${part}, or leave split out`,
      );
  }
  const seen = new Map<number, string>(split.train.map((row) => [row, 'train']));
  for (const part of ['validation', 'test'] as const) {
    const rows = split[part] ?? [];
    const at = rows.findIndex((row) => seen.has(row));
    if (at >= 0)
      throw new OptionError(
        'train',
        `/split/${part}/${at}`,
        `must not be a row of split.${seen.get(rows[at] as number) as string} too (got ${rows[at] as number})`,
        'a row in two parts is trained on and measured, or measured twice',
      );
    for (const row of rows) seen.set(row, part);
  }
}
