// `kiln quantize --weights nf4` writes an NF4 model (version 3) that kiln predict runs as the
// float model of its dequantized weights.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModel } from '../../src/training/model.js';
import { dequantizeNf4, quantizeNf4 } from '../../src/training/nf4/nf4.js';
import { readAnyModel } from '../../src/training/read-any-model.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';

describe('kiln quantize --weights nf4', () => {
  it('writes an NF4 model about 7x smaller that kiln predict runs', async () => {
    const work = temporaryFolder();
    writeFileSync(
      join(work, 'base.json'),
      JSON.stringify({
        dataset: 'digits',
        model: { hidden: [64] },
        epochs: 3,
        seed: 1,
        precision: 'float32',
        output: 'base',
      }),
    );
    expect((await runCli(['train', 'base.json'], work)).code).toBe(0);
    const { code, stdout, stderr } = await runCli(
      ['quantize', 'base/model.json', '--weights', 'nf4', '--json'],
      work,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      weights: 'nf4',
      type: 'nf4',
      blockSize: 64,
      doubleQuantization: true,
      output: join(work, 'base', 'model-nf4.json'),
    });
    expect(report.compressionRatio).toBeGreaterThan(6.5);
    expect(Math.abs(report.floatAccuracy - report.quantizedAccuracy)).toBeLessThan(0.02);
    const document = JSON.parse(readFileSync(report.output, 'utf8'));
    expect(document.version).toBe(3);
    const float = readModel(join(work, 'base', 'model.json'));
    const loaded = readAnyModel(report.output);
    const expected = dequantizeNf4(
      quantizeNf4(float.layers[0]?.weight.flat() ?? [], { doubleQuantization: true }),
    );
    expect(loaded.layers[0]?.weight.flat()).toEqual(Array.from(expected));
    const header = float.featureNames.join(',');
    const row = float.featureNames.map(() => '1').join(',');
    writeFileSync(join(work, 'rows.csv'), `${header}\n${row}\n`);
    const predicted = await runCli(['predict', report.output, 'rows.csv', '--json'], work);
    expect(predicted.stderr).toBe('');
    expect(predicted.code).toBe(0);
  });

  it('refuses a damaged NF4 model with the JSON path, exit code 2', async () => {
    const work = temporaryFolder();
    writeFileSync(
      join(work, 'base.json'),
      JSON.stringify({ dataset: 'iris', model: { hidden: [4] }, epochs: 1, output: 'base' }),
    );
    expect((await runCli(['train', 'base.json'], work)).code).toBe(0);
    expect(
      (
        await runCli(
          ['quantize', 'base/model.json', '--weights', 'nf4', '--output', 'n.json'],
          work,
        )
      ).code,
    ).toBe(0);
    const document = JSON.parse(readFileSync(join(work, 'n.json'), 'utf8'));
    document.layers[0].packed = 'AAAA';
    writeFileSync(join(work, 'n.json'), JSON.stringify(document));
    writeFileSync(join(work, 'rows.csv'), `${document.featureNames.join(',')}\n1,2,3,4\n`);
    const { code, stderr } = await runCli(['predict', 'n.json', 'rows.csv'], work);
    expect(code).toBe(2);
    expect(stderr).toContain('n.json: /layers/0/packed must hold 8 bytes (got 3)');
  });

  it('refuses integer-quantizer options, which NF4 would ignore, before any work', async () => {
    const work = temporaryFolder();
    writeFileSync(
      join(work, 'base.json'),
      JSON.stringify({ dataset: 'iris', model: { hidden: [4] }, epochs: 1, output: 'base' }),
    );
    expect((await runCli(['train', 'base.json'], work)).code).toBe(0);
    const bits = await runCli(
      ['quantize', 'base/model.json', '--weights', 'nf4', '--weights-bits', '4'],
      work,
    );
    expect(bits.code).toBe(2);
    expect(bits.stderr).toBe(
      'kiln: --weights nf4 takes no --weights-bits (got --weights-bits 4): its weights are 4-bit ' +
        'NormalFloat in blocks of 64, with float activations; leave --weights-bits out, or use ' +
        '--weights int for integer weights\n',
    );
    const two = await runCli(
      [
        'quantize',
        'base/model.json',
        '--weights',
        'nf4',
        '--scheme',
        'per-tensor',
        '--observer',
        'percentile',
      ],
      work,
    );
    expect(two.code).toBe(2);
    expect(two.stderr).toContain(
      '--weights nf4 takes no --scheme, --observer (got --scheme per-tensor, --observer percentile)',
    );
    expect(existsSync(join(work, 'base', 'model-nf4.json'))).toBe(false);
    const int = await runCli(
      ['quantize', 'base/model.json', '--weights-bits', '4', '--json'],
      work,
    );
    expect(int.code, int.stderr).toBe(0);
    expect(JSON.parse(int.stdout)).toMatchObject({ weightBits: 4, scheme: 'per-channel' });
  });
});
