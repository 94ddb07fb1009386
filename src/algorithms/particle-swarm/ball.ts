// Sampling in an n-dimensional ball, the move of SPSO-2011 (Clerc 2012): a direction from a
// normalized Gaussian vector (ziggurat deviates) and a radius drawn by one of two laws. `radius` (r = R U) puts as
// many points at every distance from the centre, so they gather near it in high dimension;
// `volume` (r = R U^(1/n)) is uniform in the ball's volume, so nearly every point lies close to
// the surface once n is large.
import type { Rng } from '../../core/rng.js';
import { standardNormal } from '../operators/ziggurat.js';

/** How the distance from the centre is drawn. */
export type BallSampling = 'radius' | 'volume';

export const BALL_SAMPLINGS: readonly BallSampling[] = ['radius', 'volume'];

/** Writes into `out` a point drawn in the ball of centre `centre` and radius `radius`. */
export function sampleBall(
  centre: readonly number[],
  radius: number,
  sampling: BallSampling,
  rng: Rng,
  out: number[],
): number[] {
  const n = centre.length;
  let length = 0;
  for (let i = 0; i < n; i++) {
    const g = standardNormal(rng);
    out[i] = g;
    length += g * g;
  }
  length = Math.sqrt(length);
  const u = rng.next();
  const r = radius * (sampling === 'radius' ? u : u ** (1 / n));
  const scale = length > 0 ? r / length : 0;
  for (let i = 0; i < n; i++) out[i] = (centre[i] as number) + scale * (out[i] as number);
  return out;
}
