// `kiln tune` on a trainer problem with quantization in the space: every trial's bytes in the
// journal, trials.csv and the --json report, the same study for any number of workers, and the
// config mistakes of the compression options refused with exit 2 and their JSON path.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCli, temporaryFolder } from '../helpers/cli.js';

// Bytes of a 784-w-10 network with b-bit weights and one scale per row, written out by hand.
const integerBytes = (width: number, bits: number): number =>
  Math.ceil((784 * width * bits) / 8) + 8 * width + Math.ceil((width * 10 * bits) / 8) + 80;

function writeStudy(folder: string, problem: Record<string, unknown> = {}, workers = 2): string {
  const path = join(folder, 'tune.json');
  writeFileSync(
    path,
    JSON.stringify({
      problem: {
        type: 'mlp-architecture',
        dataset: 'fashion-mnist-small',
        epochs: 1,
        quantization: { method: 'post-training' },
        sizePenalty: 1e-7,
        ...problem,
      },
      space: {
        width1: { type: 'integer', low: 4, high: 24, log: true },
        weightBits: { type: 'categorical', choices: [2, 4, 8] },
      },
      budget: { evaluations: 3 },
      seed: 5,
      workers,
      output: 'study',
    }),
  );
  return path;
}

const trialLines = (folder: string): Record<string, any>[] =>
  readFileSync(join(folder, 'study', 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .filter((record) => record.type === 'trial')
    .sort((a, b) => a.number - b.number);

describe('kiln tune with quantization in the space', () => {
  it('reports the bytes of every trial, the same for any number of workers', async () => {
    const folder = temporaryFolder();
    const { code, stdout, stderr } = await runCli(['tune', writeStudy(folder), '--json'], folder);
    expect(code, stderr).toBe(0);
    const trials = trialLines(folder);
    expect(trials).toHaveLength(3);
    for (const trial of trials) {
      const { width1, weightBits } = trial.params as { width1: number; weightBits: number };
      expect(trial.attributes.bytes).toBe(integerBytes(width1, weightBits));
      // The value is the integer network's validation error plus sizePenalty x bytes.
      const error = trial.value - 1e-7 * trial.attributes.bytes;
      expect(error).toBeGreaterThan(0);
      expect(error).toBeLessThan(1);
    }
    const csv = readFileSync(join(folder, 'study', 'trials.csv'), 'utf8')
      .trim()
      .split('\n');
    const header = (csv[0] as string).split(',');
    const column = header.indexOf('bytes');
    expect(column).toBeGreaterThan(0);
    const byTrial = new Map(csv.slice(1).map((line) => [line.split(',')[0], line.split(',')]));
    for (const trial of trials)
      expect(Number(byTrial.get(String(trial.number))?.[column])).toBe(trial.attributes.bytes);
    const study = JSON.parse(stdout) as Record<string, any>;
    const best = trials.find((t) => t.number === study.bestTrial);
    expect(study.bytes).toBe(best?.attributes.bytes);
    expect(study.quantizedTestAccuracy).toBeGreaterThan(0);

    const single = temporaryFolder();
    const again = await runCli(['tune', writeStudy(single, {}, 1), '--json'], single);
    expect(again.code, again.stderr).toBe(0);
    const values = (list: Record<string, any>[]) =>
      list.map((t) => [t.number, t.params, t.value, t.attributes]);
    expect(values(trialLines(single))).toEqual(values(trials));
  }, 180_000);

  it.each([
    [{ sizePenalty: -1 }, '/problem/sizePenalty must be >= 0 (got -1)'],
    [{ parameterPenalty: 'small' }, '/problem/parameterPenalty must be a number (got "small")'],
    [
      { quantization: { method: 'dynamic' } },
      '/problem/quantization/method must be one of "quantization-aware", "post-training" (got "dynamic")',
    ],
    [
      { quantization: { weights: { bits: 5 } } },
      '/problem/quantization/weights/bits must be one of 8, 4, 3, 2 (got 5)',
    ],
    [
      { quantization: { method: 'post-training', freezeObserversEpoch: 3 } },
      'quantization.freezeObserversEpoch must be left out with method "post-training"',
    ],
    [{ quantization: undefined }, "weightBits need the problem's quantization option"],
  ])('refuses %j with exit 2 and a clear message', async (problem, message) => {
    const folder = temporaryFolder();
    const { code, stderr } = await runCli(['tune', writeStudy(folder, problem)], folder);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(hasStackTrace(stderr)).toBe(false);
  });
});
