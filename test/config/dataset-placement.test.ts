// A train config's dataset block written as a trainer problem's `dataset` in a tune, run or batch
// config: one issue saying where a CSV file goes, in place of the schema's list of names.
import { describe, expect, it } from 'vitest';
import { placeDatasetIssues } from '../../src/config/dataset-placement.js';
import { validateBatchConfig } from '../../src/config/batch-config.js';
import { ConfigError } from '../../src/core/errors.js';

const NAMES = 'must be one of "iris", "wine"';

describe('a dataset block in a trainer problem', () => {
  it('is reported with where its CSV fields go, other issues kept', () => {
    const data = {
      problem: { type: 'mlp-hyperparameters', dataset: { path: 'd.csv', target: 'y', task: 'x' } },
    };
    const issues = placeDatasetIssues(data, [
      { path: '/problem/dataset', message: NAMES },
      { path: '/problem/dataset/task', message: 'is not allowed here' },
      { path: '/budget', message: 'is required' },
    ]);
    expect(issues).toEqual([
      {
        path: '/problem/dataset',
        message: expect.stringContaining('is a dataset block as a train config writes it'),
        hint: 'write "path": "d.csv", "target": "y" in the problem and leave "dataset" out',
      },
      { path: '/budget', message: 'is required' },
    ]);
  });

  it('points IDX files to kiln train', () => {
    const data = { problem: { dataset: { format: 'idx', images: 'a', labels: 'b' } } };
    const [issue] = placeDatasetIssues(data, [{ path: '/problem/dataset', message: NAMES }]);
    expect(issue?.hint).toMatch(/IDX files are read by kiln train only/);
  });

  it('leaves a misspelt name and other blocks alone', () => {
    const misspelt = [{ path: '/problem/dataset', message: NAMES, hint: 'did you mean "iris"?' }];
    expect(placeDatasetIssues({ problem: { dataset: 'irs' } }, misspelt)).toEqual(misspelt);
    const other = [{ path: '/problem/dataset', message: NAMES }];
    expect(placeDatasetIssues({ problem: { dataset: { name: 'iris' } } }, other)).toEqual(other);
  });

  it('is found in a batch config by its entry', () => {
    const batch = {
      problems: [
        { type: 'rastrigin', dimension: 2 },
        { type: 'mlp-hyperparameters', dataset: { path: 'd.csv', target: 'y' } },
      ],
      solvers: [{ type: 'random-search' }],
      budget: { evaluations: 4 },
      seeds: [1],
    };
    let error: unknown;
    try {
      validateBatchConfig(batch, 'batch.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      expect.objectContaining({
        path: '/problems/1/dataset',
        hint: 'write "path": "d.csv", "target": "y" in the problem and leave "dataset" out',
      }),
    ]);
  });
});
