// `kiln train` with quantization-aware training fine-tuned from a model: the converted integer
// model is written beside model.json and summarized in the JSON output.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, temporaryFolder } from '../helpers/cli.js';

describe('kiln train with quantization', () => {
  it('fine-tunes from a model with fake-quantized weights and writes the integer model', async () => {
    const work = temporaryFolder();
    writeFileSync(
      join(work, 'base.json'),
      JSON.stringify({
        dataset: 'iris',
        model: { hidden: [8] },
        epochs: 3,
        seed: 1,
        output: 'base',
      }),
    );
    expect((await runCli(['train', 'base.json'], work)).code).toBe(0);
    writeFileSync(
      join(work, 'qat.json'),
      JSON.stringify({
        dataset: 'iris',
        model: { hidden: [8] },
        epochs: 2,
        seed: 1,
        optimizer: { type: 'adam', learningRate: 0.0001 },
        initialization: { from: 'base/model.json' },
        quantization: { weights: { bits: 4 }, freezeObserversEpoch: 1 },
        output: 'qat',
      }),
    );
    const { code, stdout, stderr } = await runCli(['train', 'qat.json', '--json'], work);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.quantization).toMatchObject({
      weights: { bits: 4, scheme: 'per-channel', range: 'full' },
      floatBytes: 4 * (4 * 8 + 8 + 8 * 3 + 3),
      quantizedBytes: 16 + 8 * 8 + 12 + 8 * 3,
    });
    for (const key of ['quantizedTestAccuracy', 'fakeQuantizedTestAccuracy', 'agreement'])
      expect(typeof summary.quantization[key]).toBe('number');
    expect(existsSync(join(work, 'qat', 'quantized-model.json'))).toBe(true);
    const result = JSON.parse(readFileSync(join(work, 'qat', 'result.json'), 'utf8'));
    expect(result.options.initialModel).toBeUndefined();
    expect(result.quantization.quantizedBytes).toBe(116);
  });

  it('refuses a model to start from that does not exist', async () => {
    const work = temporaryFolder();
    writeFileSync(
      join(work, 'qat.json'),
      JSON.stringify({ dataset: 'iris', epochs: 1, initialization: { from: 'missing.json' } }),
    );
    const { code, stderr } = await runCli(['train', 'qat.json'], work);
    expect(code).toBe(2);
    expect(stderr).toMatch(/missing\.json: no such file/);
  });
});
