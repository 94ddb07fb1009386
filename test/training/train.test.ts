// train(): deterministic for a seed, every training mode and option, early stopping with the
// best weights restored, models that predict what training measured, and clear errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetFromCsv } from '../../src/training/data/csv.js';
import { loadDataset } from '../../src/training/data/datasets.js';
import { checkModel, readModel } from '../../src/training/model.js';
import { predict } from '../../src/training/predict.js';
import { scheduledLearningRate, DEFAULT_SCHEDULE } from '../../src/training/schedules.js';
import { train, trainAsync } from '../../src/training/train.js';
import { TrainingSession } from '../../src/training/training-session.js';
import type { TrainOptions } from '../../src/training/train-options.js';

const iris = loadDataset('iris');
const small: TrainOptions & { model: { hidden: number[] } } = { model: { hidden: [8] }, epochs: 5 };

describe('train', () => {
  it('gives the same weights bit for bit for a seed, other weights for another seed', () => {
    for (const precision of ['float64', 'float32'] as const) {
      const options = { ...small, precision, model: { hidden: [8], dropout: 0.2 }, seed: 7 };
      const a = train(iris, options);
      const b = train(iris, options);
      expect(b.model.layers).toEqual(a.model.layers);
      expect(b.history.map((h) => h.trainLoss)).toEqual(a.history.map((h) => h.trainLoss));
      const c = train(iris, { ...options, seed: 8 });
      expect(c.model.layers).not.toEqual(a.model.layers);
    }
  });

  it('uses the reference test split of a shipped dataset and reports every part', () => {
    const result = train(iris, {
      ...small,
      epochs: 20,
      batchSize: 16,
      optimizer: { type: 'adam', learningRate: 0.01 },
      validationFraction: 0.1,
    });
    expect(result.samples).toEqual({ train: 108, labelled: 108, validation: 12, test: 30 });
    expect(result.parameters).toBe(4 * 8 + 8 + 8 * 3 + 3);
    expect(result.confusionMatrix?.flat().reduce((a, b) => a + b, 0)).toBe(30);
    expect(result.testAccuracy).toBeGreaterThan(0.8);
    expect(result.epochs).toBe(20);
    expect(result.history).toHaveLength(20);
    expect(result.samplesPerSecond).toBeGreaterThan(0);
    expect(result.trainingMs).toBeLessThanOrEqual(result.elapsedMs);
  });

  it('learns iris in full-batch, mini-batch and stochastic modes', () => {
    for (const [batchSize, optimizer, epochs] of [
      ['full', { type: 'sgd', learningRate: 0.5 }, 200],
      [16, { type: 'adam', learningRate: 0.01 }, 40],
      [1, { type: 'momentum', learningRate: 0.01 }, 15],
    ] as const) {
      const result = train(iris, {
        model: { hidden: [16] },
        batchSize,
        optimizer,
        epochs,
        seed: 1,
      });
      expect(result.trainAccuracy, `${batchSize}`).toBeGreaterThan(0.9);
    }
  });

  it('trains with every activation, loss and optimizer', () => {
    const binary = loadDataset('breast_cancer');
    for (const activation of [
      'relu',
      'leaky-relu',
      'tanh',
      'sigmoid',
      'gelu',
      'identity',
    ] as const) {
      const r = train(iris, {
        ...small,
        epochs: 20,
        model: { hidden: [8], activation },
        optimizer: { type: 'adam', learningRate: 0.02 },
      });
      expect(r.trainAccuracy, activation).toBeGreaterThan(0.7);
    }
    const bce = train(binary, { ...small, loss: 'binary-cross-entropy' });
    expect(bce.model.architecture.outputs).toBe(1);
    expect(bce.testAccuracy).toBeGreaterThan(0.85);
    const mse = train(iris, {
      ...small,
      epochs: 30,
      loss: 'mean-squared-error',
      optimizer: { type: 'adam', learningRate: 0.02 },
    });
    expect(mse.trainAccuracy).toBeGreaterThan(0.7);
    for (const type of [
      'sgd',
      'momentum',
      'nesterov',
      'adagrad',
      'adadelta',
      'rmsprop',
      'adam',
      'adamw',
      'adamax',
      'nadam',
      'ftrl',
    ]) {
      const r = train(iris, { ...small, optimizer: { type } });
      expect(Number.isFinite(r.trainLoss), type).toBe(true);
    }
  });

  it('stops early on the validation loss and restores the best weights', () => {
    const result = train(iris, {
      model: { hidden: [32] },
      optimizer: { type: 'adam', learningRate: 0.05 },
      epochs: 300,
      earlyStopping: { patience: 3 },
      seed: 3,
    });
    expect(result.stopReason).toBe('early-stopping');
    expect(result.epochs).toBeLessThan(300);
    expect(result.epochs - result.bestEpoch).toBe(3);
    const best = result.history[result.bestEpoch - 1];
    expect(result.validationLoss).toBeCloseTo(best?.validationLoss as number, 12);
    const losses = result.history.map((h) => h.validationLoss as number);
    expect(Math.min(...losses)).toBe(best?.validationLoss);
  });

  it('applies learning-rate schedules, warmup and gradient clipping', () => {
    const result = train(iris, {
      ...small,
      epochs: 6,
      optimizer: { type: 'sgd', learningRate: 0.1 },
      learningRateSchedule: { type: 'step', stepSize: 2, gamma: 0.5, warmupEpochs: 2 },
      gradientClipping: { maxNorm: 1, maxValue: 0.5 },
    });
    const expected = [0.1 / 3, 0.1 * (1 / 3 + (2 / 3) * 0.5), 0.1, 0.1, 0.05, 0.05];
    result.history.forEach((h, i) => expect(h.learningRate).toBeCloseTo(expected[i] as number, 15));
    const cosine = { ...DEFAULT_SCHEDULE, type: 'cosine' as const, minLearningRate: 0.01 };
    expect(scheduledLearningRate(cosine, 1, 0, 10)).toBe(1);
    expect(scheduledLearningRate(cosine, 1, 5, 10)).toBeCloseTo(0.505, 12);
    expect(
      scheduledLearningRate({ ...DEFAULT_SCHEDULE, type: 'exponential', gamma: 0.5 }, 1, 3, 10),
    ).toBe(0.125);
  });

  it('regresses a numeric target', () => {
    const rows = Array.from({ length: 80 }, (_, i) => {
      const x = i / 40 - 1;
      return `${x},${2 * x + 1}`;
    });
    const data = datasetFromCsv(`x,y\n${rows.join('\n')}\n`, 'line.csv', { task: 'regression' });
    const result = train(data, {
      model: { hidden: [] },
      epochs: 200,
      optimizer: { type: 'adam', learningRate: 0.05 },
    });
    expect(result.trainAccuracy).toBeNull();
    expect(result.testLoss as number).toBeLessThan(1e-3);
    const p = predict(result.model, Float64Array.from([0.5]), 1);
    expect(p.values[0]).toBeCloseTo(2, 1);
  });

  it('stops when the loss diverges, and when asked', async () => {
    const diverged = train(iris, {
      ...small,
      epochs: 50,
      optimizer: { type: 'sgd', learningRate: 1e6 },
    });
    expect(diverged.stopReason).toBe('diverged');
    let epochs = 0;
    const stopped = train(iris, small, { onEpoch: () => ++epochs < 2 });
    expect(stopped.stopReason).toBe('stopped');
    expect(stopped.epochs).toBe(2);
    const controller = new AbortController();
    controller.abort();
    const aborted = await trainAsync(iris, small, { signal: controller.signal });
    expect(aborted.epochs).toBe(0);
    expect(aborted.stopReason).toBe('stopped');
  });

  it('takes explicit rows for each part', () => {
    const session = new TrainingSession(iris, {
      ...small,
      split: { train: [0, 1, 2, 50, 51, 100], test: [3, 52] },
    });
    expect(session.split).toEqual({ train: [0, 1, 2, 50, 51, 100], validation: [], test: [3, 52] });
  });

  it('refuses bad options with clear messages', () => {
    expect(() => train(iris, { optimizer: { type: 'adamm' } })).toThrow(
      /must be one of "sgd", .* \(got "adamm"\) \(did you mean "adam"\?\)/,
    );
    expect(() => train(iris, { optimizer: { type: 'adam', learningRate: -1 } })).toThrow(
      '/optimizer/learningRate must be >= 0 (got -1)',
    );
    expect(() => train(iris, { loss: 'binary-cross-entropy' })).toThrow('needs 2 classes (got 3)');
    expect(() => train(iris, { earlyStopping: {}, validationFraction: 0 })).toThrow(
      'earlyStopping needs validation rows',
    );
    expect(() => train(iris, { model: { hidden: [4, 4], dropout: [0.1] } })).toThrow(
      'one rate per hidden layer, 2 (got 1)',
    );
    expect(() => train(iris, { epochs: 0 })).toThrow('/epochs must be >= 1 (got 0)');
  });
});

describe('models', () => {
  it('round-trip through JSON and predict what training measured', () => {
    for (const precision of ['float64', 'float32'] as const) {
      const result = train(iris, { ...small, epochs: 20, precision });
      const model = checkModel(JSON.parse(JSON.stringify(result.model)), 'model.json');
      const test = iris.split?.test ?? [];
      const features = Float64Array.from(
        test.flatMap((i) => Array.from(iris.features.subarray(i * 4, i * 4 + 4))),
      );
      const p = predict(model, features, test.length);
      const correct = test.filter((row, k) => p.values[k] === iris.labels[row]).length;
      expect(correct / test.length).toBe(result.testAccuracy);
      const probabilities = p.probabilities as Float64Array;
      expect(probabilities[0]! + probabilities[1]! + probabilities[2]!).toBeCloseTo(1, 6);
    }
  });

  it('refuses a document that is not a model, or whose weights do not fit', () => {
    expect(() => checkModel({ format: 'other' }, 'm.json')).toThrow(/m.json: is not a kiln model/);
    const model = train(iris, { ...small, epochs: 1 }).model;
    const broken = { ...model, layers: model.layers.slice(1) };
    expect(() => checkModel(broken, 'm.json')).toThrow(
      /m.json: is not a consistent kiln model \(1 error\)\n {2}\/layers must hold 2 layers/,
    );
  });

  it('names a binary file as such instead of quoting it, and quotes a text file that is not JSON', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kiln-model-'));
    const binary = join(folder, 'model.onnx');
    writeFileSync(binary, Buffer.from([0x08, 0x07, 0x12, 0x04, 0x6b, 0x69, 0x6c, 0x6e, 0x00]));
    expect(() => readModel(binary)).toThrow(/model\.onnx: is a binary file, not a kiln model/);
    const text = join(folder, 'notes.txt');
    writeFileSync(text, 'weights: 1, 2, 3\n');
    expect(() => readModel(text)).toThrow(/notes\.txt: is not valid JSON \(Unexpected token/);
  });
});
