// Fine-tuning through train(): LoRA's trainable parameter count and optimizer state, the base
// left bit-unchanged, merged and unmerged forwards agreeing, QLoRA on an NF4 base, freeze and
// newHead, and the errors of impossible plans.
import { beforeAll, describe, expect, it } from 'vitest';
import { ParameterError, DataFileError } from '../../../src/core/errors.js';
import { loadDataset } from '../../../src/training/data/datasets.js';
import type { Dataset } from '../../../src/training/data/dataset.js';
import { selectClasses, transformDataset } from '../../../src/training/data/transforms.js';
import { AdaptedNetwork } from '../../../src/training/fine-tuning/adapted-network.js';
import { mergeAdapter, modelContentHash } from '../../../src/training/fine-tuning/adapter.js';
import type { ModelDocument } from '../../../src/training/model.js';
import { dequantizeNf4, nf4Bytes, quantizeNf4 } from '../../../src/training/nf4/nf4.js';
import { predictOutputs } from '../../../src/training/predict.js';
import { train } from '../../../src/training/train.js';
import { TrainingSession } from '../../../src/training/training-session.js';
import type { TrainResult } from '../../../src/training/train-result.js';
import type { TrainOptions } from '../../../src/training/train-options.js';

let digits: Dataset;
let mirrored: Dataset;
let base64: ModelDocument;
let base32: ModelDocument;

beforeAll(() => {
  digits = loadDataset('digits');
  mirrored = transformDataset(digits, { type: 'mirror' });
  const options: TrainOptions = { model: { hidden: [256] }, epochs: 2, batchSize: 64, seed: 1 };
  base64 = train(digits, options).model;
  base32 = train(digits, { ...options, precision: 'float32' }).model;
});

/** Logits of `rows` of `dataset` from a session's own (unmerged) network, sample-major. */
function sessionLogits(session: TrainingSession, dataset: Dataset, rows: number[]): number[] {
  const network = session.network;
  const features = session['features'];
  const out: number[] = [];
  const order = Int32Array.from(rows);
  network.loadInputs(features, order, 0, rows.length);
  network.forward(rows.length);
  const { z, offset, stride } = network.output;
  const outputs = network.architecture.outputs;
  for (let s = 0; s < rows.length; s++)
    for (let o = 0; o < outputs; o++) out.push(z[offset + o * stride + s] as number);
  void dataset;
  return out;
}

function rawRows(dataset: Dataset, rows: number[]): Float64Array {
  const d = dataset.featureNames.length;
  const out = new Float64Array(rows.length * d);
  rows.forEach((r, i) => out.set(dataset.features.subarray(r * d, (r + 1) * d), i * d));
  return out;
}

describe('LoRA fine-tuning', () => {
  it('trains rank x (inputs + outputs) parameters per layer, with Adam state for those only', () => {
    const result = train(mirrored, { initialModel: base64, lora: { rank: 4 }, epochs: 1, seed: 2 });
    expect(result.trainableParameters).toBe(2344);
    expect(result.parameters).toBe(2344);
    expect(result.frozenParameters).toBe(19210);
    expect(result.optimizerStateBytes).toBe(2 * 2344 * 8);
    expect(result.adapterBytes).toBe(2344 * 8);
    expect(result.baseBytes).toBe(19210 * 8);
    expect(result.adapter?.adapters.map((a) => [a.layer, a.rank, a.a.length, a.b.length])).toEqual([
      [0, 4, 256, 1024],
      [1, 4, 1024, 40],
    ]);
    expect(result.model.training?.base).toEqual({
      contentHash: modelContentHash(base64),
      network: '64-256-10',
    });
  });

  it('leaves the base weights bit-unchanged and merges to the same model kiln merge gives', () => {
    const session = new TrainingSession(mirrored, {
      initialModel: base64,
      lora: { rank: 2, alpha: 4 },
      epochs: 2,
      seed: 3,
    });
    while (!session.done) session.runEpoch();
    const result = session.finish();
    const network = session.network as AdaptedNetwork;
    expect([0, 1].map((l) => network.baseWeights(l))).toEqual(base64.layers);
    const merged = mergeAdapter(base64, result.adapter as NonNullable<TrainResult['adapter']>);
    expect(merged.layers).toEqual(result.model.layers);
  });

  it('merged and unmerged forwards agree: 1e-12 in float64, 5e-5 in float32 on digits logits', () => {
    const rows = Array.from({ length: 120 }, (_, i) => i * 3);
    for (const [base, precision, tolerance] of [
      [base64, 'float64', 1e-12],
      [base32, 'float32', 5e-5],
    ] as const) {
      const session = new TrainingSession(mirrored, {
        initialModel: base,
        lora: { rank: 8 },
        epochs: 3,
        seed: 4,
        precision,
      });
      while (!session.done) session.runEpoch();
      const result = session.finish();
      const unmerged = sessionLogits(session, mirrored, rows);
      const merged = predictOutputs(result.model, rawRows(mirrored, rows), rows.length);
      let worst = 0;
      unmerged.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (merged[i] as number)))));
      expect(worst).toBeLessThanOrEqual(tolerance);
      expect(worst).toBeGreaterThanOrEqual(0);
    }
  });

  it('is deterministic for a seed, and rsLoRA scales by alpha / sqrt(rank)', () => {
    const options: TrainOptions = {
      initialModel: base64,
      lora: { rank: 4, alpha: 8, rsLora: true },
      epochs: 1,
      seed: 5,
    };
    const a = train(mirrored, options);
    const b = train(mirrored, options);
    expect(a.adapter?.adapters).toEqual(b.adapter?.adapters);
    expect(a.adapter?.adapters[0]?.scaling).toBe(4);
    const initial = new TrainingSession(mirrored, options).network as AdaptedNetwork;
    const a0 = initial.parameters.subarray(0, 4 * 64);
    expect(Math.max(...Array.from(a0, Math.abs))).toBeLessThanOrEqual(1 / 8);
    expect(new Set(a0).size).toBe(256);
    expect(Array.from(initial.parameters.subarray(256, 256 + 1024)).every((b) => b === 0)).toBe(
      true,
    );
  });

  it('QLoRA: the NF4 base is dequantized on the fly and counted at about 4.127 bits per weight', () => {
    const result = train(mirrored, {
      initialModel: base32,
      precision: 'float32',
      lora: { rank: 4 },
      baseQuantization: { type: 'nf4' },
      epochs: 1,
      seed: 6,
    });
    const expected = nf4Bytes(64 * 256, 64, true) + 256 * 4 + nf4Bytes(2560, 64, true) + 10 * 4;
    expect(result.baseBytes).toBe(expected);
    expect(result.baseBytes).toBeLessThanOrEqual((19210 * 4) / 7);
    // The merged model is the dequantized base plus the adapters.
    const merged = mergeAdapter(base32, result.adapter as NonNullable<TrainResult['adapter']>);
    expect(merged.layers).toEqual(result.model.layers);
    const dequantized = dequantizeNf4(
      quantizeNf4(base32.layers[1]?.weight.flat() ?? [], { doubleQuantization: true }),
    );
    const noAdapters = mergeAdapter(base32, {
      ...(result.adapter as NonNullable<TrainResult['adapter']>),
      adapters: [],
    });
    expect(noAdapters.layers[1]?.weight.flat()).toEqual(Array.from(dequantized));
  });

  it('bfloat16 compute runs and stays close to float32 compute', () => {
    const options: TrainOptions = {
      initialModel: base32,
      precision: 'float32',
      lora: { rank: 4 },
      baseQuantization: { type: 'nf4' },
      epochs: 2,
      seed: 7,
    };
    const float = train(mirrored, options);
    const bfloat = train(mirrored, { ...options, computePrecision: 'bfloat16' });
    expect(Math.abs((float.testAccuracy ?? 0) - (bfloat.testAccuracy ?? 0))).toBeLessThan(0.05);
    expect(bfloat.adapter?.computePrecision).toBe('bfloat16');
  });
});

describe('at step 0 (B = 0)', () => {
  it('the adapted network gives the base network its logits bit for bit', () => {
    const rows = Array.from({ length: 100 }, (_, i) => i * 5);
    const options: TrainOptions = { initialModel: base64, seed: 1, epochs: 1 };
    const plain = new TrainingSession(mirrored, options);
    const adapted = new TrainingSession(mirrored, { ...options, lora: { rank: 8 } });
    expect(adapted.network).toBeInstanceOf(AdaptedNetwork);
    expect(sessionLogits(adapted, mirrored, rows)).toEqual(sessionLogits(plain, mirrored, rows));
  });
});

describe('freeze and newHead', () => {
  it('head-only fine-tuning trains the 2,570 parameters of the output layer', () => {
    const result = train(mirrored, { initialModel: base64, freeze: [0], epochs: 1, seed: 1 });
    expect(result.trainableParameters).toBe(2570);
    expect(result.model.layers[0]).toEqual(base64.layers[0]);
    expect(result.adapter?.layers.map((l) => l.layer)).toEqual([1]);
  });

  it('a new head fits a dataset with other classes', () => {
    const three = selectClasses(digits, ['0', '1', ['2', '3']]);
    const result = train(three, {
      initialModel: base64,
      newHead: true,
      freeze: 'all',
      epochs: 2,
      seed: 1,
    });
    expect(result.trainableParameters).toBe(256 * 3 + 3);
    expect(result.model.architecture.outputs).toBe(3);
    expect(result.model.classNames).toEqual(['0', '1', '2+3']);
    expect(result.testAccuracy).toBeGreaterThan(0.8);
  });
});

describe('impossible plans', () => {
  const cases: [string, () => unknown, string][] = [
    [
      'lora without a base',
      () => train(mirrored, { lora: {}, epochs: 1 }),
      'train: lora needs a base model to fine-tune',
    ],
    [
      'an adapter on a missing layer',
      () => train(mirrored, { initialModel: base64, lora: { layers: [2] }, epochs: 1 }),
      "train: lora.layers[0] must be a layer index below 2, the base's layer count (got 2)",
    ],
    [
      'other classes without newHead',
      () => train(selectClasses(digits, ['0', '1']), { initialModel: base64, lora: {}, epochs: 1 }),
      'train: the dataset has 2 classes but the base model has 10 outputs; set newHead: true',
    ],
    [
      'merge without lora',
      () => train(mirrored, { initialModel: base64, freeze: [0], merge: true, epochs: 1 }),
      'train: merge needs lora',
    ],
    [
      'bfloat16 without an NF4 base',
      () =>
        train(mirrored, {
          initialModel: base64,
          lora: {},
          computePrecision: 'bfloat16',
          epochs: 1,
        }),
      'train: computePrecision bfloat16 needs baseQuantization and precision float32',
    ],
    [
      'everything frozen',
      () => train(mirrored, { initialModel: base64, freeze: 'all', epochs: 1 }),
      'train: freeze leaves nothing to train',
    ],
    [
      'a wrong shape',
      () =>
        train(mirrored, { initialModel: base64, model: { hidden: [128] }, lora: {}, epochs: 1 }),
      "train: the fine-tuned network must have the base's shape 64-256-10",
    ],
  ];
  it.each(cases)('%s', (_, run, message) => {
    expect(run).toThrow(ParameterError);
    expect(run).toThrow(message);
  });

  it('an adapter refuses a different base', () => {
    const result = train(mirrored, { initialModel: base64, lora: { rank: 1 }, epochs: 1, seed: 1 });
    expect(() =>
      mergeAdapter(base32, result.adapter as NonNullable<TrainResult['adapter']>, 'a.json'),
    ).toThrow(DataFileError);
    expect(() =>
      mergeAdapter(base32, result.adapter as NonNullable<TrainResult['adapter']>, 'a.json'),
    ).toThrow(
      /^a\.json: base\.contentHash must be the hash of the base model, sha256:[0-9a-f]{64} \(64-256-10\) \(got sha256:[0-9a-f]{64}, 64-256-10\): this adapter was trained on another model$/,
    );
  });
});
