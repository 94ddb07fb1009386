// Parameters of particle swarm optimization: types, defaults (SPSO-2011, Clerc 2012) and JSON Schema.
import type { ConfigIssue } from '../../core/errors.js';
import type { JsonSchema } from '../../core/solver.js';
import { BALL_SAMPLINGS, type BallSampling } from './ball.js';

/** Parameters of SPSO-2011. */
export interface ParticleSwarmParams {
  /** Particles in the swarm. @defaultValue 40 */
  swarmSize: number;
  /** Inertia weight w. @defaultValue 1 / (2 ln 2) */
  inertia: number;
  /** Acceleration coefficient c, shared by the personal and the neighbourhood term. @defaultValue 0.5 + ln 2 */
  acceleration: number;
  /** Particles each particle informs (besides itself) in the adaptive random topology. @defaultValue 3 */
  informants: number;
  /**
   * How far from the centre of gravity a move lands: `radius` draws the distance uniformly
   * (points gather near the centre), `volume` uniformly in the ball's volume (points near its
   * surface in high dimension, which keeps the swarm from converging: on sphere d = 10 it stalls
   * near 1e-2 after 100,000 evaluations where `radius` reaches 0). @defaultValue 'radius'
   */
  ballSampling: BallSampling;
  /**
   * Iterations in a row without a better swarm best after which the swarm starts again from
   * random positions (the run keeps its best); 0 never restarts. @defaultValue 50
   */
  restartAfter: number;
}

export const DEFAULT_PARAMS: Readonly<ParticleSwarmParams> = {
  swarmSize: 40,
  inertia: 1 / (2 * Math.log(2)),
  acceleration: 0.5 + Math.log(2),
  informants: 3,
  ballSampling: 'radius',
  restartAfter: 50,
};

export const PARAMS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    swarmSize: {
      type: 'integer',
      minimum: 2,
      maximum: 1_000_000,
      description: 'Particles in the swarm.',
    },
    inertia: { type: 'number', minimum: 0, maximum: 2, description: 'Inertia weight w.' },
    acceleration: {
      type: 'number',
      minimum: 0,
      maximum: 10,
      description: 'Acceleration coefficient c of the personal and neighbourhood terms.',
    },
    informants: {
      type: 'integer',
      minimum: 1,
      maximum: 1000,
      description: 'Particles each particle informs in the adaptive random topology.',
    },
    ballSampling: {
      enum: [...BALL_SAMPLINGS],
      description: 'Distance law of a move from the centre of gravity: radius or volume.',
    },
    restartAfter: {
      type: 'integer',
      minimum: 0,
      description: 'Iterations without a better swarm best before a restart; 0 never restarts.',
    },
  },
  additionalProperties: false,
};

/**
 * The issue of `informants` above the swarm: each particle informs that many random particles,
 * so more than `swarmSize` draws the same ones again and means nothing more.
 */
export function informantIssues(params: Readonly<ParticleSwarmParams>): ConfigIssue[] {
  if (params.informants <= params.swarmSize) return [];
  return [
    {
      path: '/informants',
      message: `must be at most swarmSize (got ${params.informants} with swarmSize ${params.swarmSize})`,
    },
  ];
}
