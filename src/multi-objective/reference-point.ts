// The reference point of a hypervolume when none is given: derived from the front itself and
// reported with the hypervolume, so that figures can be compared and recomputed.

/** Margin beyond the front's worst value, as a fraction of its range in each objective. */
export const REFERENCE_MARGIN = 0.1;

/**
 * A reference point for the front `points` (minimized): in each objective, the worst value (the
 * nadir) plus 10% of the front's range there; where the range is 0, plus 10% of the worst
 * value's magnitude, or 1 when that is 0. Every point of the front then adds to the hypervolume.
 * Empty fronts have no reference point (undefined).
 */
export function deriveReferencePoint(points: readonly (readonly number[])[]): number[] | undefined {
  const first = points[0];
  if (first === undefined) return undefined;
  return first.map((_, j) => {
    let worst = -Infinity;
    let best = Infinity;
    for (const p of points) {
      const v = p[j] as number;
      if (v > worst) worst = v;
      if (v < best) best = v;
    }
    const range = worst - best;
    const margin =
      range > 0 ? REFERENCE_MARGIN * range : worst !== 0 ? REFERENCE_MARGIN * Math.abs(worst) : 1;
    return worst + margin;
  });
}

/** The JSON Schema of a config's `referencePoint`: numbers in objective order, or by name. */
export const referencePointSchema: Record<string, unknown> = {
  description:
    "Hypervolume reference point of a multi-objective problem, in the objectives' own terms: an array in objective order or an object by objective name. Derived from the front (and reported) when absent.",
  oneOf: [
    { type: 'array', items: { type: 'number' }, minItems: 2 },
    { type: 'object', additionalProperties: { type: 'number' }, minProperties: 2 },
  ],
};
