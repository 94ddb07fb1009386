// Reference directions on the unit simplex by Das & Dennis (SIAM J. Optim. 8(3) 1998): every
// point whose coordinates are multiples of 1/partitions and sum to 1, as NSGA-III uses them.

/** The C(partitions + M - 1, M - 1) points of the simplex grid, in lexicographic order. */
export function dasDennisDirections(objectives: number, partitions: number): number[][] {
  const directions: number[][] = [];
  const current = new Array<number>(objectives).fill(0);
  const fill = (index: number, left: number): void => {
    if (index === objectives - 1) {
      current[index] = left / partitions;
      directions.push(current.slice());
      return;
    }
    for (let k = 0; k <= left; k++) {
      current[index] = k / partitions;
      fill(index + 1, left - k);
    }
  };
  fill(0, partitions);
  return directions;
}

/**
 * How many directions {@link dasDennisDirections} would build, C(partitions + M - 1, M - 1),
 * counted without building them; past `limit` the count stops and Infinity is returned.
 */
export function dasDennisCount(objectives: number, partitions: number, limit: number): number {
  let count = 1;
  // C(p + i, i) = C(p + i - 1, i - 1) (p + i) / i, an integer at each step.
  for (let i = 1; i < objectives; i++) {
    count = (count * (partitions + i)) / i;
    if (count > limit) return Infinity;
  }
  return count;
}

/** Partitions of the Das-Dennis grid NSGA-III uses by default (Deb & Jain 2014, Table I). */
export function defaultPartitions(objectives: number): number {
  if (objectives <= 2) return 99;
  if (objectives === 3) return 12;
  if (objectives === 4) return 8;
  if (objectives === 5) return 6;
  return 4;
}
