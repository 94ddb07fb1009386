// The CLI's error paths as a user meets them, through the built CLI in a subprocess: each
// mistake exits with code 2 before any work, with a message naming what is wrong and no stack
// trace; nothing already computed is lost when the output cannot be written at the end.
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  builtCli,
  hasStackTrace,
  runBuiltCli,
  temporaryFolder,
  type CliOutcome,
} from '../helpers/cli.js';
import { writeTrainedModel } from '../helpers/model-documents.js';

const objectives = fileURLToPath(new URL('../fixtures/objectives/study.mjs', import.meta.url));
const batchObjectives = fileURLToPath(new URL('../fixtures/batch/objectives.mjs', import.meta.url));
const space = { x: { type: 'real', low: -1, high: 1 }, y: { type: 'real', low: -1, high: 1 } };

const configs = {
  run: {
    problem: { type: 'sphere', dimension: 2 },
    solver: { type: 'random-search' },
    budget: { evaluations: 50 },
    seed: 1,
  },
  tune: {
    problem: { module: objectives, export: 'default' },
    space,
    solver: { type: 'random-search', batchSize: 2 },
    budget: { evaluations: 4 },
    seed: 1,
    workers: 1,
  },
  batch: {
    problems: [{ module: batchObjectives, export: 'quadratic', space, name: 'q' }],
    solvers: [{ type: 'random-search' }],
    seeds: 1,
    budget: { evaluations: 20 },
    workers: 1,
  },
  train: {
    dataset: 'iris',
    model: { hidden: [4] },
    optimizer: { type: 'adam', learningRate: 0.01 },
    epochs: 2,
    seed: 1,
  },
} as const;

type Command = keyof typeof configs;

function writeConfig(folder: string, command: Command, extra: Record<string, unknown> = {}) {
  const path = join(folder, `${command}.json`);
  writeFileSync(path, JSON.stringify({ ...configs[command], ...extra }));
  return path;
}

// A user mistake: exit code 2, the message on stderr, no stack, nothing on stdout (no work).
function expectRefused(outcome: CliOutcome, message: RegExp): void {
  expect(outcome.stderr).toMatch(message);
  expect(hasStackTrace(outcome.stderr), outcome.stderr).toBe(false);
  expect(outcome.stdout).toBe('');
  expect(outcome.code, outcome.stderr).toBe(2);
}

describe('the command line itself', { timeout: 240_000 }, () => {
  it('refuses a misspelled option before any work, suggesting the right one', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, 'run', { output: 'out' });
    const outcome = await runBuiltCli(['run', config, '--sed', '5'], { cwd: folder });
    expectRefused(outcome, /kiln: run: unknown option --sed \(did you mean --seed\?\)/);
    expect(outcome.stderr).toMatch(/Usage: kiln run <config>/);
    expect(existsSync(join(folder, 'out'))).toBe(false);

    const tune = writeConfig(folder, 'tune', { output: 'study' });
    const typo = await runBuiltCli(['tune', tune, '--wokers', '4'], { cwd: folder });
    expectRefused(typo, /unknown option --wokers \(did you mean --workers\?\)/);
    expect(existsSync(join(folder, 'study'))).toBe(false);

    // A hyphenated option is named once, as typed (not also camel-cased).
    const hyphenated = await runBuiltCli(['tune', tune, '--memory-limt-mb', '100'], {
      cwd: folder,
    });
    expectRefused(
      hyphenated,
      /unknown option --memory-limt-mb \(did you mean --memory-limit-mb\?\)\n/,
    );
    expect(hyphenated.stderr).not.toMatch(/memoryLimtMb/);
  });

  it('refuses missing arguments, extra arguments and unknown commands', async () => {
    expectRefused(await runBuiltCli(['run']), /kiln: run: missing argument: <config>/);
    expectRefused(
      await runBuiltCli(['predict', 'x.json']),
      /kiln: predict: missing arguments: <model\.json> <data\.csv>/,
    );
    expectRefused(await runBuiltCli(['run', 'a.json', 'b.json']), /unexpected argument "b\.json"/);
    expectRefused(
      await runBuiltCli(['rnu', 'x.json']),
      /unknown command "rnu" \(did you mean "run"\?\)/,
    );
    expectRefused(
      await runBuiltCli(['list', 'solver']),
      /what must be one of "all", "solvers", "problems" \(got "solver"\)/,
    );
  });

  it('lists every command when none is given', async () => {
    const outcome = await runBuiltCli([]);
    expectRefused(outcome, /kiln: name a command/);
    for (const command of ['run', 'tune', 'batch', 'report', 'train', 'predict', 'list']) {
      expect(outcome.stderr).toMatch(new RegExp(`kiln ${command}\\b`));
    }
  });

  it('checks --seed, --workers and --output as the config fields they replace', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, 'run');
    // Every mistake at once, as for a config file.
    const several = await runBuiltCli(
      ['run', config, '--seed', '1.5', '--workers', '0', '--output', ''],
      { cwd: folder },
    );
    expectRefused(several, /kiln: command line: 3 errors/);
    expect(several.stderr).toMatch(/--seed must be an integer \(got 1\.5\)/);
    expect(several.stderr).toMatch(/--workers must be >= 1 \(got 0\)/);
    expect(several.stderr).toMatch(/--output must not be empty \(got ""\)/);
    const cases: [string[], RegExp][] = [
      [
        ['--seed', '-1', '--workers', 'abc'],
        /--seed must be >= 0 \(got -1\)\n.*--workers must be an integer \(got "abc"\)/,
      ],
      [['--seed', '1e30'], /--seed must be <= 9007199254740991 \(got 1e\+30\)/],
      [
        ['--seed', '1', '--seed', '2', '--output', 'a', '--output', 'b'],
        /--seed may be given once \(got "1", "2"\)\n.*--output may be given once \(got "a", "b"\)/,
      ],
    ];
    for (const [options, message] of cases) {
      const outcome = await runBuiltCli(['run', config, ...options], { cwd: folder });
      expectRefused(outcome, message);
      expect(outcome.stderr).not.toMatch(/options\.|createRng/);
    }
    // The config file says the same in the same words.
    const bad = writeConfig(folder, 'run', { seed: 1.5, workers: 0, output: '' });
    const fromFile = await runBuiltCli(['run', bad], { cwd: folder });
    expectRefused(fromFile, /\/seed must be an integer \(got 1\.5\)/);
    expect(fromFile.stderr).toMatch(/\/workers must be >= 1 \(got 0\)/);
    expect(fromFile.stderr).toMatch(/\/output must not be empty \(got ""\)/);
  });
});

describe('output folders that cannot be written', { timeout: 240_000 }, () => {
  it('refuses, before any work, an output path inside a regular file (ENOTDIR)', async () => {
    const folder = temporaryFolder();
    writeFileSync(join(folder, 'file'), 'not a folder\n');
    const inside = join(folder, 'file', 'out');
    for (const command of ['run', 'tune', 'batch', 'train'] as const) {
      const config = writeConfig(folder, command);
      const outcome = await runBuiltCli([command, config, '--output', inside], { cwd: folder });
      expectRefused(outcome, /a part of the path is a file, not a folder, ENOTDIR/);
      expect(outcome.stderr).toContain(inside);
    }
  });

  it('refuses an existing file given as the output folder (EEXIST)', async () => {
    const folder = temporaryFolder();
    const file = join(folder, 'results.txt');
    writeFileSync(file, 'keep me\n');
    for (const command of ['run', 'batch'] as const) {
      const config = writeConfig(folder, command);
      const outcome = await runBuiltCli([command, config, '--output', file], { cwd: folder });
      expectRefused(
        outcome,
        /cannot use it as the output folder \(a file of that name is in the way, EEXIST\)/,
      );
      expect(outcome.stderr).toContain(file);
    }
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
  });

  // Tests run as root, whom file modes do not stop; sysfs refuses new entries even to root, so
  // /sys stands in for a folder the user may not write in (EPERM or EACCES).
  it('refuses a folder the process may not write in', async () => {
    const folder = temporaryFolder();
    const config = writeConfig(folder, 'run');
    const target = '/sys/kiln-output-check';
    const outcome = await runBuiltCli(['run', config, '--output', target], { cwd: folder });
    expectRefused(
      outcome,
      /\/sys\/kiln-output-check: cannot use it as the output folder \((operation not permitted, EPERM|permission denied, EACCES)\)/,
    );
  });

  // A full disk is simulated with /dev/full, which answers every write with ENOSPC: the file the
  // command writes last is a link to it, so the folder passes the up-front check.
  it('prints the result of a run when writing it fails at the end (ENOSPC)', async () => {
    const folder = temporaryFolder();
    const out = join(folder, 'out');
    mkdirSync(out);
    symlinkSync('/dev/full', join(out, 'result.json'));
    const config = writeConfig(folder, 'run', { output: 'out' });
    const outcome = await runBuiltCli(['run', config, '--json'], { cwd: folder });
    expect(outcome.code, outcome.stderr).toBe(2);
    const result = JSON.parse(outcome.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ evaluations: 50, seed: 1, stopReason: 'evaluations' });
    expect(result.output).toBeUndefined();
    expect(outcome.stderr).toContain(
      `kiln: ${out}: cannot write the results (no space left on the device, ENOSPC)`,
    );
    expect(hasStackTrace(outcome.stderr)).toBe(false);
  });

  it('prints the result of a study when best.json cannot be written (ENOSPC)', async () => {
    const folder = temporaryFolder();
    const out = join(folder, 'study');
    mkdirSync(out);
    symlinkSync('/dev/full', join(out, 'best.json'));
    const config = writeConfig(folder, 'tune', { output: 'study' });
    const outcome = await runBuiltCli(['tune', config, '--json'], { cwd: folder });
    expect(outcome.code, outcome.stderr).toBe(2);
    expect(JSON.parse(outcome.stdout)).toMatchObject({ trials: 4, failedTrials: 0 });
    expect(outcome.stderr).toMatch(
      /cannot write the results \(no space left on the device, ENOSPC\)/,
    );
    expect(hasStackTrace(outcome.stderr)).toBe(false);
    // The journal holds every trial.
    const records = readFileSync(join(out, 'journal.jsonl'), 'utf8').trim().split('\n');
    expect(records.filter((line) => line.includes('"type":"trial"'))).toHaveLength(4);
  });
});

describe('output that cannot be written', () => {
  // /dev/full answers every write with ENOSPC, as a full disk does.
  it('ends kiln predict > /dev/full with a message and exit 2, no stack trace', async () => {
    const folder = temporaryFolder();
    const model = writeTrainedModel(folder, 'iris', { model: { hidden: [4] }, epochs: 1, seed: 1 });
    const data = join(folder, 'rows.csv');
    writeFileSync(
      data,
      'sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n5.1,3.5,1.4,0.2\n',
    );
    const full = openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [builtCli, 'predict', model, data], {
      stdio: ['ignore', full, 'pipe'],
    });
    closeSync(full);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(2);
    expect(stderr).toBe(
      'kiln: standard output: cannot write it (no space left on the device, ENOSPC)\n',
    );
  });
});

describe('one output folder, one process', { timeout: 240_000 }, () => {
  it('refuses a second study on a folder in use, and takes over a stale lock', async () => {
    const folder = temporaryFolder();
    const out = join(folder, 'study');
    mkdirSync(out);
    const config = writeConfig(folder, 'tune', { output: 'study' });
    // A lock held by a live process on this host: this test's own process.
    const lock = { pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' };
    writeFileSync(join(out, 'kiln.lock'), JSON.stringify(lock));
    const refused = await runBuiltCli(['tune', config], { cwd: folder });
    expectRefused(
      refused,
      new RegExp(`study: in use by another kiln process \\(pid ${process.pid} on `),
    );
    expect(existsSync(join(out, 'journal.jsonl'))).toBe(false);

    // The same lock left by a process that is gone (a finished subprocess's pid) is stale.
    const deadPid = await finishedPid();
    writeFileSync(join(out, 'kiln.lock'), JSON.stringify({ ...lock, pid: deadPid }));
    const resumed = await runBuiltCli(['tune', config, '--json'], { cwd: folder });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(
      new RegExp(`removing a stale lock \\(pid ${deadPid} on .* is no longer running\\)`),
    );
    expect(existsSync(join(out, 'kiln.lock'))).toBe(false);
  });

  it('refuses a second batch while the first one runs', async () => {
    const folder = temporaryFolder();
    // Long enough (about 20 s) that the first batch is surely running; it is interrupted below.
    const config = writeConfig(folder, 'batch', {
      problems: [{ module: batchObjectives, export: 'slowQuadratic', space, name: 'slow' }],
      budget: { evaluations: 20000 },
      output: 'compare',
    });
    const first = spawn(process.execPath, [builtCli, 'batch', config], {
      cwd: folder,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => first.on('exit', resolve));
    const lock = join(folder, 'compare', 'kiln.lock');
    while (!existsSync(lock)) await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await runBuiltCli(['batch', config], { cwd: folder });
    expectRefused(
      second,
      new RegExp(
        `compare: in use by another kiln process \\(pid ${first.pid} on .*\\); wait for it`,
      ),
    );
    first.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(existsSync(lock)).toBe(false);
  });
});

// The pid of a process that has exited (so is no longer running on this host).
async function finishedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}
