// Dataset transforms for transfer tasks: mirrored, inverted and permuted images, class selection.
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import { loadDataset } from '../../src/training/data/datasets.js';
import { selectClasses, transformDataset } from '../../src/training/data/transforms.js';

const digits = loadDataset('digits');

describe('image transforms', () => {
  it('mirror reads feature r*8 + (7 - c) for pixel (r, c)', () => {
    const mirrored = transformDataset(digits, { type: 'mirror' });
    for (const sample of [0, 17, 1796])
      for (let r = 0; r < 8; r++)
        for (let c = 0; c < 8; c++)
          expect(mirrored.features[sample * 64 + r * 8 + c]).toBe(
            digits.features[sample * 64 + r * 8 + 7 - c],
          );
    expect(mirrored.labels).toEqual(digits.labels);
    expect(mirrored.split).toEqual(digits.split);
    expect(transformDataset(mirrored, { type: 'mirror' }).features).toEqual(digits.features);
  });

  it('invert maps x to min + max - x; permute-pixels is a fixed permutation per seed', () => {
    const inverted = transformDataset(digits, { type: 'invert' });
    expect(inverted.features[0]).toBe(16 - (digits.features[0] as number));
    const a = transformDataset(digits, { type: 'permute-pixels', seed: 3 });
    const b = transformDataset(digits, { type: 'permute-pixels', seed: 3 });
    const c = transformDataset(digits, { type: 'permute-pixels', seed: 4 });
    expect(a.features).toEqual(b.features);
    expect(a.features).not.toEqual(c.features);
    const sorted = (x: ArrayLike<number>): number[] => Array.from(x).sort((p, q) => p - q);
    expect(sorted(a.features.subarray(0, 64))).toEqual(sorted(digits.features.subarray(0, 64)));
  });

  it('refuses images that are not square', () => {
    const wine = loadDataset('wine');
    const mirror = (): unknown => transformDataset(wine, { type: 'mirror' }, 'c.json');
    expect(mirror).toThrow(ParameterError);
    expect(mirror).toThrow(
      'c.json: transform needs square images, side x side features (got 13 features)',
    );
  });
});

describe('class selection', () => {
  it('keeps the named classes, relabels them in order, merges inner lists and remaps the split', () => {
    const selected = selectClasses(digits, ['7', ['1', '2']]);
    expect(selected.classNames).toEqual(['7', '1+2']);
    const expected = Array.from(digits.labels).filter((l) => l === 7 || l === 1 || l === 2).length;
    expect(selected.samples).toBe(expected);
    expect(Array.from(selected.labels).filter((l) => l === 0).length).toBe(
      Array.from(digits.labels).filter((l) => l === 7).length,
    );
    const split = selected.split as { train: number[]; test: number[] };
    expect(split.train.length + split.test.length).toBe(expected);
    expect(Math.max(...split.train, ...split.test)).toBeLessThan(expected);
  });

  it('names an unknown or repeated class', () => {
    expect(() => selectClasses(digits, ['1', 'x'])).toThrow(
      'classes: classes[1] must name a class of digits, one of 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 (got "x")',
    );
    expect(() => selectClasses(digits, ['1', ['1', '2']])).toThrow(
      'classes: classes must name each class once (got "1" twice)',
    );
  });
});
