// Model documents are checked for consistency before predicting: class names per output,
// layer shapes, finite numbers, non-zero normalization scales, every issue at once.
import { describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/core/errors.js';
import { loadDataset } from '../../src/training/data/datasets.js';
import { checkModel, type ModelDocument } from '../../src/training/model.js';
import { train } from '../../src/training/train.js';

const iris = loadDataset('iris');
const model = train(iris, { model: { hidden: [4] }, epochs: 1, seed: 1 }).model;
const copy = (): ModelDocument => structuredClone(model);

function message(document: unknown): string {
  try {
    checkModel(document, 'model.json');
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    return (error as Error).message;
  }
  throw new Error('the model was accepted');
}

describe('checkModel', () => {
  it('accepts a model as kiln train writes it', () => {
    expect(checkModel(copy(), 'model.json').classNames).toHaveLength(3);
  });

  it('refuses fewer class names than outputs', () => {
    const short = copy();
    short.classNames = short.classNames.slice(0, 2);
    expect(message(short)).toMatch(
      /model\.json: is not a consistent kiln model \(1 error\)\n {2}\/classNames must hold one name per output of the network, 3 \(got 2/,
    );
  });

  it('refuses a zero normalization scale, an infinite weight and a NaN bias, all at once', () => {
    const broken = copy();
    broken.normalization.scale[1] = 0;
    (broken.layers[0]?.weight[2] as number[])[3] = Infinity;
    (broken.layers[1]?.bias as number[])[0] = NaN;
    const text = message(broken);
    expect(text).toContain('(3 errors)');
    expect(text).toContain('/normalization/scale/1 must not be 0');
    expect(text).toContain('/layers/0/weight/2/3 must be a finite number (got Infinity)');
    expect(text).toContain('/layers/1/bias/0 must be a finite number (got NaN)');
  });

  it('refuses layers whose shapes do not fit the architecture', () => {
    const broken = copy();
    (broken.layers[0]?.weight[0] as number[]).pop();
    broken.layers[1]?.bias.push(0);
    const text = message(broken);
    expect(text).toContain(
      '/layers/0/weight/0 must hold 4 values, one per input of the layer (got 3)',
    );
    expect(text).toContain(
      '/layers/1/bias must hold 3 values, one per output of the layer (got 4)',
    );
  });

  it('refuses a binary-cross-entropy model without exactly two class names', () => {
    const broken = copy();
    broken.loss = 'binary-cross-entropy';
    expect(message(broken)).toContain(
      '/classNames must hold 2 names for loss binary-cross-entropy (got 3)',
    );
  });
});
