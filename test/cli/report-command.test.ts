// `kiln report` and `kiln importance` on study folders, end to end in-process: the report file
// and JSON document, importances equal between the two commands, the same bytes for the same
// journal, `kiln tune --report`, and folders that cannot be reported (exit 2).
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSyntheticStudy } from '../../scripts/synthetic-study.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';

const linear = (p: Record<string, unknown>) => (p.x1 as number) + (p.x2 as number) / 1000;

describe('kiln report on a study', () => {
  it('writes report.html, prints the JSON document, and agrees with kiln importance', async () => {
    const folder = temporaryFolder();
    writeSyntheticStudy(join(folder, 'study'), { trials: 100, objective: linear });
    const report = await runCli(['report', 'study', '--json'], folder);
    expect(report.code, report.stderr).toBe(0);
    const document = JSON.parse(report.stdout);
    expect(document).toMatchObject({
      kind: 'study',
      report: join(folder, 'study', 'report.html'),
      state: 'finished',
      stopReason: 'evaluations',
      trials: 100,
      completeTrials: 100,
    });
    const html = readFileSync(join(folder, 'study', 'report.html'), 'utf8');
    expect(document.bytes).toBe(Buffer.byteLength(html));

    const importance = await runCli(['importance', 'study', '--json'], folder);
    expect(importance.code).toBe(0);
    const result = JSON.parse(importance.stdout);
    expect(result.importances).toEqual(document.importance.importances);
    expect(result.importances[0]).toMatchObject({ name: 'x1' });
    expect(result.importances[0].importance).toBeGreaterThan(0.9);
    const embedded = /<script type="application\/json" id="kiln-data">(.*?)<\/script>/s.exec(html);
    expect(JSON.parse(embedded![1]!).importance).toEqual({
      method: result.method,
      quantile: result.quantile,
      trials: result.trials,
      topTrials: result.topTrials,
      importances: result.importances,
    });

    const human = await runCli(['importance', 'study'], folder);
    expect(human.stdout).toMatch(/^parameter\s+importance\s+trials/);
    const again = await runCli(['report', 'study', '--output', 'copy.html'], folder);
    expect(again.stdout).toMatch(/report: .*copy\.html/);
    expect(readFileSync(join(folder, 'copy.html'), 'utf8')).toBe(html);
  });

  it('creates the folder of --output, and names the path given when it cannot write', async () => {
    const folder = temporaryFolder();
    writeSyntheticStudy(join(folder, 'study'), { trials: 10, objective: linear });
    const nested = await runCli(['report', 'study', '--output', 'new/dir/r.html'], folder);
    expect(nested.code, nested.stderr).toBe(0);
    expect(readFileSync(join(folder, 'new', 'dir', 'r.html'), 'utf8')).toMatch(/^<!doctype html>/i);

    // A folder where the file should go: the message names it, not a temporary file.
    const target = join(folder, 'new');
    const refused = await runCli(['report', 'study', '--output', 'new'], folder);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `kiln: ${target}: cannot write it (it is a folder, not a file, EISDIR)\n`,
    );
    expect(readdirSync(folder).sort()).toEqual(['new', 'study']);
  });

  it(
    'gives each objective its importances in a multi-objective study',
    { timeout: 60_000 },
    async () => {
      const folder = temporaryFolder();
      writeFileSync(
        join(folder, 'objective.mjs'),
        'export default ({ x, y }) => ({ a: x, b: 1 - y });\n',
      );
      writeFileSync(
        join(folder, 'tune.json'),
        JSON.stringify({
          problem: { module: './objective.mjs' },
          space: {
            x: { type: 'real', low: 0, high: 1 },
            y: { type: 'real', low: 0, high: 1 },
            z: { type: 'real', low: 0, high: 1 },
          },
          objectives: [{ name: 'a' }, { name: 'b', direction: 'maximize' }],
          budget: { evaluations: 60 },
          seed: 2,
          workers: 1,
          output: 'study',
        }),
      );
      const tuned = await runCli(['tune', 'tune.json'], folder);
      expect(tuned.code, tuned.stderr).toBe(0);

      const all = await runCli(['importance', 'study', '--json'], folder);
      expect(all.code, all.stderr).toBe(0);
      const { objectives } = JSON.parse(all.stdout);
      expect(objectives.map((o: { name: string }) => o.name)).toEqual(['a', 'b']);
      expect(objectives[0]).toMatchObject({ direction: 'minimize', trials: 60 });
      expect(objectives[0].importances[0].name).toBe('x');
      // b = 1 - y is maximized: its best trials have small y, and y alone decides them.
      expect(objectives[1]).toMatchObject({ direction: 'maximize', trials: 60 });
      expect(objectives[1].importances[0].name).toBe('y');

      // kiln report --json gives the same per objective, and no single ranking.
      const report = await runCli(['report', 'study', '--json'], folder);
      expect(report.code, report.stderr).toBe(0);
      const document = JSON.parse(report.stdout);
      expect(document.objectives).toEqual(objectives);
      expect(document.importance).toBeNull();

      const one = await runCli(['importance', 'study', '--objective', 'b', '--json'], folder);
      expect(JSON.parse(one.stdout).objectives).toEqual([objectives[1]]);
      const human = await runCli(['importance', 'study'], folder);
      expect(human.stdout).toMatch(/^objective a \(minimize\)\nparameter\s+importance/);
      expect(human.stdout).toMatch(/\nobjective b \(maximize\)\nparameter/);

      const unknown = await runCli(['importance', 'study', '--objective', 'c'], folder);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(
        /--objective must name one of the study's objectives, a, b \(got "c"\)/,
      );
      writeSyntheticStudy(join(folder, 'single'), { trials: 10, objective: linear });
      const single = await runCli(['importance', 'single', '--objective', 'a'], folder);
      expect(single.code).toBe(2);
      expect(single.stderr).toMatch(/holds a single-objective study; leave --objective out/);
    },
  );

  it('refuses a folder that is neither a study nor a batch, and a torn journal (exit 2)', async () => {
    const folder = temporaryFolder();
    const empty = await runCli(['report', folder], folder);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(
      /not a study or batch output folder \(no journal\.jsonl or batch\.json/,
    );
    expect(empty.stderr).not.toMatch(/at .*\.ts/);
    const missing = await runCli(['importance', join(folder, 'nowhere')], folder);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such folder/);

    writeFileSync(join(folder, 'journal.jsonl'), '{"type":"run"}\n');
    const other = await runCli(['report', folder], folder);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/journal\.jsonl:1: the first line must be a study header/);

    writeSyntheticStudy(folder, { trials: 5, objective: linear });
    appendFileSync(join(folder, 'journal.jsonl'), '{"type":"trial","number":6,"par');
    const torn = await runCli(['report', folder], folder);
    expect(torn.code).toBe(2);
    expect(torn.stderr).toMatch(
      /journal\.jsonl:9: the journal is torn: its last line was cut short/,
    );
    expect(existsSync(join(folder, 'report.html'))).toBe(false);
  });

  it('names a journal that is a folder (exit 2)', async () => {
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'journal.jsonl'));
    const outcome = await runCli(['report', folder], folder);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toBe(
      `kiln: ${join(folder, 'journal.jsonl')}: cannot read it (it is a folder, not a file, EISDIR)\n`,
    );
  });

  it('shows a study whose session never ended as running while its process lives', async () => {
    const folder = temporaryFolder();
    writeSyntheticStudy(folder, { trials: 6, objective: linear, running: true });
    const journal = readFileSync(join(folder, 'journal.jsonl'), 'utf8');
    // The synthetic session names this process, on a made-up host: make it this host.
    const { hostname } = await import('node:os');
    writeFileSync(
      join(folder, 'journal.jsonl'),
      journal.replace('"host":"synthetic"', `"host":${JSON.stringify(hostname())}`),
    );
    const report = await runCli(['report', folder, '--json'], folder);
    expect(JSON.parse(report.stdout).state).toBe('running');
    expect(readFileSync(join(folder, 'report.html'), 'utf8')).toMatch(
      /status-running">running \(process \d+\)/,
    );
  });
});

describe('kiln tune --report', () => {
  it('keeps report.html in the output folder, finished at the end', async () => {
    const folder = temporaryFolder();
    const objective = new URL('../fixtures/objectives/study.mjs', import.meta.url).pathname;
    const config = join(folder, 'tune.json');
    writeFileSync(
      config,
      JSON.stringify({
        problem: { module: objective, export: 'default' },
        space: {
          x: { type: 'real', low: -1, high: 1 },
          y: { type: 'real', low: -1, high: 1 },
          kind: { type: 'categorical', choices: ['a', 'b'] },
        },
        solver: { type: 'random-search', batchSize: 4 },
        budget: { evaluations: 12 },
        seed: 3,
        workers: 2,
        output: 'study',
      }),
    );
    const { code, stderr } = await runCli(['tune', config, '--report', '--json'], folder);
    expect(code, stderr).toBe(0);
    const html = readFileSync(join(folder, 'study', 'report.html'), 'utf8');
    expect(html).toMatch(/status-finished">finished \(stopped by evaluations\)/);
    expect(html).toMatch(/12: 12 complete, 0 failed/);
    const { output: _output, ...withoutOutput } = JSON.parse(readFileSync(config, 'utf8'));
    writeFileSync(config, JSON.stringify(withoutOutput));
    const noOutput = await runCli(['tune', config, '--report'], folder);
    expect(noOutput.code).toBe(2);
    expect(noOutput.stderr).toMatch(/--report needs an output folder/);
  });
});
