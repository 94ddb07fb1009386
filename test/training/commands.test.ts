// `kiln train` and `kiln predict` end to end: outputs, JSON documents and clear errors.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { main } from '../../src/cli.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';

function writeConfig(folder: string, config: Record<string, unknown>): string {
  const path = join(folder, 'train.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describe('kiln train', () => {
  it('trains, prints a JSON summary and writes the model, result and history', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, {
      dataset: 'iris',
      model: { hidden: [8] },
      epochs: 3,
      seed: 2,
      output: 'out',
    });
    const { code, stdout, stderr } = await runCli(['train', config, '--json'], work);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    for (const key of [
      'trainAccuracy',
      'validationAccuracy',
      'testAccuracy',
      'epochs',
      'elapsedMs',
      'samplesPerSecond',
    ])
      expect(summary).toHaveProperty(key);
    expect(summary).toMatchObject({
      dataset: 'iris',
      network: '4-8-3',
      epochs: 3,
      seed: 2,
      samples: { train: 120, validation: 0, test: 30 },
    });
    for (const file of ['model.json', 'result.json', 'history.csv', 'config.json'])
      expect(existsSync(join(work, 'out', file))).toBe(true);
    expect(
      readFileSync(join(work, 'out', 'history.csv'), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(4);
  });

  it('prints a human summary, and --seed overrides the config', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, { dataset: 'wine', model: { hidden: [4] }, epochs: 2 });
    const { code, stdout } = await runCli(['train', config, '--seed', '5'], work);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^wine: 13-4-3 relu, adam \(learning rate 0\.001\), batch 32, float64, seed 5\n/,
    );
    expect(stdout).toMatch(/accuracy {6}train \d\.\d{4} {2}validation - {2}test \d\.\d{4}/);
  });

  it('draws a progress bar with the loss and accuracy of each epoch on a terminal', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, {
      dataset: 'iris',
      model: { hidden: [4] },
      epochs: 3,
      validationFraction: 0.2,
    });
    const chunks: string[] = [];
    const sink = (): Writable =>
      new Writable({
        write(chunk: Buffer | string, _encoding, callback) {
          chunks.push(String(chunk));
          callback();
        },
      });
    const stderr = Object.assign(sink(), { isTTY: true, columns: 160 });
    const code = await main(['train', config], { stdout: sink(), stderr, cwd: work });
    expect(code).toBe(0);
    const drawn = chunks.join('');
    expect(drawn).toMatch(
      /epoch 3\/3 {2}loss \S+ {2}acc \d\.\d{3} {2}val loss \S+ {2}val acc \d\.\d{3}/,
    );
    expect(drawn).toContain('100%');
  });

  it('cross-validates before training when asked', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, {
      dataset: 'iris',
      model: { hidden: [4] },
      epochs: 2,
      crossValidation: { folds: 3 },
    });
    const { code, stdout } = await runCli(['train', config, '--json'], work);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(
      summary.crossValidation.folds.map((f: { validationSamples: number }) => f.validationSamples),
    ).toEqual([40, 40, 40]);
    expect(summary.crossValidation.meanValidationAccuracy).toBeGreaterThanOrEqual(0);
    const human = await runCli(['train', config], work);
    expect(human.stdout).toMatch(/cross-valid\. {2}3 folds: accuracy \d\.\d{4} \+- \d\.\d{4}/);
  });

  it('reads a CSV dataset relative to the config, with a named target column', async () => {
    const work = temporaryFolder();
    const rows = Array.from(
      { length: 40 },
      (_, i) => `${i % 7},${(i * 3) % 5},${i % 2 === 0 ? 'even' : 'odd'}`,
    );
    writeFileSync(join(work, 'data.csv'), `a,b,parity\n${rows.join('\n')}\n`);
    const config = writeConfig(work, {
      dataset: { path: 'data.csv', target: 'parity' },
      epochs: 2,
      model: { hidden: [3] },
    });
    const { code, stdout } = await runCli(['train', config, '--json'], work);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ dataset: 'data', samples: { train: 32, test: 8 } });
  });

  it('rejects a bad config before training, with exit code 2', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, {
      dataset: 'irs',
      optimizer: { type: 'adam', learningRate: -1 },
    });
    const { code, stderr } = await runCli(['train', config], work);
    expect(code).toBe(2);
    expect(stderr).toContain(
      '/dataset must be one of "iris", "wine", "breast_cancer", "digits", "fashion-mnist-small", "fashion-mnist" (got "irs") (did you mean "iris"?)',
    );
    expect(stderr).toContain('/optimizer/learningRate must be >= 0 (got -1)');
    const unknown = writeConfig(work, { dataset: 'iris', optimizer: { type: 'adamm' } });
    const second = await runCli(['train', unknown], work);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('/optimizer/type must be one of "sgd", "momentum", "nesterov"');
    expect(second.stderr).toContain('(did you mean "adam"?)');
  });

  it('rejects numbers too large for a double (1e999) at their paths, before training', async () => {
    const work = temporaryFolder();
    const config = join(work, 'train.json');
    // JSON.parse reads 1e999 as Infinity, which bounds such as `minimum: 0` let through.
    writeFileSync(
      config,
      '{"dataset":"iris","output":"out","model":{"hidden":[4],"l2":1e999},' +
        '"optimizer":{"type":"sgd","learningRate":1e999},' +
        '"distillation":{"teacher":"t.json","temperature":1e999}}',
    );
    const { code, stderr } = await runCli(['train', config], work);
    expect(code).toBe(2);
    expect(stderr).toContain(`${config}: 3 errors`);
    expect(stderr).toContain('/model/l2 must be a finite number (got Infinity)');
    expect(stderr).toContain('/optimizer/learningRate must be a finite number (got Infinity)');
    expect(stderr).toContain('/distillation/temperature must be a finite number (got Infinity)');
    expect(existsSync(join(work, 'out'))).toBe(false);
  });

  it('refuses a network that outgrows WebAssembly memory, naming model.hidden', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, {
      dataset: 'iris',
      model: { hidden: [30000, 30000] },
      epochs: 1,
      output: 'out',
    });
    const { code, stderr } = await runCli(['train', config], work);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `kiln: ${config}: 1 error\n` +
        '  /model/hidden asks for a network needing 27.1 GiB of WebAssembly memory (parameters, ' +
        'gradients, optimizer state and activations), above its limit of 4.0 GiB ' +
        '(use fewer or narrower hidden layers)\n',
    );
    expect(existsSync(join(work, 'out', 'model.json'))).toBe(false);
  });

  it('writes no model when the loss diverges, and exits 3', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, {
      dataset: 'iris',
      model: { hidden: [4] },
      epochs: 5,
      seed: 1,
      optimizer: { type: 'sgd', learningRate: 1e300 },
      output: 'out',
    });
    const { code, stdout, stderr } = await runCli(['train', config], work);
    expect(code).toBe(3);
    expect(stdout).toContain('stopped: the loss diverged');
    expect(stdout).not.toContain('model.json');
    expect(stderr).toBe(
      'kiln: training diverged at epoch 1 (the loss is not a finite number), so no model was ' +
        'written; lower optimizer.learningRate or set gradientClipping\n',
    );
    expect(existsSync(join(work, 'out', 'model.json'))).toBe(false);
    for (const file of ['config.json', 'result.json', 'history.csv'])
      expect(existsSync(join(work, 'out', file))).toBe(true);
  });

  it("removes an earlier run's model from the folder of a run that diverges", async () => {
    const work = temporaryFolder();
    const run = (learningRate: number) =>
      runCli(
        [
          'train',
          writeConfig(work, {
            dataset: 'iris',
            model: { hidden: [4] },
            epochs: 2,
            seed: 1,
            optimizer: { type: 'sgd', learningRate },
            output: 'out',
          }),
        ],
        work,
      );
    expect((await run(0.01)).code).toBe(0);
    expect(existsSync(join(work, 'out', 'model.json'))).toBe(true);
    expect((await run(1e300)).code).toBe(3);
    // The folder holds the diverged run's config and result, so no model of another run.
    expect(existsSync(join(work, 'out', 'model.json'))).toBe(false);
  });

  it('names the config file and path of options checked against the dataset', async () => {
    const work = temporaryFolder();
    const folds = writeConfig(work, {
      dataset: 'iris',
      model: { hidden: [4] },
      epochs: 1,
      crossValidation: { folds: 500 },
    });
    const first = await runCli(['train', folds], work);
    expect(first.code).toBe(2);
    expect(first.stderr).toBe(
      `kiln: ${folds}: 1 error\n` +
        '  /crossValidation/folds must be an integer in [2, 120], at most the training rows (got 500)\n',
    );
    const split = writeConfig(work, {
      dataset: 'iris',
      epochs: 1,
      split: { train: [0, 1, 150], validation: [], test: [3] },
    });
    const second = await runCli(['train', split], work);
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(
      `kiln: ${split}: 1 error\n  /split/train/2 must be a row index below 150 (got 150)\n`,
    );
  });

  it('names the config file and path of a class that the dataset does not have', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, { dataset: 'digits', classes: ['1', 'x'], epochs: 1 });
    const { code, stderr } = await runCli(['train', config], work);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `kiln: ${config}: 1 error\n` +
        '  /classes/1 must name a class of digits, one of 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 (got "x")\n',
    );
    const tune = join(work, 'tune.json');
    writeFileSync(
      tune,
      JSON.stringify({
        problem: { type: 'mlp-architecture', dataset: 'digits', classes: ['1', ['1', '2']] },
        budget: { evaluations: 1 },
      }),
    );
    const tuned = await runCli(['tune', tune, '--workers', '1'], work);
    expect(tuned.code).toBe(2);
    expect(tuned.stderr).toBe(
      `kiln: ${tune}: 1 error\n  /problem/classes must name each class once (got "1" twice)\n`,
    );
  });

  it('refuses split options that contradict each other or leave no training rows', async () => {
    const work = temporaryFolder();
    const refusal = async (config: Record<string, unknown>): Promise<string> => {
      const path = writeConfig(work, { dataset: 'iris', epochs: 1, output: 'out', ...config });
      const { code, stderr } = await runCli(['train', path], work);
      expect(code).toBe(2);
      expect(stderr.startsWith(`kiln: ${path}: 1 error\n  `)).toBe(true);
      return stderr.slice(`kiln: ${path}: 1 error\n  `.length);
    };
    expect(await refusal({ testFraction: 0.999 })).toBe(
      '/testFraction must leave rows to train on (got 0.999: it holds out all 150 samples) ' +
        '(lower testFraction)\n',
    );
    expect(await refusal({ testFraction: 0.5, validationFraction: 0.999 })).toBe(
      '/validationFraction must leave rows to train on (got 0.999: it holds out all 75 of the ' +
        '75 samples left after the 75 test rows) (lower validationFraction)\n',
    );
    expect(await refusal({ split: { train: [0, 1, 50, 51, 100], validation: [2, 100] } })).toBe(
      '/split/validation/1 must not be a row of split.train too (got 100) (a row in two parts ' +
        'is trained on and measured, or measured twice)\n',
    );
    expect(
      await refusal({ split: { train: [0, 1, 50], validation: [2], test: [3, 2] } }),
    ).toContain('/split/test/1 must not be a row of split.validation too (got 2)');
    expect(await refusal({ split: { train: [0, 1, 50, 51, 100] }, validationFraction: 0.3 })).toBe(
      '/validationFraction must be left out with split, whose rows replace the fractions ' +
        '(got 0.3) (list those rows in split.validation, or leave split out)\n',
    );
    expect(await refusal({ split: { train: [0, 1, 50] }, testFraction: 0.2 })).toContain(
      '/testFraction must be left out with split',
    );
    expect(existsSync(join(work, 'out', 'model.json'))).toBe(false);
    // The folds validate on their held-out rows; the training after them on validationFraction.
    const folds = writeConfig(work, {
      dataset: 'iris',
      epochs: 1,
      crossValidation: { folds: 3 },
      validationFraction: 0.2,
    });
    const crossValidated = await runCli(['train', folds, '--json'], work);
    expect(crossValidated.code, crossValidated.stderr).toBe(0);
  });

  it('refuses a labelSeed without a labelFraction below 1, which would ignore it', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, { dataset: 'iris', epochs: 1, labelSeed: 4 });
    const { code, stderr } = await runCli(['train', config], work);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `kiln: ${config}: 1 error\n` +
        '  /labelSeed must be left out without a labelFraction below 1, which keeps every label ' +
        '(got 4) (set labelFraction, or remove labelSeed)\n',
    );
    const tune = join(work, 'tune.json');
    writeFileSync(
      tune,
      JSON.stringify({
        problem: { type: 'mlp-architecture', dataset: 'iris', labelSeed: 4 },
        budget: { evaluations: 1 },
      }),
    );
    const tuned = await runCli(['tune', tune, '--workers', '1'], work);
    expect(tuned.code).toBe(2);
    expect(tuned.stderr).toContain(
      '  /problem/labelSeed must be left out without a labelFraction below 1',
    );
  });

  it('says where a CSV file given at the top level of a train config belongs', async () => {
    const work = temporaryFolder();
    // A tune config's trainer problem takes path and target at its top level; a train config
    // takes them inside dataset.
    const config = writeConfig(work, { path: 'data.csv', target: 'parity', epoks: 2 });
    const { code, stderr } = await runCli(['train', config], work);
    expect(code).toBe(2);
    const moved = '"dataset": {"path":"data.csv","target":"parity"}';
    expect(stderr).toContain(`/path belongs inside "dataset" in a train config: ${moved}`);
    expect(stderr).toContain(`/target belongs inside "dataset" in a train config: ${moved}`);
    expect(stderr).toContain('(did you mean "epochs"?)');
    expect(stderr).not.toContain('/dataset is required');
    expect(stderr).toContain('3 errors');
  });

  it('names the row and column of a bad CSV value', async () => {
    const work = temporaryFolder();
    writeFileSync(join(work, 'bad.csv'), 'x,y,target\n1,2,0\n3,abc,1\n');
    const config = writeConfig(work, { dataset: { path: 'bad.csv' } });
    const { code, stderr } = await runCli(['train', config], work);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `kiln: ${join(work, 'bad.csv')}:3: row 2, column 2 ("y"): "abc" is not a finite number\n`,
    );
  });
});

describe('kiln predict', () => {
  it('predicts a CSV with a trained model, as CSV with the accuracy, or as JSON', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, {
      dataset: 'iris',
      model: { hidden: [8] },
      epochs: 30,
      optimizer: { type: 'adam', learningRate: 0.02 },
      output: 'out',
    });
    expect((await runCli(['train', config], work)).code).toBe(0);
    // Columns in another order, and without the target: matched by name.
    writeFileSync(
      join(work, 'new.csv'),
      'petal width (cm),petal length (cm),sepal width (cm),sepal length (cm)\n0.2,1.4,3.5,5.1\n2.3,5.9,3.0,6.8\n',
    );
    const csv = await runCli(['predict', 'out/model.json', 'new.csv'], work);
    expect(csv.code).toBe(0);
    expect(csv.stderr).toBe('');
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('row,prediction,probability');
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['0', '2']);
    const iris = join(work, '..', 'iris.csv');
    writeFileSync(iris, readFileSync(new URL('../../data/datasets/iris.csv', import.meta.url)));
    const json = await runCli(['predict', 'out/model.json', iris, '--json'], work);
    const report = JSON.parse(json.stdout);
    expect(report.rows).toBe(150);
    expect(report.accuracy).toBeGreaterThan(0.8);
    expect(report.confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(150);
    expect(report.probabilities[0]).toHaveLength(3);
    const human = await runCli(['predict', 'out/model.json', iris], work);
    expect(human.stderr).toMatch(/^accuracy 0\.\d{4} \(\d+ of 150 rows\)\n$/);
  });

  it('refuses target labels that are not classes of the model, naming line and label', async () => {
    const work = temporaryFolder();
    const config = writeConfig(work, { dataset: 'iris', model: { hidden: [4] }, epochs: 1 });
    expect((await runCli(['train', config, '--output', 'out'], work)).code).toBe(0);
    const header = 'sepal length (cm),sepal width (cm),petal length (cm),petal width (cm),target';
    const data = join(work, 'labels.csv');
    writeFileSync(data, `${header}\n5.1,3.5,1.4,0.2,0\n6.0,2.9,4.5,1.5,lbl1\n6.3,3.3,6,2.5,lbl0\n`);
    const { code, stdout, stderr } = await runCli(['predict', 'out/model.json', data], work);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `kiln: ${data}:3: row 2, column 5 ("target"): "lbl1" is not a class of the model; its ` +
        'classes are "0", "1", "2", and 1 more row holds a label it does not know\n',
    );
    // Labels written as numbers match the class names as numbers.
    writeFileSync(data, `${header}\n5.1,3.5,1.4,0.2,0.0\n`);
    expect((await runCli(['predict', 'out/model.json', data], work)).code).toBe(0);
  });

  it('predicts regression targets and reports the root mean squared error', async () => {
    const work = temporaryFolder();
    const rows = Array.from({ length: 60 }, (_, i) => `${i / 30 - 1},${3 * (i / 30 - 1)}`);
    writeFileSync(join(work, 'line.csv'), `x,y\n${rows.join('\n')}\n`);
    const config = writeConfig(work, {
      dataset: { path: 'line.csv', target: 'y', task: 'regression' },
      model: { hidden: [] },
      optimizer: { type: 'adam', learningRate: 0.05 },
      epochs: 100,
      output: 'out',
    });
    expect((await runCli(['train', config], work)).code).toBe(0);
    const { code, stdout, stderr } = await runCli(['predict', 'out/model.json', 'line.csv'], work);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('row,prediction');
    expect(Number(stdout.split('\n')[1]?.split(',')[1])).toBeCloseTo(-3, 1);
    expect(stderr).toMatch(/^root mean squared error \d/);
  });

  it('refuses a file that is not a model and a CSV without the model columns', async () => {
    const work = temporaryFolder();
    writeFileSync(join(work, 'model.json'), '{"format": "other"}');
    writeFileSync(join(work, 'x.csv'), 'a,b\n1,2\n');
    const notModel = await runCli(['predict', 'model.json', 'x.csv'], work);
    expect(notModel.code).toBe(2);
    expect(notModel.stderr).toMatch(/model\.json: is not a kiln model/);
    const config = writeConfig(work, {
      dataset: 'iris',
      model: { hidden: [2] },
      epochs: 1,
      output: 'out',
    });
    await runCli(['train', config], work);
    const missing = await runCli(['predict', 'out/model.json', 'x.csv'], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      'x.csv:1: has no column "sepal length (cm)", "sepal width (cm)"',
    );
  });
});
