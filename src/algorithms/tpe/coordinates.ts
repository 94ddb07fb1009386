// How the TPE reads a space: one coordinate per variable of the vector embedding, either
// numeric (an interval) or categorical (a number of values and their encodings), and which
// coordinates a candidate actually uses (inactive conditional parameters do not count).
import type { Space } from '../../core/space.js';

/** A coordinate of the embedding, as the TPE models it. */
export type Coordinate =
  | { kind: 'numeric'; low: number; high: number }
  | {
      kind: 'categorical';
      count: number;
      encode: (index: number) => number;
      decode: (u: number) => number;
    };

const bins = (count: number) => ({
  kind: 'categorical' as const,
  count,
  encode: (index: number) => (index + 0.5) / count,
  decode: (u: number) => Math.min(count - 1, Math.max(0, Math.floor(u * count))),
});

/** The coordinates of a space's embedding. */
export function coordinatesOf(space: Space<unknown>): Coordinate[] {
  const spec = space.spec;
  switch (spec.kind) {
    case 'categorical':
      return spec.choices.map((choices) => bins(choices.length));
    case 'binary':
      return Array.from({ length: spec.size }, () => ({
        kind: 'categorical' as const,
        count: 2,
        encode: (index: number) => index,
        decode: (u: number) => (u >= 0.5 ? 1 : 0),
      }));
    case 'mixed':
      return Object.values(spec.parameters).map((parameter) =>
        parameter.type === 'categorical'
          ? bins(parameter.choices.length)
          : parameter.type === 'boolean'
            ? bins(2)
            : { kind: 'numeric' as const, low: 0, high: 1 },
      );
    default:
      return space.vectorLower.map((low, i) => ({
        kind: 'numeric' as const,
        low,
        high: space.vectorUpper[i] as number,
      }));
  }
}

/** Which coordinates a candidate uses: all, except the inactive parameters of a mixed space. */
export function activeCoordinates(space: Space<unknown>, x: unknown): boolean[] {
  const spec = space.spec;
  if (spec.kind !== 'mixed') return new Array<boolean>(space.dimension).fill(true);
  const values = x as Record<string, unknown>;
  return Object.keys(spec.parameters).map((name) => name in values);
}

// Per list of observations (which only ever grows): how many it had at the last call, and a
// label per coordinate, equal for coordinates active in the same ones of those observations.
const labelCache = new WeakMap<object, { count: number; labels: Int32Array }>();

// Splits the coordinates' classes (labels) by whether each is active in `active`: afterwards
// equal labels mean equal activity there too. Labels stay numbered in order of first coordinate.
function refine(labels: Int32Array, active: readonly boolean[]): void {
  const dimension = labels.length;
  const renamed = new Int32Array(2 * dimension).fill(-1);
  let next = 0;
  for (let d = 0; d < dimension; d++) {
    const key = 2 * (labels[d] as number) + (active[d] === true ? 1 : 0);
    if (renamed[key] === -1) renamed[key] = next++;
    labels[d] = renamed[key] as number;
  }
}

/**
 * The groups of coordinates sampled jointly: coordinates active in exactly the same trials of
 * `observations` and `running` (a conditional parameter and its siblings under the same
 * condition) form one group, as Optuna's group decomposition does; each group is modelled on the
 * trials where it is active. Groups come in order of their first coordinate. The classes kept
 * from the last call on the same `observations` list are refined with the observations added
 * since (a list that shrank is read again from its start).
 */
export function observedCoordinateGroups(
  dimension: number,
  observations: readonly { active: readonly boolean[] }[],
  running: readonly { active: readonly boolean[] }[],
): number[][] {
  let cached = labelCache.get(observations);
  if (
    cached === undefined ||
    cached.labels.length !== dimension ||
    cached.count > observations.length
  ) {
    cached = { count: 0, labels: new Int32Array(dimension) };
    labelCache.set(observations, cached);
  }
  for (; cached.count < observations.length; cached.count++) {
    refine(cached.labels, (observations[cached.count] as { active: readonly boolean[] }).active);
  }
  const labels = cached.labels.slice();
  for (const r of running) refine(labels, r.active);
  const groups: number[][] = [];
  for (let d = 0; d < dimension; d++) {
    const label = labels[d] as number;
    if (label === groups.length) groups.push([d]);
    else (groups[label] as number[]).push(d);
  }
  return groups;
}
