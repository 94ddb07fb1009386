// kiln as a user installs it: the package from `npm pack` (of the built tree) installed into a
// fresh `npm init -y` project (CommonJS by default); its CLI runs a TypeScript objective, and a
// consumer that type-checks with `skipLibCheck: false` and kiln's own strictness compiles the
// README's TypeScript examples against the installed declarations. Dependencies come from the
// npm cache that `npm ci` filled (the registry when they are missing).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtCli, repositoryRoot, temporaryFolder } from '../helpers/cli.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let project = '';

function sh(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
  });
}

beforeAll(() => {
  if (!existsSync(builtCli)) {
    throw new Error(`${builtCli} is missing: run "npm run build" before these tests`);
  }
  const folder = temporaryFolder('kiln-package-');
  // The built tree is packed as it is (prepare would rebuild it).
  sh(npm, ['pack', '--ignore-scripts', '--pack-destination', folder], repositoryRoot);
  const tarball = readdirSync(folder).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack wrote no tarball in ${folder}`);
  project = join(folder, 'project');
  mkdirSync(project);
  sh(npm, ['init', '-y'], project);
  sh(npm, ['install', '--prefer-offline', join(folder, tarball)], project);
}, 300_000);

describe('the installed package', () => {
  it('ships dist/ and runs a TypeScript objective (export default, CommonJS folder)', () => {
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).type).not.toBe('module');
    expect(existsSync(join(project, 'node_modules', 'kiln', 'dist', 'cli.js'))).toBe(true);
    writeFileSync(
      join(project, 'objective.ts'),
      [
        'interface Params { x: number; y: number }',
        'export default function objective(params: Params): number {',
        '  return (params.x - 1) ** 2 + (params.y + 2) ** 2;',
        '}',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'tune.json'),
      JSON.stringify({
        problem: { module: './objective.ts' },
        space: { x: { type: 'real', low: -5, high: 5 }, y: { type: 'real', low: -5, high: 5 } },
        solver: { type: 'random-search' },
        budget: { evaluations: 6 },
        seed: 1,
        workers: 1,
        output: 'runs/study',
      }),
    );
    const kiln = join(project, 'node_modules', '.bin', 'kiln');
    const result = JSON.parse(sh(kiln, ['tune', 'tune.json', '--json'], project)) as Record<
      string,
      unknown
    >;
    expect(result).toMatchObject({ trials: 6, failedTrials: 0 });
    expect(Number.isFinite(result.bestValue)).toBe(true);
  }, 120_000);

  it('type-checks the README examples with skipLibCheck false (no piscina types)', () => {
    const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
    const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    const files = examples.map((code, i) => {
      const name = `readme-example-${i + 1}.mts`;
      // Each example is a module of its own (top-level await works in .mts under NodeNext).
      writeFileSync(join(project, name), `${code}\nexport {};\n`);
      return name;
    });
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          skipLibCheck: false,
          noEmit: true,
          types: [],
        },
        files,
      }),
    );
    const tsc = join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    try {
      output = execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], {
        cwd: project,
        encoding: 'utf8',
      });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  }, 120_000);
});
