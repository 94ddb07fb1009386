// JSON that keeps non-finite numbers: solver states hold Infinity (the value of a failed
// evaluation, the best value before any), which plain JSON would turn into null.

const MARK = '$number';

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { [MARK]: String(value) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const text = record[MARK];
    if (typeof text === 'string' && Object.keys(record).length === 1) return Number(text);
  }
  return value;
}

/** JSON text of `value`, with Infinity, -Infinity and NaN preserved as `{"$number": "..."}`. */
export function stringifyState(value: unknown, space?: number): string {
  return JSON.stringify(value, replacer, space);
}

/** Parses text written by {@link stringifyState}. */
export function parseState<T = unknown>(text: string): T {
  return JSON.parse(text, reviver) as T;
}
