// Explicit name -> module maps that refuse duplicates and unknown names with a useful sentence.
import { RegistryError } from './errors.js';
import { closestName } from './suggest.js';

/** A read-only registry of named entries. */
export interface Registry<T> {
  /** What the entries are, e.g. `solver`. */
  readonly kind: string;
  /** The entry named `name`; throws a {@link RegistryError} listing the known names otherwise. */
  get(name: string): T;
  has(name: string): boolean;
  /** The names, in registration order. */
  names(): string[];
  /** The entries, in registration order. */
  entries(): T[];
}

/** Builds a registry from entries keyed by `nameOf(entry)`; refuses a duplicate name. */
export function createRegistry<T>(
  kind: string,
  entries: readonly T[],
  nameOf: (entry: T) => string,
): Registry<T> {
  const map = new Map<string, T>();
  for (const entry of entries) {
    const name = nameOf(entry);
    if (map.has(name))
      throw new RegistryError(
        `${kind} registry: the name ${JSON.stringify(name)} is registered twice`,
      );
    map.set(name, entry);
  }
  return {
    kind,
    get(name: string): T {
      const entry = map.get(name);
      if (entry !== undefined) return entry;
      const guess = closestName(name, map.keys());
      const hint = guess === undefined ? '' : ` Did you mean ${JSON.stringify(guess)}?`;
      throw new RegistryError(
        `unknown ${kind} ${JSON.stringify(name)}; known ${kind}s: ${[...map.keys()].join(', ')}.${hint}`,
      );
    },
    has: (name) => map.has(name),
    names: () => [...map.keys()],
    entries: () => [...map.values()],
  };
}
