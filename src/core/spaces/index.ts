// The space constructors, and rebuilding a space from its JSON spec.
import { ParameterError, describeValue } from '../errors.js';
import type { Space, SpaceSpec } from '../space.js';
import { binarySpace } from './binary.js';
import { categoricalSpace } from './categorical.js';
import { integerSpace } from './integer.js';
import { mixedSpace } from './mixed.js';
import { permutationSpace } from './permutation.js';
import { realSpace } from './real.js';

export { binarySpace, categoricalSpace, integerSpace, mixedSpace, permutationSpace, realSpace };

/** Rebuilds a space from {@link Space.spec} (for worker threads and saved studies). */
export function spaceFromSpec(spec: SpaceSpec): Space<unknown> {
  switch (spec.kind) {
    case 'real':
      return realSpace(spec);
    case 'integer':
      return integerSpace(spec);
    case 'categorical':
      return categoricalSpace(spec);
    case 'mixed':
      return mixedSpace(spec);
    case 'permutation':
      return permutationSpace(spec);
    case 'binary':
      return binarySpace(spec);
    default:
      throw new ParameterError(
        `spaceFromSpec: kind must be one of real, integer, categorical, mixed, permutation, binary (got ${describeValue((spec as { kind?: unknown }).kind)})`,
      );
  }
}
