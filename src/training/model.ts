// Trained models as JSON documents (architecture, weights, normalization, feature and class
// names), so that a model tuned or trained once can predict later: saving, loading, checking.
import { readFileSync } from 'node:fs';
import { validateAgainst } from '../config/validate.js';
import { DataFileError } from '../core/errors.js';
import { ACTIVATIONS } from './activations.js';
import type { Task } from './data/dataset.js';
import type { Normalization } from './data/normalization.js';
import type { Precision } from './kernels/dense-kernels.js';
import { LOSSES, type LossName } from './losses.js';
import { modelIssues } from './model-checks.js';
import { Network, type Architecture, type LayerWeights } from './network.js';

/** The JSON document of a trained model. */
export interface ModelDocument {
  format: 'kiln-mlp';
  version: 1;
  task: Task;
  /** Input columns, in the order the network reads them. */
  featureNames: string[];
  targetName: string;
  /** Classification: the class names, by output index. */
  classNames: string[];
  architecture: Architecture;
  loss: LossName;
  precision: Precision;
  /** Applied to raw features before the network. */
  normalization: Normalization;
  /** Per dense layer: weight[out][in] and bias[out]. */
  layers: LayerWeights[];
  /** How the model was trained (dataset, optimizer, epochs, seed, accuracies); informative. */
  training?: Record<string, unknown>;
}

const numbers = { type: 'array', items: { type: 'number' } };

/** The JSON Schema of a float model document (quantized documents reuse its parts). */
export const MODEL_SCHEMA = {
  type: 'object',
  required: [
    'format',
    'version',
    'task',
    'featureNames',
    'targetName',
    'classNames',
    'architecture',
    'loss',
    'precision',
    'normalization',
    'layers',
  ],
  properties: {
    format: { const: 'kiln-mlp' },
    version: { const: 1 },
    task: { enum: ['classification', 'regression'] },
    featureNames: { type: 'array', items: { type: 'string' }, minItems: 1 },
    targetName: { type: 'string' },
    classNames: { type: 'array', items: { type: 'string' } },
    architecture: {
      type: 'object',
      required: ['inputs', 'hidden', 'outputs', 'activation', 'negativeSlope', 'dropout'],
      properties: {
        inputs: { type: 'integer', minimum: 1 },
        hidden: { type: 'array', items: { type: 'integer', minimum: 1 } },
        outputs: { type: 'integer', minimum: 1 },
        activation: { enum: ACTIVATIONS },
        negativeSlope: { type: 'number' },
        dropout: numbers,
      },
    },
    loss: { enum: LOSSES },
    precision: { enum: ['float32', 'float64'] },
    normalization: {
      type: 'object',
      required: ['kind', 'shift', 'scale'],
      properties: {
        kind: { enum: ['standard', 'min-max', 'none'] },
        shift: numbers,
        scale: numbers,
      },
    },
    layers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['weight', 'bias'],
        properties: { weight: { type: 'array', items: numbers }, bias: numbers },
      },
    },
  },
};

/** Checks a parsed model document; errors name `source` and what is wrong. */
export function checkModel(data: unknown, source: string): ModelDocument {
  const issues = validateAgainst(MODEL_SCHEMA, data);
  if (issues.length > 0) {
    const first = issues
      .slice(0, 3)
      .map((i) => `${i.path || '(root)'} ${i.message}`)
      .join('; ');
    throw new DataFileError(source, undefined, `is not a kiln model: ${first}`);
  }
  const model = data as ModelDocument;
  const inconsistent = modelIssues(model);
  if (inconsistent.length > 0) {
    const count = inconsistent.length === 1 ? '1 error' : `${inconsistent.length} errors`;
    const lines = inconsistent.map((i) => `  ${i.path} ${i.message}`);
    throw new DataFileError(
      source,
      undefined,
      `is not a consistent kiln model (${count})\n${lines.join('\n')}`,
    );
  }
  try {
    buildNetwork(model, 1);
  } catch (error) {
    throw new DataFileError(
      source,
      undefined,
      `does not fit its architecture: ${(error as Error).message}`,
    );
  }
  return model;
}

/** Reads and parses a JSON file; errors name the file. */
export function readModelJson(path: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFileError(
      path,
      undefined,
      code === 'ENOENT' ? 'no such file' : `cannot read it (${String(code)})`,
    );
  }
  // JSON.parse's message quotes the text, which is noise for a binary file (an ONNX export, a
  // weights blob): say what the file is instead.
  if (looksBinary(bytes)) {
    throw new DataFileError(
      path,
      undefined,
      'is a binary file, not a kiln model (the JSON document kiln train writes; an exported .onnx file is not read back)',
    );
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new DataFileError(path, undefined, `is not valid JSON (${(error as Error).message})`);
  }
}

// A NUL byte or a control character other than tab, newline and carriage return in the first
// kilobyte: no JSON text holds one there.
function looksBinary(bytes: Buffer): boolean {
  const end = Math.min(bytes.length, 1024);
  for (let i = 0; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return true;
  }
  return false;
}

/** Reads and checks a model file written by `kiln train` (or {@link JSON.stringify} of a ModelDocument). */
export function readModel(path: string): ModelDocument {
  const data = readModelJson(path);
  if ((data as { version?: unknown } | null)?.version === 2) {
    throw new DataFileError(
      path,
      undefined,
      'is a quantized model (version 2); a float model (version 1, as kiln train writes) is needed here',
    );
  }
  return checkModel(data, path);
}

/** A network holding the model's weights, for blocks of up to `capacity` samples. */
export function buildNetwork(model: ModelDocument, capacity: number): Network {
  const network = new Network(model.architecture, model.precision, capacity);
  network.importWeights(model.layers);
  return network;
}
