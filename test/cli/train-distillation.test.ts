// `kiln train` with a teacher (paths relative to the config file), limited labels and IDX
// datasets: the JSON fields, and exit code 2 with a clear message for bad teachers and files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIdx } from '../../src/training/data/idx.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';

function writeConfig(folder: string, name: string, config: Record<string, unknown>): string {
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

const irisTraining = { epochs: 20, batchSize: 16, optimizer: { type: 'adam', learningRate: 0.01 } };

describe('kiln train with distillation', () => {
  it('reports the teacher and the student sizes and accuracies', async () => {
    const work = temporaryFolder();
    const teacher = writeConfig(work, 'teacher.json', {
      dataset: 'iris',
      model: { hidden: [16] },
      ...irisTraining,
      output: 'teacher',
    });
    const taught = await runCli(['train', teacher, '--json'], work);
    expect(taught.code, taught.stderr).toBe(0);
    const student = writeConfig(work, 'student.json', {
      dataset: 'iris',
      model: { hidden: [3] },
      ...irisTraining,
      labelFraction: 0.5,
      distillation: { teacher: 'teacher/model.json', temperature: 2, alpha: 0.3 },
    });
    const { code, stdout, stderr } = await runCli(['train', student, '--json'], work);
    expect(code, stderr).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      network: '4-3-3',
      parameters: 4 * 3 + 3 + 3 * 3 + 3,
      teacherParameters: 4 * 16 + 16 + 16 * 3 + 3,
      teacherTestAccuracy: JSON.parse(taught.stdout).testAccuracy,
      samples: { train: 120, labelled: 60, test: 30 },
    });
    const human = await runCli(['train', student], work);
    expect(human.stdout).toMatch(
      / {2}distillation {2}T 2, alpha 0\.3, transfer set all; teacher 131 parameters/,
    );
    expect(human.stdout).toMatch(/ {2}labels {8}60 of 120 training rows \(labelFraction 0\.5\)/);
  });

  it('refuses a missing, truncated or mismatched teacher with exit code 2, in train and tune', async () => {
    const work = temporaryFolder();
    const missing = writeConfig(work, 'a.json', {
      dataset: 'iris',
      epochs: 1,
      distillation: { teacher: 'nowhere/model.json' },
    });
    const first = await runCli(['train', missing], work);
    expect(first.code).toBe(2);
    expect(first.stderr).toContain(`${join(work, 'nowhere', 'model.json')}: no such file`);
    expect(first.stderr).not.toMatch(/\n\s+at /);
    const wine = writeConfig(work, 'wine.json', {
      dataset: 'wine',
      model: { hidden: [2] },
      epochs: 1,
      output: 'wine',
    });
    expect((await runCli(['train', wine], work)).code).toBe(0);
    const mismatched = writeConfig(work, 'b.json', {
      dataset: 'iris',
      epochs: 1,
      distillation: { teacher: 'wine/model.json' },
    });
    const second = await runCli(['train', mismatched], work);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/distillation\.teacher .* must read the dataset's 4 features/);
    // A study checks its teacher before any trial, as kiln train does.
    const teacherPath = join(work, 'wine', 'model.json');
    writeFileSync(join(work, 'truncated.json'), readFileSync(teacherPath, 'utf8').slice(0, 300));
    for (const [teacher, message] of [
      [
        'wine/model.json',
        `kiln: ${join(work, 'tune.json')}: problem mlp-hyperparameters: distillation.teacher (${teacherPath}) must read the dataset's 4 features in order (got 13 features, first "alcohol")\n`,
      ],
      ['truncated.json', `kiln: ${join(work, 'truncated.json')}: is not valid JSON`],
    ]) {
      const study = writeConfig(work, 'tune.json', {
        problem: { type: 'mlp-hyperparameters', dataset: 'iris', distillation: { teacher } },
        space: { learningRate: { type: 'real', low: 0.001, high: 0.1 } },
        budget: { evaluations: 2 },
        output: 'study',
      });
      const tuned = await runCli(['tune', study], work);
      expect(tuned.code).toBe(2);
      expect(tuned.stderr.startsWith(message as string)).toBe(true);
      expect(existsSync(join(work, 'study', 'trials.csv'))).toBe(false);
    }
  });
});

describe('kiln train on IDX files', () => {
  const images = Uint8Array.from({ length: 40 * 4 }, (_, i) => ((i % 4) * 60 + (i >> 2)) % 256);
  const labels = Uint8Array.from({ length: 40 }, (_, i) => i % 2);

  it('reads gzipped and plain IDX files named relative to the config', async () => {
    const work = temporaryFolder();
    writeFileSync(join(work, 'images.gz'), gzipSync(encodeIdx([40, 2, 2], images)));
    writeFileSync(join(work, 'labels.idx'), encodeIdx([40], labels));
    const config = writeConfig(work, 'idx.json', {
      dataset: { format: 'idx', images: 'images.gz', labels: 'labels.idx' },
      model: { hidden: [4] },
      epochs: 2,
    });
    const { code, stdout, stderr } = await runCli(['train', config, '--json'], work);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ network: '4-4-2', samples: { train: 32, test: 8 } });
  });

  it('names a truncated file and what it should hold, with exit code 2', async () => {
    const work = temporaryFolder();
    writeFileSync(join(work, 'images.idx'), encodeIdx([40, 2, 2], images).subarray(0, 100));
    writeFileSync(join(work, 'labels.idx'), encodeIdx([40], labels));
    const config = writeConfig(work, 'idx.json', {
      dataset: { format: 'idx', images: 'images.idx', labels: 'labels.idx' },
      epochs: 1,
    });
    const { code, stderr } = await runCli(['train', config], work);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `${join(work, 'images.idx')}: is truncated: dimensions 40 x 2 x 2 of unsigned byte values need 176 bytes (got 100)`,
    );
    const unpaired = writeConfig(work, 'bad.json', {
      dataset: { format: 'idx', images: 'images.idx', labels: 'labels.idx', testImages: 'x' },
    });
    const refused = await runCli(['train', unpaired], work);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/testLabels/);
  });
});
