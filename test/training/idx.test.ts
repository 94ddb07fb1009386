// IDX files and the datasets read from them: round trips, gzipped or not, every malformed file
// named with what was expected, Fashion-MNIST found by name, the shipped subset.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/core/errors.js';
import { loadDataset } from '../../src/training/data/datasets.js';
import {
  FASHION_MNIST_CLASSES,
  FASHION_MNIST_FILES,
  fashionMnistFolders,
  loadFashionMnist,
} from '../../src/training/data/fashion-mnist.js';
import { encodeIdx, parseIdx } from '../../src/training/data/idx.js';
import { readIdxDataset } from '../../src/training/data/idx-dataset.js';
import { applyNormalization, fitNormalization } from '../../src/training/data/normalization.js';

const folder = mkdtempSync(join(tmpdir(), 'kiln-idx-'));
const write = (name: string, bytes: Uint8Array, gzip = false): string => {
  const path = join(folder, name);
  writeFileSync(path, gzip ? gzipSync(bytes) : bytes);
  return path;
};

// Six 2x3 images with pixel values i * 6 + k, labels cycling 0, 1, 2.
const pixels = Uint8Array.from({ length: 36 }, (_, i) => (i * 7) % 256);
const labels = Uint8Array.from({ length: 6 }, (_, i) => i % 3);

describe('IDX files', () => {
  it('round-trips unsigned bytes and floats through encodeIdx and parseIdx', () => {
    const bytes = parseIdx(encodeIdx([6, 2, 3], pixels), 'a');
    expect(bytes.dimensions).toEqual([6, 2, 3]);
    expect(Array.from(bytes.values)).toEqual(Array.from(pixels));
    const floats = parseIdx(encodeIdx([3], [0.5, -2, 1e3], 0x0d), 'b');
    expect(Array.from(floats.values)).toEqual([0.5, -2, 1000]);
  });

  it('refuses a truncated, oversized or foreign file, naming it and what was expected', () => {
    const full = encodeIdx([6, 2, 3], pixels);
    expect(() => parseIdx(full.subarray(0, full.length - 1), 'x.idx')).toThrow(
      'x.idx: is truncated: dimensions 6 x 2 x 3 of unsigned byte values need 52 bytes (got 51)',
    );
    expect(() => parseIdx(Uint8Array.from([...full, 0]), 'x.idx')).toThrow(/has trailing bytes/);
    expect(() => parseIdx(full.subarray(0, 10), 'x.idx')).toThrow(
      'x.idx: is truncated: its header declares 3 dimensions (16 header bytes) but the file has 10 bytes',
    );
    expect(() => parseIdx(Uint8Array.from([0x50, 0x4b, 3, 4, 0]), 'x.zip')).toThrow(
      'x.zip: is not an IDX file: the magic number must be 00 00 <type 08|09|0b|0c|0d|0e> <dimensions >= 1> (got 50 4b 03 04)',
    );
    expect(() => parseIdx(Uint8Array.from([0, 0]), 'x.idx')).toThrow(DataFileError);
  });
});

describe('IDX datasets', () => {
  it('reads images and labels, gzipped or not, pixels scaled to [0, 1], with a test part', () => {
    const images = write('images.idx', encodeIdx([6, 2, 3], pixels));
    const labelsFile = write('labels.idx.gz', encodeIdx([6], labels), true);
    const testImages = write('test-images.gz', encodeIdx([2, 2, 3], pixels.subarray(0, 12)), true);
    const testLabels = write('test-labels', encodeIdx([2], [2, 0]));
    const d = readIdxDataset(images, labelsFile, { testImages, testLabels });
    expect([d.samples, d.featureNames.length, d.featureNames[5]]).toEqual([8, 6, 'pixel6']);
    expect(d.features).toBeInstanceOf(Float32Array);
    expect(d.features[1]).toBe(Math.fround(7 / 255));
    expect(Array.from(d.labels)).toEqual([0, 1, 2, 0, 1, 2, 2, 0]);
    expect(d.classNames).toEqual(['0', '1', '2']);
    expect(d.split).toEqual({ train: [0, 1, 2, 3, 4, 5], test: [6, 7] });
  });

  it('refuses labels that do not match the images, with both file names', () => {
    const images = write('images6.idx', encodeIdx([6, 2, 3], pixels));
    const five = write('labels5.idx', encodeIdx([5], labels.subarray(0, 5)));
    expect(() => readIdxDataset(images, five)).toThrow(
      `${five}: must hold one label per image of ${images}, 6 (got 5)`,
    );
    expect(() => readIdxDataset(images, images)).toThrow(/must hold labels: 1 dimension \(got 3/);
    const otherShape = write('images-4.idx', encodeIdx([2, 2, 2], pixels.subarray(0, 8)));
    const two = write('labels2.idx', encodeIdx([2], [0, 1]));
    expect(() =>
      readIdxDataset(images, write('l6.idx', encodeIdx([6], labels)), {
        testImages: otherShape,
        testLabels: two,
      }),
    ).toThrow(/must hold images of 2 x 3 values like/);
    const truncatedGzip = gzipSync(encodeIdx([6], labels)).subarray(0, 12);
    expect(() => readIdxDataset(images, write('cut.gz', truncatedGzip))).toThrow(
      /cut\.gz: is not a complete gzip file/,
    );
  });
});

describe('Fashion-MNIST', () => {
  it('finds the four files in $KILN_DATA_DIR/fashion-mnist, gzipped or not', () => {
    const root = mkdtempSync(join(tmpdir(), 'kiln-data-'));
    const here = join(root, 'fashion-mnist');
    mkdirSync(here);
    const put = (name: string, bytes: Uint8Array): void =>
      writeFileSync(join(here, name), gzipSync(bytes));
    put(FASHION_MNIST_FILES.images, encodeIdx([6, 2, 3], pixels));
    put(FASHION_MNIST_FILES.labels, encodeIdx([6], [9, 0, 1, 2, 3, 4]));
    put(FASHION_MNIST_FILES.testImages, encodeIdx([2, 2, 3], pixels.subarray(0, 12)));
    writeFileSync(
      join(here, FASHION_MNIST_FILES.testLabels.replace('.gz', '')),
      encodeIdx([2], [5, 9]),
    );
    const d = loadFashionMnist({ KILN_DATA_DIR: root });
    expect(d.name).toBe('fashion-mnist');
    expect(d.classNames).toEqual([...FASHION_MNIST_CLASSES]);
    expect(d.classNames[9]).toBe('Ankle boot');
    expect(Array.from(d.labels)).toEqual([9, 0, 1, 2, 3, 4, 5, 9]);
    expect(d.split?.test).toEqual([6, 7]);
  });

  it('says how to get the files when they are missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'kiln-empty-'));
    const folders = fashionMnistFolders({ KILN_DATA_DIR: empty });
    expect(folders).toEqual([join(empty, 'fashion-mnist'), '/usr/share/datasets/fashion-mnist']);
    expect(() => loadFashionMnist({}, [join(empty, 'fashion-mnist')])).toThrow(
      new RegExp(
        `fashion-mnist: the four files \\(train-images-idx3-ubyte\\.gz, .*\\) were not found in ${empty}/fashion-mnist\\. Install them with \`apt-get install dataset-fashion-mnist\`, or download them`,
      ),
    );
  });

  it('ships fashion-mnist-small: 300 training and 100 test images per class', () => {
    const d = loadDataset('fashion-mnist-small');
    expect([d.samples, d.featureNames.length]).toEqual([4000, 784]);
    const count = (rows: number[], c: number): number =>
      rows.filter((r) => d.labels[r] === c).length;
    for (let c = 0; c < 10; c++) {
      expect(count(d.split?.train ?? [], c)).toBe(300);
      expect(count(d.split?.test ?? [], c)).toBe(100);
    }
    let max = 0;
    for (const v of d.features) max = Math.max(max, v);
    expect(max).toBe(1);
  });

  it('is read by a float32 trainer without a copy when not normalized', () => {
    const d = loadDataset('fashion-mnist-small');
    const none = fitNormalization(d, d.split?.train ?? [], 'none');
    expect(applyNormalization(none, d.features, 784, 'float32')).toBe(d.features);
    expect(applyNormalization(none, d.features, 784, 'float64')).not.toBe(d.features);
  });
});
