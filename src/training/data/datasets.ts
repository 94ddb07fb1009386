// The datasets shipped in the package's data/datasets folder (iris, wine, breast_cancer, digits,
// from scikit-learn 1.2.1's bundled copies of the UCI originals), with their reference split.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataFileError, RegistryError } from '../../core/errors.js';
import { closestName } from '../../core/suggest.js';
import { datasetFromCsv } from './csv.js';
import type { Dataset } from './dataset.js';

/** The shipped datasets. */
export const SHIPPED_DATASETS = ['iris', 'wine', 'breast_cancer', 'digits'] as const;
export type ShippedDataset = (typeof SHIPPED_DATASETS)[number];

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

/**
 * Loads a shipped dataset with its reference train/test split (stratified 80/20, the split of
 * the published reference figures).
 */
export function loadDataset(name: string): Dataset {
  if (!isShippedDataset(name)) {
    const guess = closestName(name, SHIPPED_DATASETS);
    throw new RegistryError(
      `unknown dataset ${JSON.stringify(name)}; shipped datasets: ${SHIPPED_DATASETS.join(', ')}.${guess === undefined ? '' : ` Did you mean ${JSON.stringify(guess)}?`} (A CSV file is given by its path.)`,
    );
  }
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
