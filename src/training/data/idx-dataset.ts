// Datasets from IDX files (MNIST, Fashion-MNIST): an images file and a labels file, optionally a
// second pair as the predefined test part. Features are stored in float32 (the trainer's
// precision for large datasets); unsigned-byte pixels are scaled to [0, 1].
import { basename } from 'node:path';
import { DataFileError } from '../../core/errors.js';
import type { Dataset } from './dataset.js';
import { readIdx, type IdxArray } from './idx.js';

/** Options of {@link readIdxDataset}. */
export interface IdxDatasetOptions {
  /** A test part: images and labels files, kept apart as the dataset's split. */
  testImages?: string;
  testLabels?: string;
  /** Name for reports. @defaultValue the images file name without `-images-idx3-ubyte(.gz)` */
  name?: string;
  /** Class names by label value (label k is classNames[k]). @defaultValue the label values as text */
  classNames?: readonly string[];
}

interface Part {
  images: IdxArray;
  labels: IdxArray;
  imagesFile: string;
  labelsFile: string;
}

function readPart(imagesFile: string, labelsFile: string): Part {
  const images = readIdx(imagesFile);
  const labels = readIdx(labelsFile);
  if (images.dimensions.length < 2) {
    throw new DataFileError(
      imagesFile,
      undefined,
      `must hold images: at least 2 dimensions (count x values) (got ${images.dimensions.length})`,
    );
  }
  if (labels.dimensions.length !== 1) {
    throw new DataFileError(
      labelsFile,
      undefined,
      `must hold labels: 1 dimension (got ${labels.dimensions.length}: ${labels.dimensions.join(' x ')})`,
    );
  }
  if (labels.typeCode === 0x0d || labels.typeCode === 0x0e) {
    throw new DataFileError(labelsFile, undefined, 'must hold integer labels (got float values)');
  }
  if (labels.dimensions[0] !== images.dimensions[0]) {
    throw new DataFileError(
      labelsFile,
      undefined,
      `must hold one label per image of ${imagesFile}, ${images.dimensions[0]} (got ${labels.dimensions[0]})`,
    );
  }
  return { images, labels, imagesFile, labelsFile };
}

const valuesPerImage = (part: Part): number =>
  part.images.dimensions.slice(1).reduce((a, b) => a * b, 1);

/** Reads an images file and a labels file (and optionally a test pair) as a dataset. */
export function readIdxDataset(
  imagesFile: string,
  labelsFile: string,
  options: IdxDatasetOptions = {},
): Dataset {
  const parts = [readPart(imagesFile, labelsFile)];
  if ((options.testImages === undefined) !== (options.testLabels === undefined)) {
    throw new DataFileError(
      options.testImages ?? (options.testLabels as string),
      undefined,
      'a test part needs both testImages and testLabels',
    );
  }
  if (options.testImages !== undefined) {
    parts.push(readPart(options.testImages, options.testLabels as string));
  }
  const first = parts[0] as Part;
  const d = valuesPerImage(first);
  for (const part of parts.slice(1)) {
    if (valuesPerImage(part) !== d) {
      throw new DataFileError(
        part.imagesFile,
        undefined,
        `must hold images of ${first.images.dimensions.slice(1).join(' x ')} values like ${first.imagesFile} (got ${part.images.dimensions.slice(1).join(' x ')})`,
      );
    }
  }
  const samples = parts.reduce((n, p) => n + (p.labels.dimensions[0] as number), 0);
  const features = new Float32Array(samples * d);
  const rawLabels = new Float64Array(samples);
  let row = 0;
  for (const part of parts) {
    const pixels = part.images.values;
    const scale = part.images.typeCode === 0x08 ? 1 / 255 : 1;
    const at = row * d;
    for (let i = 0; i < pixels.length; i++) features[at + i] = (pixels[i] as number) * scale;
    rawLabels.set(part.labels.values, row);
    row += part.labels.dimensions[0] as number;
  }
  const { labels, classNames } = classesOf(rawLabels, parts, options.classNames);
  const trainCount = first.labels.dimensions[0] as number;
  const dataset: Dataset = {
    name: options.name ?? basename(imagesFile).replace(/[-.]images.*$|\.gz$/, ''),
    samples,
    featureNames: Array.from({ length: d }, (_, k) => `pixel${k + 1}`),
    features,
    task: 'classification',
    targetName: 'label',
    labels,
    targets: Float64Array.from(labels),
    classNames,
  };
  if (parts.length === 2) {
    dataset.split = {
      train: Array.from({ length: trainCount }, (_, i) => i),
      test: Array.from({ length: samples - trainCount }, (_, i) => trainCount + i),
    };
  }
  return dataset;
}

/** Class indices: label values sorted numerically, or indices into the given names. */
function classesOf(
  raw: Float64Array,
  parts: Part[],
  names: readonly string[] | undefined,
): { labels: Int32Array; classNames: string[] } {
  const labels = new Int32Array(raw.length);
  if (names !== undefined) {
    let start = 0;
    for (const part of parts) {
      const count = part.labels.dimensions[0] as number;
      for (let i = start; i < start + count; i++) {
        const value = raw[i] as number;
        if (!(value >= 0 && value < names.length)) {
          throw new DataFileError(
            part.labelsFile,
            undefined,
            `label ${i - start + 1} must be in 0..${names.length - 1} (got ${value})`,
          );
        }
        labels[i] = value;
      }
      start += count;
    }
    return { labels, classNames: names.slice() };
  }
  const values = [...new Set(raw)].sort((a, b) => a - b);
  if (values.length < 2) {
    throw new DataFileError(
      parts[0]?.labelsFile ?? '',
      undefined,
      `must hold at least 2 classes (got ${values.length})`,
    );
  }
  const index = new Map(values.map((v, i) => [v, i]));
  for (let i = 0; i < raw.length; i++) labels[i] = index.get(raw[i] as number) as number;
  return { labels, classNames: values.map(String) };
}
