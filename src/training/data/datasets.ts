// The datasets kiln knows by name: the CSV files shipped in data/datasets (iris, wine,
// breast_cancer, digits, from scikit-learn 1.2.1's bundled copies of the UCI originals) with their
// reference split, the shipped Fashion-MNIST subset, and the full Fashion-MNIST found on disk.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataFileError, RegistryError } from '../../core/errors.js';
import { closestName } from '../../core/suggest.js';
import { datasetFromCsv } from './csv.js';
import type { Dataset } from './dataset.js';
import { loadFashionMnist, loadFashionMnistSmall } from './fashion-mnist.js';

/** The datasets shipped in the package. */
export const SHIPPED_DATASETS = [
  'iris',
  'wine',
  'breast_cancer',
  'digits',
  'fashion-mnist-small',
] as const;
export type ShippedDataset = (typeof SHIPPED_DATASETS)[number];

/** Every dataset name: the shipped ones and `fashion-mnist` (70,000 images, found on disk). */
export const DATASET_NAMES = [...SHIPPED_DATASETS, 'fashion-mnist'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

// src/training/data and dist/training/data both sit three levels below the package root.
const FOLDER = fileURLToPath(new URL('../../../data/datasets/', import.meta.url));

/** The folder holding the shipped CSV files and splits.json. */
export function datasetsFolder(): string {
  return FOLDER;
}

/** True when `name` is a shipped dataset. */
export function isShippedDataset(name: string): name is ShippedDataset {
  return (SHIPPED_DATASETS as readonly string[]).includes(name);
}

/** True when `name` is a dataset {@link loadDataset} knows. */
export function isDatasetName(name: string): name is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(name);
}

/**
 * Loads a dataset by name with its reference train/test split: for the CSV datasets a stratified
 * 80/20 split (the split of the published reference figures), for Fashion-MNIST the official one.
 */
export function loadDataset(name: string): Dataset {
  if (!isDatasetName(name)) {
    const guess = closestName(name, DATASET_NAMES);
    throw new RegistryError(
      `unknown dataset ${JSON.stringify(name)}; known datasets: ${DATASET_NAMES.join(', ')}.${guess === undefined ? '' : ` Did you mean ${JSON.stringify(guess)}?`} (A CSV file is given by its path.)`,
    );
  }
  if (name === 'fashion-mnist') return loadFashionMnist();
  if (name === 'fashion-mnist-small') return loadFashionMnistSmall();
  const file = `${FOLDER}${name}.csv`;
  const dataset = datasetFromCsv(readFileSync(file, 'utf8'), file, { name, target: 'target' });
  const splitsFile = `${FOLDER}splits.json`;
  const splits = JSON.parse(readFileSync(splitsFile, 'utf8')) as Record<
    string,
    { train?: number[]; test?: number[] }
  >;
  const split = splits[name];
  if (split?.train === undefined || split.test === undefined) {
    throw new DataFileError(splitsFile, undefined, `has no train/test split for ${name}`);
  }
  return { ...dataset, split: { train: split.train, test: split.test } };
}
