// Boolean options given twice are refused before any work, as options with a value are.
import { describe, expect, it } from 'vitest';
import { checkRepeatedFlags } from '../../src/cli/repeated-flags.js';
import { hasStackTrace, runCli, temporaryFolder } from '../helpers/cli.js';

describe('boolean options given twice', () => {
  it.each([
    ['run', '--json', 'run.json'],
    ['tune', '--json', 'tune.json'],
    ['batch', '--json', 'batch.json'],
    ['tune', '--report', 'tune.json'],
    ['batch', '--retry-failed', 'batch.json'],
  ])('kiln %s refuses %s twice with exit 2', async (command, flag, config) => {
    const folder = temporaryFolder();
    const { code, stdout, stderr } = await runCli([command, config, flag, flag], folder);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`kiln: command line: 1 error\n  ${flag} may be given once`);
    expect(hasStackTrace(stderr)).toBe(false);
  });

  it('names every repeated flag, in any spelling, and only those', () => {
    const argv = ['batch', 'b.json', '--retryFailed', '--json=true', '--retry-failed', '--no-json'];
    expect(() => checkRepeatedFlags(argv, ['json', 'retry-failed', 'retryFailed'])).toThrow(
      /--retry-failed may be given once \(got --retryFailed, --retry-failed\)\n.*--json may be given once \(got --json=true, --no-json\)/,
    );
    expect(() => checkRepeatedFlags(['run', 'r.json', '--json'], ['json'])).not.toThrow();
    expect(() =>
      checkRepeatedFlags(['run', 'r.json', '--json', '--', '--json'], ['json']),
    ).not.toThrow();
  });
});
