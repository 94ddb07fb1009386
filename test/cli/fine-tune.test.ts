// `kiln train` with LoRA writes adapter.json (and the merged model with merge), reports the memory
// accounting; `kiln merge` rebuilds the merged model and refuses an adapter of another base.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModel } from '../../src/training/model.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';

let work: string;

beforeAll(async () => {
  work = temporaryFolder();
  for (const [name, seed] of [
    ['base', 1],
    ['other', 2],
  ] as const) {
    writeFileSync(
      join(work, `${name}.json`),
      JSON.stringify({ dataset: 'digits', model: { hidden: [32] }, epochs: 2, seed, output: name }),
    );
    expect((await runCli(['train', `${name}.json`], work)).code).toBe(0);
  }
});

describe('kiln train with lora, and kiln merge', () => {
  it('refuses a rank whose network outgrows WebAssembly memory, naming lora.rank', async () => {
    const config = (rank: number): Record<string, unknown> => ({
      dataset: 'digits',
      initialization: { from: 'base/model.json' },
      lora: { rank },
      epochs: 1,
      output: 'huge-rank',
    });
    writeFileSync(join(work, 'huge-rank.json'), JSON.stringify(config(20000)));
    const { code, stderr } = await runCli(['train', 'huge-rank.json'], work);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `kiln: ${join(work, 'huge-rank.json')}: 1 error\n` +
        '  /lora/rank asks for a network needing 6.2 GiB of WebAssembly memory (parameters, ' +
        'gradients, optimizer state and activations), above its limit of 4.0 GiB (use a smaller rank)\n',
    );
    expect(existsSync(join(work, 'huge-rank', 'model.json'))).toBe(false);
    writeFileSync(join(work, 'huge-rank.json'), JSON.stringify(config(100000)));
    const past = await runCli(['train', 'huge-rank.json'], work);
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('/lora/rank must be <= 32768 (got 100000)');
  });

  it('names the config file and freeze when nothing is left to train', async () => {
    writeFileSync(
      join(work, 'all-frozen.json'),
      JSON.stringify({
        dataset: 'digits',
        initialization: { from: 'base/model.json' },
        freeze: 'all',
        epochs: 1,
      }),
    );
    const { code, stderr } = await runCli(['train', 'all-frozen.json'], work);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `kiln: ${join(work, 'all-frozen.json')}: 1 error\n` +
        '  /freeze leaves nothing to train (got "all") (add newHead, lora, or unfreeze a layer)\n',
    );
  });

  it('writes adapter.json and the merged model.json, with the memory figures in --json', async () => {
    writeFileSync(
      join(work, 'lora.json'),
      JSON.stringify({
        dataset: 'digits',
        transform: { type: 'mirror' },
        initialization: { from: 'base/model.json' },
        lora: { rank: 2 },
        merge: true,
        epochs: 2,
        seed: 1,
        output: 'lora',
      }),
    );
    const { code, stdout, stderr } = await runCli(['train', 'lora.json', '--json'], work);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      trainableParameters: 2 * (64 + 32) + 2 * (32 + 10),
      frozenParameters: 64 * 32 + 32 + 32 * 10 + 10,
      baseBytes: 8 * (64 * 32 + 32 + 32 * 10 + 10),
      adapterBytes: 8 * 276,
      optimizerStateBytes: 2 * 8 * 276,
      adapter: join(work, 'lora', 'adapter.json'),
      model: join(work, 'lora', 'model.json'),
    });
    expect(summary.peakRssBytes).toBeGreaterThan(0);
    expect(summary.samplesPerSecond).toBeGreaterThan(0);
    const merged = await runCli(
      ['merge', 'base/model.json', 'lora/adapter.json', '--output', 'merged.json', '--json'],
      work,
    );
    expect(merged.code).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'merged.json'), 'utf8')).layers).toEqual(
      JSON.parse(readFileSync(join(work, 'lora', 'model.json'), 'utf8')).layers,
    );
    // A complete model that kiln's readers accept.
    expect(readModel(join(work, 'merged.json')).architecture.hidden).toEqual([32]);

    // A folder that does not exist yet is created, as kiln quantize and export do.
    const nested = await runCli(
      ['merge', 'base/model.json', 'lora/adapter.json', '--output', 'new/dir/merged.json'],
      work,
    );
    expect(nested.code, nested.stderr).toBe(0);
    expect(readFileSync(join(work, 'new', 'dir', 'merged.json'), 'utf8')).toBe(
      readFileSync(join(work, 'merged.json'), 'utf8'),
    );
    // A file where the folder should be is named in the error.
    const blocked = await runCli(
      ['merge', 'base/model.json', 'lora/adapter.json', '--output', 'merged.json/m.json'],
      work,
    );
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(/merged\.json\/m\.json: cannot write it \(/);
  });

  it('without merge writes adapter.json alone', async () => {
    writeFileSync(
      join(work, 'plain.json'),
      JSON.stringify({
        dataset: 'digits',
        initialization: { from: 'base/model.json' },
        lora: { rank: 1 },
        epochs: 1,
        output: 'plain',
      }),
    );
    expect((await runCli(['train', 'plain.json'], work)).code).toBe(0);
    expect(existsSync(join(work, 'plain', 'adapter.json'))).toBe(true);
    expect(existsSync(join(work, 'plain', 'model.json'))).toBe(false);
  });

  it('refuses an adapter trained on another base: a clear error, exit code 2', async () => {
    const { code, stderr } = await runCli(['merge', 'other/model.json', 'lora/adapter.json'], work);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /lora\/adapter\.json: base\.contentHash must be the hash of the base model, sha256:[0-9a-f]{64} \(64-32-10\) \(got sha256:[0-9a-f]{64}, 64-32-10\): this adapter was trained on another model/,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names the config field of a bad fine-tuning config, exit code 2', async () => {
    writeFileSync(
      join(work, 'bad.json'),
      JSON.stringify({
        dataset: 'digits',
        initialization: { from: 'base/model.json' },
        lora: { rank: 0 },
        epochs: 1,
      }),
    );
    const { code, stderr } = await runCli(['train', 'bad.json'], work);
    expect(code).toBe(2);
    expect(stderr).toMatch(/\/lora\/rank must be >= 1 \(got 0\)/);
    writeFileSync(
      join(work, 'missing.json'),
      JSON.stringify({ dataset: 'digits', lora: { rank: 2 }, epochs: 1 }),
    );
    const missing = await runCli(['train', 'missing.json'], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/lora needs a base model to fine-tune/);
  });
});
