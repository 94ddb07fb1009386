// A copy of a candidate that its holder may keep or hand out: candidates are plain data, usually
// number vectors or flat records of values.

/**
 * A copy of `x`: flat vectors and records of primitives by a shallow copy (about 1/15 of the
 * cost of structuredClone), anything nested by structuredClone.
 */
export function copyCandidate<X>(x: X): X {
  if (x === null || typeof x !== 'object') return x;
  if (Array.isArray(x)) {
    for (const v of x) if (v !== null && typeof v === 'object') return structuredClone(x);
    return x.slice() as X;
  }
  const record = x as Record<string, unknown>;
  for (const key in record) {
    const v = record[key];
    if (v !== null && typeof v === 'object') return structuredClone(x);
  }
  return { ...record } as X;
}
