// `kiln quantize` end to end: the quantized document and JSON summary, and clear refusals (exit 2)
// of a non-model file, inconsistent shapes, an unknown scheme and calibration data of other columns.
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, temporaryFolder } from '../helpers/cli.js';
import { writeTrainedModel } from '../helpers/model-documents.js';

let work = '';

beforeAll(() => {
  work = temporaryFolder();
  writeTrainedModel(work, 'iris', {
    model: { hidden: [8] },
    epochs: 5,
    seed: 1,
    precision: 'float32',
  });
});

describe('kiln quantize', () => {
  it('writes the quantized model and prints accuracies, bytes and the compression ratio', async () => {
    const { code, stdout, stderr } = await runCli(['quantize', 'model.json', '--json'], work);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      calibration: 'iris',
      calibrationRows: 120,
      evaluationRows: 30,
      weightBits: 8,
      scheme: 'per-channel',
      floatBytes: 4 * (4 * 8 + 8 + 8 * 3 + 3),
      quantizedBytes: 4 * 8 + 8 * 8 + 8 * 3 + 8 * 3,
    });
    expect(report.compressionRatio).toBeCloseTo(report.floatBytes / report.quantizedBytes, 12);
    for (const key of ['floatAccuracy', 'quantizedAccuracy'])
      expect(report[key]).toBeGreaterThan(0);
    const document = JSON.parse(readFileSync(join(work, 'model-int8.json'), 'utf8'));
    expect(document).toMatchObject({ format: 'kiln-mlp', version: 2 });
    const predicted = await runCli(
      [
        'predict',
        'model-int8.json',
        join(import.meta.dirname, '../../data/datasets/iris.csv'),
        '--json',
      ],
      work,
    );
    expect(predicted.code).toBe(0);
    expect(JSON.parse(predicted.stdout).accuracy).toBeGreaterThan(0);
  });

  it('takes the bits, scheme, observer and output path', async () => {
    const { code, stdout } = await runCli(
      [
        'quantize',
        'model.json',
        '--weights-bits',
        '4',
        '--scheme',
        'per-tensor',
        '--observer',
        'percentile',
        '--output',
        'q4.json',
      ],
      work,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /quantized 4-bit weights \(per-tensor\), 8-bit activations \(percentile, 120 calibration rows\)/,
    );
    expect(JSON.parse(readFileSync(join(work, 'q4.json'), 'utf8')).quantization).toMatchObject({
      weightBits: 4,
      scheme: 'per-tensor',
      observer: 'percentile',
    });
  });

  it('refuses a file that is not a model', async () => {
    writeFileSync(join(work, 'config.json'), JSON.stringify({ dataset: 'iris' }));
    const { code, stderr } = await runCli(['quantize', 'config.json'], work);
    expect(code).toBe(2);
    expect(stderr).toMatch(/config\.json: is not a kiln model: \/format is required/);
    expect(stderr).not.toMatch(/at .*\.ts/);
  });

  it('refuses a model whose weights do not fit its architecture', async () => {
    const model = JSON.parse(readFileSync(join(work, 'model.json'), 'utf8'));
    model.layers[0].weight.pop();
    writeFileSync(join(work, 'broken.json'), JSON.stringify(model));
    const { code, stderr } = await runCli(['quantize', 'broken.json'], work);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /broken\.json: is not a consistent kiln model \(1 error\)\n {2}\/layers\/0\/weight must hold 8 rows, one per output of the layer \(got 7\)/,
    );
  });

  it('refuses an unknown scheme', async () => {
    const { code, stderr } = await runCli(['quantize', 'model.json', '--scheme', 'per-row'], work);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /quantize: scheme must be one of "per-channel", "per-tensor" \(got "per-row"\)/,
    );
  });

  it('refuses calibration data without the columns the model reads', async () => {
    writeFileSync(join(work, 'other.csv'), 'a,b\n1,2\n');
    const { code, stderr } = await runCli(
      ['quantize', 'model.json', '--calibration', 'other.csv'],
      work,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/other\.csv:1: has no column "sepal length \(cm\)"/);
  });

  it('refuses calibration that is neither a dataset nor a file, and an output path it cannot write', async () => {
    const missing = await runCli(['quantize', 'model.json', '--calibration', 'nosuch'], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /nosuch: no such file, nor a dataset name \(--calibration takes a CSV file or one of iris, .*fashion-mnist\)/,
    );
    const blocked = await runCli(['quantize', 'model.json', '--output', 'model.json/q.json'], work);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(
      /model\.json\/q\.json: cannot write it \(a file of that name is in the way/,
    );
    expect(blocked.stderr).not.toMatch(/at .*\.(ts|js)/);
  });

  it('refuses to write the quantized model over the model it quantizes', async () => {
    const before = readFileSync(join(work, 'model.json'), 'utf8');
    symlinkSync(join(work, 'model.json'), join(work, 'link.json'));
    for (const output of ['model.json', './model.json', join(work, 'model.json'), 'link.json']) {
      const { code, stderr } = await runCli(['quantize', 'model.json', '--output', output], work);
      expect(code).toBe(2);
      expect(stderr).toBe(
        `kiln: --output must name a file other than the model it quantizes, ${join(work, 'model.json')} (got ${resolve(work, output)}); leave --output out to write the quantized model beside it\n`,
      );
    }
    const nf4 = await runCli(
      ['quantize', 'model.json', '--weights', 'nf4', '--output', 'model.json'],
      work,
    );
    expect(nf4.code).toBe(2);
    expect(readFileSync(join(work, 'model.json'), 'utf8')).toBe(before);
  });

  it('refuses a quantized model as input', async () => {
    const { code, stderr } = await runCli(['quantize', 'model-int8.json'], work);
    expect(code).toBe(2);
    expect(stderr).toMatch(/is a quantized model \(version 2\)/);
  });
});
