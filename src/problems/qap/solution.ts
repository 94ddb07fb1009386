// Matching a QAPLIB solution file to its instance: which reading of the listed permutation
// reproduces the stated value (kra30a.sln and tho30.sln list the inverse permutation).
import { DataFileError } from '../../core/errors.js';
import { qapCost } from './moves.js';
import type { QapInstance, QapSolutionFile } from './qaplib.js';

/** A solution whose permutation reproduces its stated value. */
export interface QapSolution {
  /** 0-based: facility i goes to location permutation[i]. */
  readonly permutation: number[];
  /** The stated value, which qapCost(instance, permutation) equals. */
  readonly value: number;
  /**
   * How the file lists it: `as-given` (location of each facility) or `inverse` (facility of
   * each location, as in QAPLIB's kra30a.sln and tho30.sln).
   */
  readonly convention: 'as-given' | 'inverse';
  /** 1 for 1-based files, 0 for 0-based ones (tai40a.sln). */
  readonly indexBase: 0 | 1;
}

/** The inverse of a permutation. */
export function invertPermutation(p: readonly number[]): number[] {
  const inverse = new Array<number>(p.length);
  p.forEach((location, facility) => {
    inverse[location] = facility;
  });
  return inverse;
}

/**
 * Reads `solution` against `instance`: the permutation as given when its cost is the stated
 * value, else its inverse when that one's is; a file matching neither is malformed.
 */
export function matchSolution(instance: QapInstance, solution: QapSolutionFile): QapSolution {
  if (solution.size !== instance.size) {
    throw new DataFileError(
      solution.file,
      1,
      `expected n = ${instance.size} (the size of ${instance.name}), got ${solution.size}`,
    );
  }
  const common = { value: solution.value, indexBase: solution.indexBase };
  const asGiven = qapCost(instance, solution.permutation);
  if (asGiven === solution.value) {
    return { ...common, permutation: solution.permutation.slice(), convention: 'as-given' };
  }
  const inverse = invertPermutation(solution.permutation);
  const inverted = qapCost(instance, inverse);
  if (inverted === solution.value)
    return { ...common, permutation: inverse, convention: 'inverse' };
  throw new DataFileError(
    solution.file,
    1,
    `the stated value ${solution.value} is not the cost of the permutation (${asGiven}) nor of its inverse (${inverted}) on ${instance.name}`,
  );
}
