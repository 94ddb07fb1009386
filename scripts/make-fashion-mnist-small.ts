// Writes data/datasets/fashion-mnist-small/: a stratified subset of Fashion-MNIST (300 training
// images per class from the 60,000, 100 test images per class from the 10,000), chosen with
// kiln's seeded Rng, kept in the original row order, as gzipped IDX files.
// Usage: npx tsx scripts/make-fashion-mnist-small.ts [folder of the four original files]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRng } from '../src/core/rng.js';
import { readIdx, encodeIdx } from '../src/training/data/idx.js';
import { stratifiedHoldOut } from '../src/training/data/splits.js';
import {
  DEBIAN_FASHION_MNIST_FOLDER,
  FASHION_MNIST_FILES,
} from '../src/training/data/fashion-mnist.js';

const source = process.argv[2] ?? DEBIAN_FASHION_MNIST_FOLDER;
const target = new URL('../data/datasets/fashion-mnist-small/', import.meta.url);
mkdirSync(target, { recursive: true });
const rng = createRng('fashion-mnist-small');

for (const [part, count] of [
  ['train', 3000],
  ['t10k', 1000],
] as const) {
  const imagesName = part === 'train' ? FASHION_MNIST_FILES.images : FASHION_MNIST_FILES.testImages;
  const labelsName = part === 'train' ? FASHION_MNIST_FILES.labels : FASHION_MNIST_FILES.testLabels;
  const images = readIdx(join(source, imagesName));
  const labels = readIdx(join(source, labelsName));
  const n = labels.dimensions[0] as number;
  const classes = Int32Array.from(labels.values);
  const all = Array.from({ length: n }, (_, i) => i);
  const { held } = stratifiedHoldOut(all, count, classes, rng.fork(part));
  const pixels = 28 * 28;
  const chosenImages = new Uint8Array(count * pixels);
  held.forEach((row, i) =>
    chosenImages.set(images.values.subarray(row * pixels, (row + 1) * pixels), i * pixels),
  );
  const chosenLabels = Uint8Array.from(held, (row) => classes[row] as number);
  const write = (name: string, bytes: Uint8Array): void => {
    writeFileSync(new URL(name, target), gzipSync(bytes, { level: 9 }));
  };
  write(imagesName, encodeIdx([count, 28, 28], chosenImages));
  write(labelsName, encodeIdx([count], chosenLabels));
  console.log(`${part}: ${count} of ${n} rows, first rows ${held.slice(0, 5).join(', ')}`);
}
