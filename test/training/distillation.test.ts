// Distillation in the trainer: the batch loss equals distillationLoss, the teacher's figures are
// reported, labelFraction keeps a fixed stratified subset, and bad teachers are refused.
import { describe, expect, it } from 'vitest';
import { DataFileError, ParameterError } from '../../src/core/errors.js';
import { createRng } from '../../src/core/rng.js';
import { loadDataset } from '../../src/training/data/datasets.js';
import { distillationLoss } from '../../src/training/distillation-loss.js';
import {
  chooseLabelledRows,
  DistillationLoss,
  teacherLogits,
} from '../../src/training/distillation.js';
import type { ModelDocument } from '../../src/training/model.js';
import { predict } from '../../src/training/predict.js';
import { train } from '../../src/training/train.js';

const iris = loadDataset('iris');
const teacherRun = train(iris, {
  model: { hidden: [16] },
  epochs: 40,
  batchSize: 16,
  optimizer: { type: 'adam', learningRate: 0.01 },
  seed: 3,
});
const teacher = teacherRun.model;
const student = { model: { hidden: [4] }, epochs: 10, batchSize: 16, seed: 1 };

describe('DistillationLoss', () => {
  it('gives the loss and gradient of distillationLoss on a column-major block', () => {
    const rows = [5, 60, 110, 7];
    const classes = 3;
    const options = { teacher, temperature: 2.5, alpha: 0.3, transferSet: 'all' as const };
    const evaluator = new DistillationLoss(teacher, iris, options, rows, []);
    const stride = 8;
    const count = rows.length;
    const logits = [0.2, -1, 3, 1.5, 0.1, -0.4, 2, 2.1, 0.3, -2, 0, 1];
    const z = new Float64Array(4 + classes * stride);
    logits.forEach((v, i) => (z[4 + (i % classes) * stride + Math.floor(i / classes)] = v));
    const dz = new Float64Array(2 + classes * stride).fill(9);
    const labels = Int32Array.from([1, -1, 2, 0]);
    evaluator.evaluate(
      { z, offset: 4, stride, dz, gradientOffset: 2 },
      count,
      stride,
      labels,
      Int32Array.from(rows),
      0,
    );
    const table = teacherLogits(teacher, iris, rows);
    const teacherRows = rows.flatMap((r) => Array.from(table.subarray(r * 3, r * 3 + 3)));
    const expected = distillationLoss(logits, teacherRows, labels, options);
    expect(evaluator.loss / count).toBeCloseTo(expected.loss, 12);
    for (let i = 0; i < logits.length; i++) {
      const at = 2 + (i % classes) * stride + Math.floor(i / classes);
      expect(dz[at]).toBeCloseTo(expected.gradient[i] as number, 12);
    }
    for (let r = 0; r < classes; r++) {
      expect(Array.from(dz.subarray(2 + r * stride + count, 2 + (r + 1) * stride))).toEqual(
        new Array<number>(stride - count).fill(0),
      );
    }
  });

  it("computes the teacher's logits in blocks as predict() does", () => {
    const rows = Array.from({ length: iris.samples }, (_, i) => i);
    const table = teacherLogits(teacher, iris, rows);
    const predicted = predict(teacher, iris.features, iris.samples);
    for (const row of rows) {
      const logits = Array.from(table.subarray(row * 3, row * 3 + 3));
      expect(logits.indexOf(Math.max(...logits))).toBe(predicted.values[row]);
    }
  });
});

describe('train with distillation', () => {
  it("reports the teacher's test accuracy and size and the student's size, deterministically", () => {
    const options = { ...student, distillation: { teacher, temperature: 4, alpha: 0.1 } };
    const a = train(iris, options);
    const b = train(iris, options);
    expect(a.teacherTestAccuracy).toBe(teacherRun.testAccuracy);
    expect(a.teacherParameters).toBe(4 * 16 + 16 + 16 * 3 + 3);
    expect(a.parameters).toBe(4 * 4 + 4 + 4 * 3 + 3);
    expect(b.model.layers).toEqual(a.model.layers);
    expect(a.options.distillation).toMatchObject({
      temperature: 4,
      alpha: 0.1,
      transferSet: 'all',
    });
    const last = a.history.at(-1)?.trainLoss as number;
    expect(last).toBeLessThan(a.history[0]?.trainLoss as number);
  });

  it('learns from the teacher alone (alpha 0) with no label at all used', () => {
    const result = train(iris, {
      ...student,
      epochs: 60,
      optimizer: { type: 'adam', learningRate: 0.02 },
      distillation: { teacher, temperature: 2, alpha: 0 },
    });
    expect(result.testAccuracy).toBeGreaterThan(0.8);
  });

  it('keeps a fixed stratified fraction of the labels', () => {
    const labels = iris.labels;
    const train120 = iris.split?.train ?? [];
    const rows = chooseLabelledRows(train120, 0.25, labels, createRng(5));
    expect(rows).toHaveLength(30);
    const perClass = [0, 1, 2].map((c) => rows.filter((r) => labels[r] === c).length);
    expect(perClass).toEqual([10, 10, 10]);
    expect(chooseLabelledRows(train120, 0.25, labels, createRng(5))).toEqual(rows);
    expect(chooseLabelledRows(train120, 1, labels, createRng(5))).toEqual(train120);
  });

  it('trains on the labelled rows alone without a teacher, on all rows with one', () => {
    const alone = train(iris, { ...student, labelFraction: 0.25, labelSeed: 4 });
    expect(alone.samples).toMatchObject({ train: 120, labelled: 30 });
    const alsoSeed9 = train(iris, { ...student, labelFraction: 0.25, labelSeed: 4, seed: 9 });
    expect(alsoSeed9.samples.labelled).toBe(30);
    const all = train(iris, {
      ...student,
      labelFraction: 0.25,
      distillation: { teacher },
    });
    const labelledOnly = train(iris, {
      ...student,
      labelFraction: 0.25,
      distillation: { teacher, transferSet: 'labelled' },
    });
    expect(all.samples.labelled).toBe(30);
    // Batches of 16 over 120 rows are 8 steps per epoch, over 30 rows 2.
    expect(all.model.layers).not.toEqual(labelledOnly.model.layers);
    expect(all.trainAccuracy).not.toBeNull();
  });

  it('refuses a teacher of another dataset, a missing file and a regression task', () => {
    const otherClasses: ModelDocument = { ...teacher, classNames: ['a', 'b', 'c'] };
    expect(() => train(iris, { ...student, distillation: { teacher: otherClasses } })).toThrow(
      ParameterError,
    );
    expect(() => train(iris, { ...student, distillation: { teacher: otherClasses } })).toThrow(
      /distillation.teacher must predict the dataset's 3 classes \[0, 1, 2\] \(got \[a, b, c\]\)/,
    );
    expect(() =>
      train(iris, { ...student, distillation: { teacher: '/nonexistent/model.json' } }),
    ).toThrow(DataFileError);
    expect(() => train(iris, { ...student, distillation: { teacher, temperature: 0 } })).toThrow(
      /distillation\/temperature must be > 0/,
    );
    expect(() => train(iris, { ...student, labelFraction: 0 })).toThrow(/labelFraction/);
    const regression = { ...iris, task: 'regression' as const, classNames: [] };
    expect(() => train(regression, { ...student, distillation: { teacher } })).toThrow(
      'train: distillation needs the softmax-cross-entropy loss of a classification dataset (got mean-squared-error)',
    );
  });
});
