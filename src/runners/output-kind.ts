// What an output folder holds, told by the file each command leaves there, so that a command
// refuses another command's folder instead of overwriting or mixing their files.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KilnError } from '../core/errors.js';

/** The commands that write an output folder. */
export type OutputKind = 'batch' | 'study' | 'train' | 'run';

// The file that marks each kind, the batch first: its journal.jsonl is not a study's.
const MARKERS: readonly (readonly [OutputKind, string, string])[] = [
  ['batch', 'batch.json', 'kiln batch'],
  ['study', 'journal.jsonl', 'kiln tune'],
  ['train', 'history.csv', 'kiln train'],
  ['run', 'trace.csv', 'kiln run'],
];

/**
 * Refuses `folder` when it holds the output of another command than the one writing `kind`,
 * before anything is written in it. A folder of the same kind is left to that command.
 */
export function refuseOtherOutput(folder: string, kind: OutputKind): void {
  const marker = MARKERS.find(([, file]) => existsSync(join(folder, file)));
  if (marker === undefined || marker[0] === kind) return;
  const [, file, command] = marker;
  const own = MARKERS.find(([k]) => k === kind)?.[2] ?? kind;
  throw new KilnError(
    'E_OUTPUT_FOLDER',
    `${folder}: this folder holds the output of ${command} (${file}), not of ${own}; choose a new output folder`,
  );
}
