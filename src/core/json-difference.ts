// The first place where two JSON values differ, so that a message can name that setting and its
// two values instead of printing both values whole.
import { isRecord } from './guards.js';

/** Where two JSON values first differ: a path (`solver.sizes[1]`) and the value on each side. */
export interface JsonDifference {
  path: string;
  before: unknown;
  after: unknown;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The first difference between `before` and `after` (JSON data), depth first in key order, its
 * path starting with `root`; undefined when they serialize alike. A key missing on one side
 * differs with `undefined` there.
 */
export function firstDifference(
  before: unknown,
  after: unknown,
  root: string,
): JsonDifference | undefined {
  if (JSON.stringify(before) === JSON.stringify(after)) return undefined;
  if (isRecord(before) && isRecord(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) {
      const path = IDENTIFIER.test(key) ? `${root}.${key}` : `${root}[${JSON.stringify(key)}]`;
      const difference = firstDifference(before[key], after[key], path);
      if (difference !== undefined) return difference;
    }
  } else if (Array.isArray(before) && Array.isArray(after)) {
    for (let index = 0; index < Math.max(before.length, after.length); index++) {
      const difference = firstDifference(before[index], after[index], `${root}[${index}]`);
      if (difference !== undefined) return difference;
    }
  }
  // Different kinds of value, or the same entries in another order.
  return { path: root, before, after };
}
