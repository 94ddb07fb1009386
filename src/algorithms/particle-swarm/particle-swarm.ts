// Particle swarm optimization, SPSO-2011 (Clerc 2012, "Standard Particle Swarm Optimisation";
// Zambrano-Bigiarini, Clerc & Rojas, CEC 2013): rotation-invariant moves sampled in a ball around
// the centre of gravity of the particle, its best and its best informant's, inertia
// 1 / (2 ln 2), acceleration 0.5 + ln 2, adaptive random topology with 3 informants. It searches
// the space's vector embedding scaled to [0, 1]; other kinds go through their embedding. The
// swarm moves synchronously (one ask is every particle's move), so a worker pool evaluates it
// whole and the result does not depend on the number of workers.
import type { Rng } from '../../core/rng.js';
import { defineSolver, type SolverContext } from '../../core/solver.js';
import { SPACE_KINDS, type Space } from '../../core/space.js';
import { sampleBall } from './ball.js';
import {
  DEFAULT_PARAMS,
  PARAMS_SCHEMA,
  informantIssues,
  type ParticleSwarmParams,
} from './params.js';
import { bestInformant, randomTopology } from './topology.js';

export type { ParticleSwarmParams } from './params.js';

/** The state of a swarm (plain data), in unit-scaled coordinates. */
export interface ParticleSwarmState {
  params: ParticleSwarmParams;
  positions: number[][];
  velocities: number[][];
  bestPositions: number[][];
  bestValues: number[];
  informedBy: number[][];
  swarmBest: number;
  iterations: number;
  /** Iterations since the swarm best last improved. */
  stalled: number;
  restarts: number;
}

/**
 * SPSO-2011. Particle i with position x, velocity v, personal best p and best informant l
 * moves to G = x + c (p + l - 2x) / 3 (G = x + c (p - x) / 2 when it is its own best informant),
 * draws x' in the ball of centre G and radius |G - x| (at a distance uniform in [0, |G - x|]
 * by default, see `ballSampling`), and sets v = w v + x' - x,
 * x = x + v; a coordinate leaving the box is clamped and its velocity reversed and halved.
 *
 * @example
 * minimize(problem, 'particle-swarm', { budget: { evaluations: 100_000 } });
 */
export const particleSwarm = defineSolver<ParticleSwarmParams, ParticleSwarmState>({
  name: 'particle-swarm',
  description:
    'Particle swarm optimization (SPSO-2011: ball sampling, adaptive random topology) on real spaces and vector embeddings.',
  supports: SPACE_KINDS,
  defaultParams: DEFAULT_PARAMS,
  paramsSchema: PARAMS_SCHEMA,
  checkParams: informantIssues,

  init<X>(context: SolverContext<X>, params: ParticleSwarmParams, rng: Rng): ParticleSwarmState {
    const state: ParticleSwarmState = {
      params,
      positions: [],
      velocities: [],
      bestPositions: [],
      bestValues: [],
      informedBy: [],
      swarmBest: Infinity,
      iterations: 0,
      stalled: 0,
      restarts: 0,
    };
    scatter(state, context.space.dimension, rng);
    return state;
  },

  ask<X>(state: ParticleSwarmState, context: SolverContext<X>, rng: Rng): X[] {
    if (state.bestValues.length > 0) move(state, rng);
    const scratch = new Array<number>(context.space.dimension).fill(0);
    const candidates = new Array<X>(state.positions.length);
    for (let k = 0; k < state.positions.length; k++) {
      candidates[k] = decode(context.space, state.positions[k]!, scratch);
    }
    return candidates;
  },

  tell<X>(
    state: ParticleSwarmState,
    _context: SolverContext<X>,
    _xs: X[],
    told: number[],
    rng: Rng,
  ) {
    const first = state.bestValues.length === 0;
    let improved = false;
    for (let k = 0; k < state.positions.length; k++) {
      const raw = told[k] as number;
      const value = Number.isNaN(raw) ? Infinity : raw;
      if (first || value < (state.bestValues[k] as number)) {
        copyInto(state.bestPositions, k, state.positions[k] as number[]);
        state.bestValues[k] = value;
      }
      if (value < state.swarmBest) {
        state.swarmBest = value;
        improved = true;
      }
    }
    state.iterations++;
    state.stalled = improved ? 0 : state.stalled + 1;
    const { restartAfter, swarmSize, informants } = state.params;
    if (restartAfter > 0 && state.stalled >= restartAfter) {
      state.restarts++;
      scatter(state, state.positions[0]?.length ?? 0, rng);
    } else if (!improved) {
      state.informedBy = randomTopology(swarmSize, informants, rng, state.informedBy);
    }
  },
});

/**
 * A fresh swarm: positions uniform in the box, velocities U(lo - x, hi - x), new links; the
 * personal bests and the swarm best are forgotten (the runner keeps the run's best).
 */
function scatter(state: ParticleSwarmState, n: number, rng: Rng): void {
  const { swarmSize, informants } = state.params;
  state.positions = [];
  state.velocities = [];
  for (let k = 0; k < swarmSize; k++) {
    const x: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < n; i++) {
      const xi = rng.next();
      x.push(xi);
      v.push(rng.uniform(-xi, 1 - xi));
    }
    state.positions.push(x);
    state.velocities.push(v);
  }
  state.bestPositions = [];
  state.bestValues = [];
  state.informedBy = randomTopology(swarmSize, informants, rng);
  state.swarmBest = Infinity;
  state.stalled = 0;
}

/** Moves every particle once (SPSO-2011's velocity and position update with confinement). */
function move(state: ParticleSwarmState, rng: Rng): void {
  const { inertia, acceleration } = state.params;
  const n = state.positions[0]?.length ?? 0;
  const centre = new Array<number>(n);
  const drawn = new Array<number>(n);
  for (let k = 0; k < state.positions.length; k++) {
    const x = state.positions[k] as number[];
    const v = state.velocities[k] as number[];
    const p = state.bestPositions[k] as number[];
    const informant = bestInformant(state.informedBy[k] as number[], state.bestValues);
    const l = state.bestPositions[informant] as number[];
    let radius = 0;
    if (informant === k) {
      for (let i = 0; i < n; i++) {
        const xi = x[i]!;
        const g = xi + (acceleration * (p[i]! - xi)) / 2;
        centre[i] = g;
        radius += (g - xi) * (g - xi);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const xi = x[i]!;
        const g = xi + (acceleration * (p[i]! + l[i]! - 2 * xi)) / 3;
        centre[i] = g;
        radius += (g - xi) * (g - xi);
      }
    }
    sampleBall(centre, Math.sqrt(radius), state.params.ballSampling, rng, drawn);
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      let vi = inertia * (v[i] as number) + (drawn[i] as number) - xi;
      let next = xi + vi;
      if (next < 0) {
        next = 0;
        vi = -0.5 * vi;
      } else if (next > 1) {
        next = 1;
        vi = -0.5 * vi;
      }
      x[i] = next;
      v[i] = vi;
    }
  }
}

/**
 * Decodes a unit-box position into the space through `vector`, scratch of length n (fromVector
 * returns a new candidate, never its argument).
 */
function decode<X>(space: Space<X>, unit: readonly number[], vector: number[]): X {
  const n = unit.length;
  for (let i = 0; i < n; i++) {
    const low = space.vectorLower[i] as number;
    vector[i] = low + ((space.vectorUpper[i] as number) - low) * (unit[i] as number);
  }
  return space.fromVector(vector);
}

/** rows[k] = a copy of `source`, reusing the row already there (no allocation per improvement). */
function copyInto(rows: number[][], k: number, source: readonly number[]): void {
  const row = rows[k];
  if (row === undefined || row.length !== source.length) {
    rows[k] = source.slice();
    return;
  }
  for (let i = 0; i < source.length; i++) row[i] = source[i] as number;
}
