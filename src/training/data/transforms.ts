// Dataset transforms that make transfer tasks out of image datasets (square images stored row by
// row: digits 8x8, Fashion-MNIST 28x28): left-right mirroring, inverted intensities, a fixed
// pixel permutation; and selecting or merging classes.
import { OptionError, describeValue } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import type { Dataset } from './dataset.js';

/** An image transform. */
export interface ImageTransform {
  type: 'mirror' | 'invert' | 'permute-pixels';
  /** Seed of permute-pixels' permutation. @defaultValue 1 */
  seed?: number;
}

/** Classes to keep, in their new order; an inner list merges several classes into one. */
export type ClassSelection = (string | string[])[];

function imageSide(dataset: Dataset, where: string): number {
  const d = dataset.featureNames.length;
  const side = Math.round(Math.sqrt(d));
  if (side * side !== d)
    throw new OptionError(where, '/transform', `needs square images, side x side features (got ${d} features)`);
  return side;
}

/** The column order a transform reads pixels in (undefined: not a permutation). */
function pixelOrder(transform: ImageTransform, side: number): Int32Array | undefined {
  const d = side * side;
  if (transform.type === 'mirror')
    return Int32Array.from({ length: d }, (_, i) => Math.floor(i / side) * side + (side - 1 - (i % side)));
  if (transform.type === 'permute-pixels')
    return Int32Array.from(createRng(transform.seed ?? 1).permutation(d));
  return undefined;
}

/** `dataset` with every image transformed (names, labels and split unchanged). */
export function transformDataset(dataset: Dataset, transform: ImageTransform, where = 'transform'): Dataset {
  const side = imageSide(dataset, where);
  const d = side * side;
  const source = dataset.features;
  const features = source instanceof Float32Array ? new Float32Array(source.length) : new Float64Array(source.length);
  const order = pixelOrder(transform, side);
  if (order !== undefined) {
    for (let r = 0; r < dataset.samples; r++)
      for (let k = 0; k < d; k++) features[r * d + k] = source[r * d + (order[k] as number)] as number;
  } else {
    // Inverted intensities within the data's range: x -> min + max - x.
    let min = Infinity;
    let max = -Infinity;
    for (const x of source) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    for (let i = 0; i < source.length; i++) features[i] = min + max - (source[i] as number);
  }
  const suffix = transform.type === 'permute-pixels' ? `permute-pixels-${transform.seed ?? 1}` : transform.type;
  return { ...dataset, name: `${dataset.name}-${suffix}`, features };
}

/**
 * `dataset` restricted to the selected classes, relabelled in the selection's order; a mistake is an
 * OptionError at the field's path (`/classes/1`), reported for `where` (a config).
 */
export function selectClasses(dataset: Dataset, selection: ClassSelection, where = 'classes'): Dataset {
  if (dataset.task !== 'classification') throw new OptionError(where, '/classes', 'needs a classification dataset (got regression)');
  const mapping = new Map<number, number>();
  const names = selection.map((entry, i) => {
    const members = Array.isArray(entry) ? entry : [entry];
    for (const name of members) {
      const index = dataset.classNames.indexOf(name);
      if (index < 0)
        throw new OptionError(where, `/classes/${i}`, `must name a class of ${dataset.name}, one of ${dataset.classNames.join(', ')} (got ${describeValue(name)})`);
      if (mapping.has(index)) throw new OptionError(where, '/classes', `must name each class once (got ${describeValue(name)} twice)`);
      mapping.set(index, i);
    }
    return members.join('+');
  });
  const kept: number[] = [];
  for (let r = 0; r < dataset.samples; r++) if (mapping.has(dataset.labels[r] as number)) kept.push(r);
  const newRow = new Map(kept.map((r, i) => [r, i]));
  const d = dataset.featureNames.length;
  const features = dataset.features instanceof Float32Array ? new Float32Array(kept.length * d) : new Float64Array(kept.length * d);
  kept.forEach((r, i) => features.set(dataset.features.subarray(r * d, (r + 1) * d), i * d));
  const labels = Int32Array.from(kept, (r) => mapping.get(dataset.labels[r] as number) as number);
  const remap = (rows: number[]): number[] => rows.flatMap((r) => (newRow.has(r) ? [newRow.get(r) as number] : []));
  return {
    ...dataset,
    name: `${dataset.name}-classes`,
    samples: kept.length,
    features,
    labels,
    targets: Float64Array.from(labels),
    classNames: names,
    ...(dataset.split === undefined ? {} : { split: { train: remap(dataset.split.train), test: remap(dataset.split.test) } }),
  };
}
