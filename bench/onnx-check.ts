// The ONNX export runs in ONNX Runtime and gives kiln's outputs: a float model (the graph's
// probabilities within 1e-5 of kiln predict's, the same predicted class on every row, and the
// logits within torch.testing's float32 tolerance 1e-5 + 1.3e-6 |logit|; the largest absolute
// logit difference is printed beside each runtime's distance to the float64 evaluation of the
// same float32 network, since above |logit| 128 one float32 step exceeds 1e-5) and int8
// models (integer form: output codes identical to kiln's integer inference; QDQ form: codes
// differing, reported) on the test rows of digits (a 64-256-10 model trained here) or
// Fashion-MNIST (--dataset fashion-mnist: a 784-256-10 model trained here, or the float model of
// bench/fashion-mnist.ts --save-models DIR with --models DIR; int8 models calibrated on the first
// 10,000 training rows).
// onnxruntime-node (about 300 MB) is not a dependency of kiln: this script installs it on demand
// into bench/.onnxruntime with ONNXRUNTIME_NODE_INSTALL=skip (the bundled CPU binaries only).
//
//   npx tsx bench/onnx-check.ts [--dataset digits|fashion-mnist] [--seed 1] [--epochs 20]
//     [--models DIR]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadDataset } from '../src/training/data/datasets.js';
import { exportOnnx, type QuantizedOnnxForm } from '../src/training/export/export-onnx.js';
import { predict, predictOutputs } from '../src/training/predict.js';
import { quantizeModel } from '../src/training/quantization/quantize-model.js';
import type { AnyModelDocument } from '../src/training/quantization/quantized-model.js';
import { readModel, type ModelDocument } from '../src/training/model.js';
import { train } from '../src/training/train.js';
import { option, writeResult } from './results.js';

const VERSION = '1.31.1';
const FOLDER = join(import.meta.dirname, '.onnxruntime');

interface OrtTensor {
  data: Float32Array;
}

/** The graph's probabilities (its Softmax output) against kiln predict's, and the classes. */
function probabilityComparison(
  model: AnyModelDocument,
  features: Float64Array,
  n: number,
  output: Record<string, OrtTensor>,
): { maxProbabilityDifference: number; classesDiffering: number } | undefined {
  const theirs = output.probabilities?.data;
  const ours = predict(model, features, n).probabilities;
  if (theirs === undefined || ours === undefined) return undefined;
  const classes = ours.length / n;
  let maxProbabilityDifference = 0;
  let classesDiffering = 0;
  for (let i = 0; i < n; i++) {
    let [best, theirBest] = [0, 0];
    for (let c = 0; c < classes; c++) {
      const at = i * classes + c;
      const [p, q] = [ours[at] as number, theirs[at] as number];
      maxProbabilityDifference = Math.max(maxProbabilityDifference, Math.abs(p - q));
      if (p > (ours[i * classes + best] as number)) best = c;
      if (q > (theirs[i * classes + theirBest] as number)) theirBest = c;
    }
    if (best !== theirBest) classesDiffering++;
  }
  return { maxProbabilityDifference, classesDiffering };
}
interface Ort {
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => OrtTensor;
  InferenceSession: {
    create(bytes: Uint8Array): Promise<{
      run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
    }>;
  };
}

function onnxRuntime(): Ort {
  const entry = join(FOLDER, 'node_modules', 'onnxruntime-node');
  if (!existsSync(entry)) {
    console.log(`installing onnxruntime-node ${VERSION} into bench/.onnxruntime ...`);
    mkdirSync(FOLDER, { recursive: true });
    writeFileSync(
      join(FOLDER, 'package.json'),
      '{"name":"kiln-bench-onnxruntime","private":true}\n',
    );
    execFileSync('npm', ['install', `onnxruntime-node@${VERSION}`, '--no-audit', '--no-fund'], {
      cwd: FOLDER,
      stdio: 'inherit',
      env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
    });
  }
  return createRequire(join(FOLDER, 'package.json'))('onnxruntime-node') as Ort;
}

/**
 * The float model against its float64 evaluation (the same float32 weights, biases and inputs,
 * exact sums): how far each runtime's float32 accumulation is from it, the logits' size, the
 * difference relative to it, and torch.testing's float32 tolerance (atol 1e-5, rtol 1.3e-6).
 */
function floatComparison(
  model: ModelDocument,
  features: Float64Array,
  n: number,
  onnx: Float32Array,
  kiln: Float64Array,
): {
  maxLogit: number;
  kilnError: number;
  onnxError: number;
  relativeDifference: number;
  withinTolerance: boolean;
} {
  const d = model.architecture.inputs;
  const { shift, scale, kind } = model.normalization;
  const layers = model.layers.map((layer) => ({
    weight: layer.weight.map((row) => row.map(Math.fround)),
    bias: layer.bias.map(Math.fround),
  }));
  let maxLogit = 0;
  let kilnError = 0;
  let onnxError = 0;
  let relativeDifference = 0;
  let withinTolerance = true;
  for (let i = 0; i < n; i++) {
    let h = Array.from({ length: d }, (_, k) => {
      const x = Math.fround(features[i * d + k] as number);
      // Normalized in float64 and rounded once, as kiln and the exported graph feed the network.
      return kind === 'none' ? x : Math.fround((x - (shift[k] as number)) / (scale[k] as number));
    });
    layers.forEach((layer, l) => {
      const last = l === layers.length - 1;
      h = layer.weight.map((row, o) => {
        let sum = layer.bias[o] as number;
        for (let k = 0; k < row.length; k++) sum += (row[k] as number) * (h[k] as number);
        return last || model.architecture.activation !== 'relu' ? sum : Math.max(0, sum);
      });
    });
    h.forEach((exact, o) => {
      const at = i * h.length + o;
      const ours = kiln[at] as number;
      const theirs = onnx[at] as number;
      maxLogit = Math.max(maxLogit, Math.abs(exact));
      kilnError = Math.max(kilnError, Math.abs(ours - exact));
      onnxError = Math.max(onnxError, Math.abs(theirs - exact));
      const difference = Math.abs(theirs - ours);
      relativeDifference = Math.max(relativeDifference, difference / Math.max(1, Math.abs(exact)));
      if (difference > 1e-5 + 1.3e-6 * Math.abs(ours)) withinTolerance = false;
    });
  }
  return { maxLogit, kilnError, onnxError, relativeDifference, withinTolerance };
}

async function main(): Promise<void> {
  const datasetName = option('dataset') ?? 'digits';
  const seed = Number(option('seed') ?? 1);
  const epochs = Number(option('epochs') ?? 20);
  const folder = option('models');
  const ort = onnxRuntime();
  const dataset = loadDataset(datasetName);
  const d = dataset.featureNames.length;
  const rows = (indices: readonly number[]): Float64Array => {
    const out = new Float64Array(indices.length * d);
    indices.forEach((r, i) => out.set(dataset.features.subarray(r * d, (r + 1) * d), i * d));
    return out;
  };
  const split = dataset.split ?? { train: [], test: [] };
  const model =
    folder === undefined
      ? train(dataset, {
          model: { hidden: [256] },
          optimizer: { type: 'adam', learningRate: 0.001 },
          batchSize: 64,
          epochs,
          precision: 'float32',
          seed,
        }).model
      : readModel(join(folder, `float-seed-${seed}.json`));
  const test = rows(split.test);
  const n = split.test.length;
  const calibrationRows = split.train.slice(0, 10000);
  const calibration = rows(calibrationRows);
  const cases: { name: string; model: AnyModelDocument; form: QuantizedOnnxForm }[] = [
    { name: 'float32', model, form: 'integer' },
  ];
  for (const convention of ['onnx', 'torch'] as const) {
    const quantized = quantizeModel(model, calibration, calibrationRows.length, {
      convention,
    });
    cases.push({
      name: `int8 ${convention} convention, integer form`,
      model: quantized,
      form: 'integer',
    });
    cases.push({ name: `int8 ${convention} convention, QDQ form`, model: quantized, form: 'qdq' });
  }
  const results = [];
  for (const c of cases) {
    const bytes = exportOnnx(c.model, { form: c.form });
    const session = await ort.InferenceSession.create(bytes);
    const output = await session.run({
      features: new ort.Tensor('float32', Float32Array.from(test), [n, d]),
    });
    const onnx = (output.logits as OrtTensor).data;
    const kiln = predictOutputs(c.model, test, n);
    let maxDifference = 0;
    let differing = 0;
    for (let i = 0; i < kiln.length; i++) {
      const difference = Math.abs((onnx[i] as number) - (kiln[i] as number));
      maxDifference = Math.max(maxDifference, difference);
      if (difference > 0) differing++;
    }
    const float = c.model.version === 2 ? undefined : floatComparison(c.model, test, n, onnx, kiln);
    const probabilities = probabilityComparison(c.model, test, n, output);
    const steps =
      c.model.version === 2
        ? maxDifference / (c.model.layers[c.model.layers.length - 1]?.outputScale ?? 1)
        : undefined;
    const result = {
      case: c.name,
      bytes: bytes.length,
      outputs: kiln.length,
      maxDifference,
      differing,
      ...(steps === undefined ? {} : { maxDifferenceInSteps: Math.round(steps) }),
      ...(float ?? {}),
      ...(probabilities ?? {}),
    };
    results.push(result);
    console.log(
      `${c.name.padEnd(36)} ${String(bytes.length).padStart(6)} B  max |onnx - kiln| ${maxDifference.toExponential(2)}  outputs differing ${differing}/${kiln.length}${steps === undefined ? '' : ` (${Math.round(steps)} step)`}${probabilities === undefined ? '' : `  probabilities max |onnx - kiln| ${probabilities.maxProbabilityDifference.toExponential(2)}, predicted classes differing ${probabilities.classesDiffering}/${n}`}`,
    );
  }
  const float = results[0];
  const exact = results.filter((r) => r.case.includes('onnx convention, integer'));
  if (float?.maxLogit !== undefined)
    console.log(
      `float32: max |logit| ${float.maxLogit.toFixed(2)}; max |kiln - float64| ${float.kilnError?.toExponential(2)}, max |onnx - float64| ${float.onnxError?.toExponential(2)}; max |onnx - kiln| / max(1, |logit|) ${float.relativeDifference?.toExponential(2)}`,
    );
  const yes = (ok: boolean): string => (ok ? 'yes' : 'NO');
  console.log(
    [
      `float probabilities within 1e-5: ${yes((float?.maxProbabilityDifference ?? Infinity) <= 1e-5)}`,
      `same predicted class on every row: ${yes(float?.classesDiffering === 0)}`,
      `logits within 1e-5 + 1.3e-6 |logit| (torch.testing's float32 tolerance): ${yes(float?.withinTolerance === true)}`,
      `logits within 1e-5 absolute: ${yes((float?.maxDifference ?? Infinity) <= 1e-5)}`,
      `int8 (onnx convention, integer form) identical: ${yes(exact.every((r) => r.differing === 0))}`,
    ].join('; '),
  );
  writeResult(datasetName === 'digits' ? 'onnx-check' : `onnx-check-${datasetName}`, {
    dataset: datasetName,
    seed,
    epochs: folder === undefined ? epochs : null,
    models: folder ?? null,
    onnxruntimeNode: VERSION,
    testRows: n,
    results,
  });
}

await main();
