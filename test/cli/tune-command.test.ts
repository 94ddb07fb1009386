// `kiln tune` end to end: outputs, resuming after an interruption (Ctrl-C, SIGKILL), the same
// result for any number of workers, and faults that fail a trial without stopping the study.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, temporaryFolder } from '../helpers/cli.js';
import { tuneUntilJournalHas } from '../helpers/study.js';

const objectives = fileURLToPath(new URL('../fixtures/objectives/study.mjs', import.meta.url));
const faults = fileURLToPath(new URL('../fixtures/objectives/faults.mjs', import.meta.url));
const space = {
  x: { type: 'real', low: -1, high: 1 },
  y: { type: 'real', low: -1, high: 1 },
  kind: { type: 'categorical', choices: ['a', 'b'] },
};

function writeStudy(folder: string, overrides: Record<string, unknown> = {}): string {
  const path = join(folder, 'tune.json');
  writeFileSync(
    path,
    JSON.stringify({
      problem: { module: objectives, export: 'default' },
      space,
      solver: { type: 'random-search', batchSize: 4 },
      budget: { evaluations: 24 },
      seed: 3,
      workers: 2,
      output: 'study',
      ...overrides,
    }),
  );
  return path;
}

async function tuneJson(
  folder: string,
  config: string,
  extra: string[] = [],
): Promise<Record<string, any>> {
  const { code, stdout, stderr } = await runCli(['tune', config, '--json', ...extra], folder);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout);
}

// The trial records of a journal (it also holds a header and session records).
function trialRecords(text: string): Record<string, any>[] {
  return text
    .trim()
    .split('\n')
    .flatMap((line) => {
      try {
        const record = JSON.parse(line);
        return record.type === 'trial' ? [record] : [];
      } catch {
        return [];
      }
    });
}

const comparable = (study: Record<string, any>) => ({
  bestParams: study.bestParams,
  bestValue: study.bestValue,
  bestTrial: study.bestTrial,
  trials: study.trials,
  failedTrials: study.failedTrials,
});

function trialsWithoutTimes(folder: string): string[] {
  return readFileSync(join(folder, 'study', 'trials.csv'), 'utf8')
    .trim()
    .split('\n')
    .map((line) =>
      line
        .split(',')
        .filter((_, i) => i !== 3)
        .join(','),
    );
}

// Starts `kiln tune` in a child process and calls `signal` once the journal holds more than
// `lines` lines; resolves with the number of lines then (rejects if the study ends first).
describe('kiln tune', () => {
  it('writes the journal, best.json and trials.csv, and prints the JSON fields', async () => {
    const folder = temporaryFolder();
    const study = await tuneJson(folder, writeStudy(folder));
    for (const field of ['bestParams', 'bestValue', 'trials', 'failedTrials', 'elapsedMs', 'seed'])
      expect(study).toHaveProperty(field);
    expect(study.trials).toBe(24);
    expect(study.seed).toBe(3);
    for (const file of ['journal.jsonl', 'best.json', 'trials.csv'])
      expect(existsSync(join(folder, 'study', file))).toBe(true);
    const journal = readFileSync(join(folder, 'study', 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n');
    const types = journal.map((line) => JSON.parse(line).type);
    expect(types.filter((type) => type === 'trial')).toHaveLength(24);
    expect(types[0]).toBe('study');
    expect(types[1]).toBe('session');
    expect(types[types.length - 1]).toBe('end');
    expect(trialsWithoutTimes(folder)).toHaveLength(25);
    expect(JSON.parse(readFileSync(join(folder, 'study', 'best.json'), 'utf8')).bestValue).toBe(
      study.bestValue,
    );
  });

  it('gives the same study for 1, 2 and 3 workers', async () => {
    const results = [];
    for (const workers of [1, 2, 3]) {
      const folder = temporaryFolder();
      results.push(
        comparable(await tuneJson(folder, writeStudy(folder), ['--workers', String(workers)])),
      );
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('resumes from a journal cut short (with a torn last line) and ends as an uninterrupted study', async () => {
    const whole = temporaryFolder();
    const reference = await tuneJson(whole, writeStudy(whole));

    const cut = temporaryFolder();
    const config = writeStudy(cut);
    await tuneJson(cut, config);
    const journal = join(cut, 'study', 'journal.jsonl');
    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    // Keep the header, the session record and 9 trials (a batch and a bit), then half a line.
    writeFileSync(
      journal,
      `${lines.slice(0, 11).join('\n')}\n${(lines[11] as string).slice(0, 25)}`,
    );
    const { code, stdout, stderr } = await runCli(['tune', config, '--json'], cut);
    expect(code).toBe(0);
    expect(stderr).toMatch(/warning: .*journal\.jsonl: removed an incomplete last line/);
    const resumed = JSON.parse(stdout);
    expect(resumed.resumedTrials).toBe(9);
    expect(comparable(resumed)).toEqual(comparable(reference));
    expect(trialsWithoutTimes(cut)).toEqual(trialsWithoutTimes(whole));
  });

  it('resumes after SIGKILL without losing or repeating finished trials', async () => {
    const whole = temporaryFolder();
    const overrides = {
      problem: { module: objectives, export: 'slowQuadratic' },
      budget: { evaluations: 40 },
    };
    const reference = await tuneJson(whole, writeStudy(whole, overrides));

    const killed = temporaryFolder();
    const config = writeStudy(killed, overrides);
    const journal = join(killed, 'study', 'journal.jsonl');
    const { reached, exited } = tuneUntilJournalHas(killed, config, 12, (child) =>
      child.kill('SIGKILL'),
    );
    await reached;
    await exited;
    const done = trialRecords(readFileSync(journal, 'utf8')).length;
    expect(done).toBeGreaterThan(9);
    expect(done).toBeLessThan(40);
    copyFileSync(journal, join(killed, 'journal-at-kill.jsonl'));
    const resumed = await tuneJson(killed, config);
    expect(resumed.resumedTrials).toBeGreaterThanOrEqual(done - 1);
    expect(comparable(resumed)).toEqual(comparable(reference));
    // Every trial appears exactly once in the journal.
    const numbers = trialRecords(readFileSync(journal, 'utf8')).map((t) => t.number as number);
    expect(new Set(numbers).size).toBe(40);
    expect(numbers).toHaveLength(40);
  }, 120_000);

  it('stops on Ctrl-C with every finished trial journaled, and resumes to the same result', async () => {
    const whole = temporaryFolder();
    const overrides = {
      problem: { module: objectives, export: 'slowQuadratic' },
      budget: { evaluations: 40 },
    };
    const reference = await tuneJson(whole, writeStudy(whole, overrides));

    const stopped = temporaryFolder();
    const config = writeStudy(stopped, overrides);
    const journal = join(stopped, 'study', 'journal.jsonl');
    const { child, reached, exited } = tuneUntilJournalHas(stopped, config, 12, (running) =>
      running.kill('SIGINT'),
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const linesAtSignal = await reached;
    expect(await exited).toBe(130);
    expect(output).toMatch(/stopped: interrupted \(run the same command to resume\)/);
    const records = readFileSync(journal, 'utf8').trim().split('\n');
    // Nothing torn, nothing lost: every line parses, and the trials finished at the signal are there.
    expect(records.length).toBeGreaterThanOrEqual(linesAtSignal - 1);
    for (const line of records) expect(() => JSON.parse(line) as unknown).not.toThrow();
    const done = trialRecords(records.join('\n')).length;
    expect(done).toBeLessThan(40);
    const resumed = await tuneJson(stopped, config);
    expect(resumed.resumedTrials).toBe(done);
    expect(comparable(resumed)).toEqual(comparable(reference));
  }, 120_000);

  it('fails a trial that throws, returns NaN, hangs or kills its worker, and goes on', async () => {
    const folder = temporaryFolder();
    const config = writeStudy(folder, {
      problem: { module: objectives, export: 'faulty' },
      space: {
        ...space,
        kind: {
          type: 'categorical',
          choices: ['ok', 'ok', 'throw', 'nan', 'hang', 'exit'].filter(
            (v, i, a) => a.indexOf(v) === i,
          ),
        },
      },
      budget: { evaluations: 16 },
      timeoutSeconds: 1,
    });
    const study = await tuneJson(folder, config);
    expect(study.trials).toBe(16);
    expect(study.failedTrials).toBeGreaterThan(0);
    expect(study.failedTrials).toBeLessThan(16);
    const trials = trialRecords(readFileSync(join(folder, 'study', 'journal.jsonl'), 'utf8'));
    const errors = trials.filter((t) => t.status === 'failed').map((t) => t.error as string);
    const kinds = new Set(trials.filter((t) => t.status === 'failed').map((t) => t.params.kind));
    for (const kind of kinds) expect(['throw', 'nan', 'hang', 'exit']).toContain(kind);
    if (kinds.has('throw')) expect(errors).toContain('diverged');
    if (kinds.has('nan')) expect(errors).toContain('objective returned NaN');
    if (kinds.has('hang')) expect(errors.some((e) => /timed out after 1 s/.test(e))).toBe(true);
    if (kinds.has('exit')) expect(errors.some((e) => /exited with code 3/.test(e))).toBe(true);
    expect(kinds.size).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('writes the best value of a study whose every trial failed as {"$number": "Infinity"}', async () => {
    const folder = temporaryFolder();
    const config = writeStudy(folder, {
      problem: { module: faults, export: 'alwaysThrows' },
      space: { x: { type: 'real', low: -1, high: 1 } },
      budget: { evaluations: 3 },
      workers: 1,
    });
    const { code, stdout } = await runCli(['tune', config, '--json'], folder);
    expect(code).toBe(3);
    const study = JSON.parse(stdout);
    const infinite = { $number: 'Infinity' };
    expect(study.bestValue).toEqual(infinite);
    expect(study.bestParams).toBeUndefined();
    const best = JSON.parse(readFileSync(join(folder, 'study', 'best.json'), 'utf8'));
    expect(best.bestValue).toEqual(infinite);
  });

  it('refuses to resume a folder holding another study', async () => {
    const folder = temporaryFolder();
    await tuneJson(folder, writeStudy(folder));
    const { code, stderr } = await runCli(
      ['tune', writeStudy(folder, { seed: 4 }), '--json'],
      folder,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/holds a study with a different seed \(seed was 3, now 4\)/);
  });

  it('reports config mistakes with their paths', async () => {
    const folder = temporaryFolder();
    const path = join(folder, 'bad.json');
    writeFileSync(
      path,
      JSON.stringify({
        problem: { module: objectives },
        space: { lr: { type: 'real', low: 0 }, opt: { type: 'categorical', choices: [] } },
        budget: { evaluations: 0 },
      }),
    );
    const { code, stderr } = await runCli(['tune', path], folder);
    expect(code).toBe(2);
    expect(stderr).toContain('/space/lr/high is required');
    expect(stderr).toContain('/space/opt/choices must have at least 1 items');
    expect(stderr).toContain('/budget/evaluations must be >= 1');
  });

  it('refuses a budget with only a target by its path, with the other mistakes', async () => {
    const folder = temporaryFolder();
    const config = writeStudy(folder, {
      space: { ...space, x: { type: 'real', low: 1, high: -1 } },
      budget: { target: 0.001 },
    });
    const { code, stderr } = await runCli(['tune', config], folder);
    expect(code).toBe(2);
    expect(stderr).toContain(`${config}: 2 errors`);
    expect(stderr).toContain('/space/x/low must be <= high');
    expect(stderr).toContain(
      '/budget must set at least one of evaluations, seconds, stagnation, epochs (got {"target":0.001})',
    );
  });

  it('reports solver parameters that contradict each other at their paths', async () => {
    const folder = temporaryFolder();
    const solver = { type: 'differential-evolution', populationSize: 10, minPopulationSize: 50 };
    const { code, stderr } = await runCli(['tune', writeStudy(folder, { solver })], folder);
    expect(stderr).toContain(
      '/solver/minPopulationSize must be <= populationSize (got 50 with populationSize 10)',
    );
    expect(code).toBe(2);
  });

  it("says where a trainer problem's CSV file goes when written as a train config's dataset", async () => {
    const folder = temporaryFolder();
    const path = join(folder, 'csv.json');
    writeFileSync(
      path,
      JSON.stringify({
        problem: { type: 'mlp-hyperparameters', dataset: { path: 'data.csv', target: 'label' } },
        budget: { evaluations: 4 },
      }),
    );
    const { code, stderr } = await runCli(['tune', path], folder);
    expect(code).toBe(2);
    expect(stderr).toContain(
      '/problem/dataset is a dataset block as a train config writes it; a trainer problem takes ' +
        'a shipped dataset\'s name here, or a CSV file as "path" and "target" beside "type" ' +
        '(write "path": "data.csv", "target": "label" in the problem and leave "dataset" out)',
    );
    expect(stderr).not.toContain('must be one of');
  });

  it('refuses a trainer problem setting that its space also searches, naming both', async () => {
    const folder = temporaryFolder();
    const path = join(folder, 'both.json');
    writeFileSync(
      path,
      JSON.stringify({
        problem: {
          type: 'mlp-architecture',
          dataset: 'iris',
          epochs: 5,
          patience: 3,
          optimizer: { type: 'adam', learningRate: 0.01 },
        },
        space: {
          epochs: { type: 'integer', low: 1, high: 3 },
          learningRate: { type: 'real', low: 0.001, high: 0.1 },
          width1: { type: 'integer', low: 2, high: 8 },
          // Searched only with one width: the fixed patience holds in the other trials.
          layers: { type: 'integer', low: 1, high: 2 },
          patience: { type: 'integer', low: 2, high: 5, when: { layers: 1 } },
        },
        budget: { evaluations: 2 },
        output: 'study',
      }),
    );
    const { code, stderr } = await runCli(['tune', path], folder);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `kiln: ${path}: 2 errors\n` +
        '  /problem/epochs must be left out when the space searches epochs (got 5) ' +
        '(/space/epochs replaces it in every trial; remove one of them)\n' +
        '  /problem/optimizer/learningRate must be left out when the space searches learningRate ' +
        '(got 0.01) (/space/learningRate replaces it in every trial; remove one of them)\n',
    );
    expect(existsSync(join(folder, 'study'))).toBe(false);
    writeFileSync(
      path,
      JSON.stringify({
        problem: {
          type: 'mlp-hyperparameters',
          dataset: 'iris',
          model: { hidden: [4], activation: 'tanh' },
          space: { activation: { type: 'categorical', choices: ['relu', 'tanh'] } },
        },
        budget: { evaluations: 2 },
      }),
    );
    const inBlock = await runCli(['tune', path], folder);
    expect(inBlock.code).toBe(2);
    expect(inBlock.stderr).toContain(
      '/problem/model/activation must be left out when the space searches activation (got "tanh") ' +
        '(/problem/space/activation replaces it',
    );
  });
});
