// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017; MIT licence): 70,000 grey 28x28 images of 10
// clothing classes in IDX files, with the official 60,000/10,000 split. The full set is found in
// $KILN_DATA_DIR/fashion-mnist or Debian's dataset-fashion-mnist folder; a stratified subset of
// 3,000 + 1,000 images ships with the package as fashion-mnist-small.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFileError } from '../../core/errors.js';
import type { Dataset } from './dataset.js';
import { readIdxDataset } from './idx-dataset.js';

/** The class names of Fashion-MNIST, by label. */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

/** The four files of the official release, as they are named on the dataset's home page. */
export const FASHION_MNIST_FILES = {
  images: 'train-images-idx3-ubyte.gz',
  labels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
} as const;

/** Where Debian's dataset-fashion-mnist package installs the files. */
export const DEBIAN_FASHION_MNIST_FOLDER = '/usr/share/datasets/fashion-mnist';

// src/training/data and dist/training/data both sit three levels below the package root.
const SMALL_FOLDER = fileURLToPath(
  new URL('../../../data/datasets/fashion-mnist-small/', import.meta.url),
);

/** The folders searched for the full dataset, in order. */
export function fashionMnistFolders(
  environment: Record<string, string | undefined> = process.env,
): string[] {
  const folders: string[] = [];
  const dataDir = environment.KILN_DATA_DIR;
  if (dataDir !== undefined && dataDir !== '') folders.push(join(dataDir, 'fashion-mnist'));
  folders.push(DEBIAN_FASHION_MNIST_FOLDER);
  return folders;
}

/** The files of a folder, with or without the .gz ending; undefined when one is missing. */
function filesIn(folder: string): Record<keyof typeof FASHION_MNIST_FILES, string> | undefined {
  const found: Partial<Record<keyof typeof FASHION_MNIST_FILES, string>> = {};
  for (const [key, name] of Object.entries(FASHION_MNIST_FILES)) {
    const path = [join(folder, name), join(folder, name.replace(/\.gz$/, ''))].find((p) =>
      existsSync(p),
    );
    if (path === undefined) return undefined;
    found[key as keyof typeof FASHION_MNIST_FILES] = path;
  }
  return found as Record<keyof typeof FASHION_MNIST_FILES, string>;
}

/**
 * Loads Fashion-MNIST with its official split (60,000 training, 10,000 test images), from the
 * first of `folders` (by default {@link fashionMnistFolders}) that holds the four files.
 */
export function loadFashionMnist(
  environment: Record<string, string | undefined> = process.env,
  folders = fashionMnistFolders(environment),
): Dataset {
  for (const folder of folders) {
    const files = filesIn(folder);
    if (files !== undefined) return fashionDataset(files, 'fashion-mnist');
  }
  throw new DataFileError(
    folders[0] as string,
    undefined,
    `fashion-mnist: the four files (${Object.values(FASHION_MNIST_FILES).join(', ')}) were not found in ${folders.join(' or ')}. Install them with \`apt-get install dataset-fashion-mnist\`, or download them from https://github.com/zalandoresearch/fashion-mnist into $KILN_DATA_DIR/fashion-mnist`,
  );
}

/** Loads fashion-mnist-small, the shipped stratified subset (3,000 training, 1,000 test images). */
export function loadFashionMnistSmall(): Dataset {
  const files = filesIn(SMALL_FOLDER);
  if (files === undefined) {
    throw new DataFileError(SMALL_FOLDER, undefined, 'fashion-mnist-small: the shipped files are missing');
  }
  return fashionDataset(files, 'fashion-mnist-small');
}

function fashionDataset(
  files: Record<keyof typeof FASHION_MNIST_FILES, string>,
  name: string,
): Dataset {
  return readIdxDataset(files.images, files.labels, {
    testImages: files.testImages,
    testLabels: files.testLabels,
    name,
    classNames: FASHION_MNIST_CLASSES,
  });
}
