// Running `kiln tune` in a child process until its journal holds some trials, then signalling it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './cli.js';

/** Starts `kiln tune config` in `folder`; calls `signal` once the journal has more than `lines` lines. */
export function tuneUntilJournalHas(
  folder: string,
  config: string,
  lines: number,
  signal: (child: ReturnType<typeof spawn>) => void,
): { child: ReturnType<typeof spawn>; reached: Promise<number>; exited: Promise<number | null> } {
  const journal = join(folder, 'study', 'journal.jsonl');
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), join(repositoryRoot, 'src', 'cli.ts'), 'tune', config],
    { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const reached = new Promise<number>((resolve, reject) => {
    const poll = setInterval(() => {
      const count = existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').length : 0;
      if (count > lines) {
        clearInterval(poll);
        signal(child);
        resolve(count);
      }
    }, 10);
    void exited.then(() => {
      clearInterval(poll);
      reject(new Error('the study finished before the signal'));
    });
  });
  return { child, reached, exited };
}
