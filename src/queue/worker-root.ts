// Paths between machines: the coordinator names folders relative to its root (its working
// directory by default) and a worker resolves them against its own `--root`, refusing any module
// or data path that lands outside it (whoever can write to the queue must not pick the code).
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { QueueError } from './queue-address.js';

/** The coordinator's side: `folder` relative to `root` (with /), or absolute when outside it. */
export function jobPath(folder: string, root: string): string {
  const inside = relative(resolve(root), resolve(folder));
  if (inside === '') return '.';
  if (inside.startsWith('..') || isAbsolute(inside)) return resolve(folder);
  return inside.split(sep).join('/');
}

/** True when `path` is `root` or inside it. */
function isInside(path: string, root: string): boolean {
  const inside = relative(root, path);
  return inside === '' || (!inside.startsWith('..') && !isAbsolute(inside));
}

/** The worker's side: the folder a job names, resolved against `root`; refused when outside. */
export function workerPath(named: string, root: string, host: string): string {
  const path = resolve(root, named);
  if (!isInside(path, root)) {
    throw new QueueError(
      `worker ${host}: the job names ${JSON.stringify(named)}, outside this worker's --root ${root}; start the worker with a --root that holds the config's files`,
    );
  }
  return path;
}

// Fields of problem blocks that name files: user modules, data files, solutions, teachers.
const PATH_FIELDS = new Set(['module', 'path', 'file', 'solution', 'teacher']);

/**
 * The coordinator's side of a problem block: absolute file paths inside `root` become relative
 * to `baseDir` (config builders store them absolute), so that workers resolve them under theirs.
 */
export function portableProblem(block: unknown, baseDir: string, root: string): unknown {
  if (block === null || typeof block !== 'object') return block;
  if (Array.isArray(block)) return block.map((item) => portableProblem(item, baseDir, root));
  const copy: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(block as Record<string, unknown>)) {
    copy[field] =
      typeof value === 'string' && PATH_FIELDS.has(field) && isAbsolute(value)
        ? isInside(value, resolve(root))
          ? relative(resolve(baseDir), value).split(sep).join('/')
          : value
        : portableProblem(value, baseDir, root);
  }
  return copy;
}

/** Refuses a problem block naming a file (resolved against `baseDir`) outside `root`. */
export function checkProblemPaths(
  block: unknown,
  baseDir: string,
  root: string,
  host: string,
  where = 'problem',
): void {
  if (block === null || typeof block !== 'object') return;
  for (const [field, value] of Object.entries(block as Record<string, unknown>)) {
    const at = Array.isArray(block) ? `${where}[${field}]` : `${where}.${field}`;
    if (typeof value === 'string' && PATH_FIELDS.has(field)) {
      if (!isInside(resolve(baseDir, value), root)) {
        throw new QueueError(
          `worker ${host}: the job's ${at} names ${JSON.stringify(value)}, outside this worker's --root ${root}`,
        );
      }
    } else {
      checkProblemPaths(value, baseDir, root, host, at);
    }
  }
}
