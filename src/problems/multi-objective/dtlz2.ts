// DTLZ2 (Deb, Thiele, Laumanns & Zitzler, 2002/2005): M objectives on [0, 1]^n whose Pareto
// front is the unit sphere's positive orthant, reached when x_M..x_n = 0.5.
import {
  dasDennisDirections,
  defaultPartitions,
} from '../../multi-objective/reference-directions.js';

/** The M objective values of x: (1 + g) times the spherical coordinates of x1..x_{M-1}. */
export function dtlz2(x: readonly number[], objectives: number): number[] {
  let g = 0;
  for (let i = objectives - 1; i < x.length; i++) {
    const d = (x[i] as number) - 0.5;
    g += d * d;
  }
  const values = new Array<number>(objectives);
  for (let m = 0; m < objectives; m++) {
    // f_m = (1 + g) cos(x1 pi/2) ... cos(x_{M-m-1} pi/2) [sin(x_{M-m} pi/2) unless m = 0].
    let value = 1 + g;
    const cosines = objectives - 1 - m;
    for (let j = 0; j < cosines; j++) value *= Math.cos(((x[j] as number) * Math.PI) / 2);
    if (m > 0) value *= Math.sin(((x[cosines] as number) * Math.PI) / 2);
    values[m] = value;
  }
  return values;
}

/**
 * Points of the exact front: the Das-Dennis directions (12 partitions for 3 objectives: 91
 * points) projected onto the unit sphere, as pymoo samples it.
 */
export function dtlz2Front(objectives: number): number[][] {
  return dasDennisDirections(objectives, defaultPartitions(objectives)).map((d) => {
    const norm = Math.hypot(...d);
    return d.map((v) => v / norm);
  });
}
