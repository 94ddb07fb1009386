// CSV datasets, the shipped datasets with their facts, stratified splits, k folds and scaling.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng.js';
import { datasetFromCsv } from '../../src/training/data/csv.js';
import { loadDataset, SHIPPED_DATASETS } from '../../src/training/data/datasets.js';
import { applyNormalization, fitNormalization } from '../../src/training/data/normalization.js';
import { kFolds, splitDataset, stratifiedHoldOut } from '../../src/training/data/splits.js';
import { accuracyOf, confusionMatrix } from '../../src/training/metrics.js';

describe('datasetFromCsv', () => {
  const csv = 'a,b,label\n1,2,cat\n3,4.5,dog\n\n-1,0,cat\n';

  it('reads features, a named target column and string classes', () => {
    const d = datasetFromCsv(csv, 'pets.csv', { target: 'label' });
    expect(d).toMatchObject({
      name: 'pets',
      samples: 3,
      featureNames: ['a', 'b'],
      classNames: ['cat', 'dog'],
      task: 'classification',
    });
    expect(Array.from(d.features)).toEqual([1, 2, 3, 4.5, -1, 0]);
    expect(Array.from(d.labels)).toEqual([0, 1, 0]);
  });

  it('defaults the target to a "target" column, else the last column; sorts numeric classes numerically', () => {
    const d = datasetFromCsv('target,x\n10,1\n9,2\n10.0,3\n', 'n.csv');
    expect(d.featureNames).toEqual(['x']);
    expect(d.classNames).toEqual(['9', '10']);
    expect(Array.from(d.labels)).toEqual([1, 0, 1]);
    expect(datasetFromCsv('x,y\n1,0\n2,1\n', 'l.csv').targetName).toBe('y');
  });

  it('reads regression targets', () => {
    const d = datasetFromCsv('x,y\n1,0.5\n2,1.5\n', 'r.csv', { task: 'regression' });
    expect(Array.from(d.targets)).toEqual([0.5, 1.5]);
    expect(d.classNames).toEqual([]);
  });

  it('handles quoted fields', () => {
    const d = datasetFromCsv('"a, b",target\n"1",x\n2,"y"\n', 'q.csv');
    expect(d.featureNames).toEqual(['a, b']);
    expect(d.classNames).toEqual(['x', 'y']);
  });

  it('names the line, row and column of a bad value', () => {
    expect(() => datasetFromCsv('a,b,target\n1,2,0\n3,oops,1\n', 'bad.csv')).toThrow(
      'bad.csv:3: row 2, column 2 ("b"): "oops" is not a finite number',
    );
    expect(() => datasetFromCsv('a,target\n1,0\n,1\n', 'bad.csv')).toThrow(
      'bad.csv:3: row 2, column 1 ("a"): is empty',
    );
    expect(() => datasetFromCsv('a,target\n1,0\n2,1,3\n', 'bad.csv')).toThrow(
      'bad.csv:3: row 2 has 3 fields, the header has 2',
    );
  });

  it('refuses a missing target column, an empty file and a single class', () => {
    expect(() => datasetFromCsv('a,b\n1,2\n', 'x.csv', { target: 'y' })).toThrow(
      'x.csv:1: has no target column "y" (columns: a, b)',
    );
    expect(() => datasetFromCsv('\n', 'x.csv')).toThrow('x.csv: is empty (expected a header row)');
    expect(() => datasetFromCsv('a,target\n1,0\n2,0\n', 'x.csv')).toThrow(/single class/);
  });
});

describe('shipped datasets', () => {
  const facts = {
    iris: { samples: 150, features: 4, classes: 3, train: 120, test: 30 },
    wine: { samples: 178, features: 13, classes: 3, train: 142, test: 36 },
    breast_cancer: { samples: 569, features: 30, classes: 2, train: 455, test: 114 },
    digits: { samples: 1797, features: 64, classes: 10, train: 1437, test: 360 },
    'fashion-mnist-small': { samples: 4000, features: 784, classes: 10, train: 3000, test: 1000 },
  } as const;

  it.each(SHIPPED_DATASETS)('%s has its documented shape and reference split', (name) => {
    const d = loadDataset(name);
    const f = facts[name];
    expect([d.samples, d.featureNames.length, d.classNames.length]).toEqual([
      f.samples,
      f.features,
      f.classes,
    ]);
    expect([d.split?.train.length, d.split?.test.length]).toEqual([f.train, f.test]);
    const all = new Set([...(d.split?.train ?? []), ...(d.split?.test ?? [])]);
    expect(all.size).toBe(f.samples);
  });

  it('suggests a name for an unknown dataset', () => {
    expect(() => loadDataset('digit')).toThrow(
      /unknown dataset "digit"; known datasets: iris, wine, breast_cancer, digits, fashion-mnist-small, fashion-mnist\. Did you mean "digits"\?/,
    );
  });
});

describe('splits', () => {
  const labels = Int32Array.from({ length: 100 }, (_, i) => (i < 60 ? 0 : i < 90 ? 1 : 2));

  it('holds out a stratified, disjoint, covering split', () => {
    const split = splitDataset(100, labels, { validation: 0.25, test: 0.2 }, createRng(1));
    expect(split.test.length).toBe(20);
    expect(split.validation.length).toBe(20);
    expect(split.train.length).toBe(60);
    expect(new Set([...split.train, ...split.validation, ...split.test]).size).toBe(100);
    const count = (rows: number[], c: number): number => rows.filter((i) => labels[i] === c).length;
    expect([0, 1, 2].map((c) => count(split.test, c))).toEqual([12, 6, 2]);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = stratifiedHoldOut([...Array(50).keys()], 10, undefined, createRng(3));
    expect(stratifiedHoldOut([...Array(50).keys()], 10, undefined, createRng(3))).toEqual(a);
    expect(stratifiedHoldOut([...Array(50).keys()], 10, undefined, createRng(4))).not.toEqual(a);
  });

  it('keeps a predefined test part and draws validation from the rest', () => {
    const split = splitDataset(10, undefined, { validation: 0.5, test: 0.2 }, createRng(1), [0, 1]);
    expect(split.test).toEqual([0, 1]);
    expect(split.validation.length).toBe(4);
    expect(split.train.every((i) => i >= 2)).toBe(true);
  });

  it('deals stratified k folds', () => {
    const folds = kFolds([...Array(100).keys()], 5, labels, createRng(2));
    expect(folds.map((f) => f.length)).toEqual([20, 20, 20, 20, 20]);
    expect(new Set(folds.flat()).size).toBe(100);
    for (const fold of folds) expect(fold.filter((i) => labels[i] === 2).length).toBe(2);
    expect(() => kFolds([1, 2], 3, undefined, createRng(1))).toThrow(
      'kFolds: k must be an integer in [2, 2] (got 3)',
    );
  });
});

describe('normalization', () => {
  const d = datasetFromCsv('a,b,target\n1,5,0\n3,5,1\n5,5,0\n100,5,1\n', 'n.csv');

  it('standardizes with statistics of the given rows only', () => {
    const n = fitNormalization(d, [0, 1, 2], 'standard');
    expect(n.shift).toEqual([3, 5]);
    expect(n.scale[0]).toBeCloseTo(Math.sqrt(8 / 3), 14);
    expect(n.scale[1]).toBe(1); // constant feature
    const x = applyNormalization(n, d.features, 2);
    expect(x[0]).toBeCloseTo(-2 / Math.sqrt(8 / 3), 14);
    expect(x[1]).toBe(0);
  });

  it('scales min-max into [0, 1] and leaves features alone with none', () => {
    const n = fitNormalization(d, [0, 1, 2, 3], 'min-max');
    expect(Array.from(applyNormalization(n, d.features, 2)).filter((_, i) => i % 2 === 0)).toEqual([
      0,
      2 / 99,
      4 / 99,
      1,
    ]);
    expect(applyNormalization(fitNormalization(d, [0], 'none'), d.features, 2)).toEqual(d.features);
  });
});

describe('metrics', () => {
  it('counts a confusion matrix [actual][predicted] and its accuracy', () => {
    const m = confusionMatrix([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], 3);
    expect(m).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 1],
    ]);
    expect(accuracyOf(m)).toBeCloseTo(3 / 5, 15);
  });
});

describe('crossValidate', () => {
  it('trains once per stratified fold of the training rows, deterministically', async () => {
    const { crossValidate } = await import('../../src/training/cross-validate.js');
    const iris = loadDataset('iris');
    const options = {
      folds: 4,
      model: { hidden: [8] },
      epochs: 15,
      batchSize: 16,
      optimizer: { type: 'adam', learningRate: 0.02 },
      seed: 3,
    };
    const result = crossValidate(iris, options);
    expect(result.folds.map((f) => f.validationSamples)).toEqual([30, 30, 30, 30]);
    expect(result.meanValidationAccuracy).toBeGreaterThan(0.7);
    expect(result.standardDeviation).toBeGreaterThanOrEqual(0);
    expect(crossValidate(iris, options)).toEqual(result);
    const seen: number[] = [];
    crossValidate(iris, { ...options, epochs: 1 }, { onEpoch: () => void seen.push(1) });
    expect(seen).toHaveLength(4);
  });
});
