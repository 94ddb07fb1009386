// Particle swarm (SPSO-2011): constants, the ball sampler's radius laws, the adaptive random
// topology, restarts, and convergence on smooth problems.
import { describe, expect, it } from 'vitest';
import { sampleBall } from '../../src/algorithms/particle-swarm/ball.js';
import {
  particleSwarm,
  type ParticleSwarmState,
} from '../../src/algorithms/particle-swarm/particle-swarm.js';
import { bestInformant, randomTopology } from '../../src/algorithms/particle-swarm/topology.js';
import type { Problem } from '../../src/core/problem.js';
import { createRng } from '../../src/core/rng.js';
import { realSpace } from '../../src/core/spaces/index.js';
import { minimize } from '../../src/runners/minimize.js';

const sphere = (d: number): Problem<number[]> => ({
  name: `sphere-${d}`,
  space: realSpace({ lower: new Array<number>(d).fill(-5), upper: new Array<number>(d).fill(5) }),
  evaluate: (x) => x.reduce((s, v) => s + (v - 1) ** 2, 0),
});

function distances(sampling: 'radius' | 'volume', n: number, draws: number): number[] {
  const rng = createRng(11);
  const centre = new Array<number>(n).fill(0.25);
  const out = new Array<number>(n);
  const result: number[] = [];
  for (let k = 0; k < draws; k++) {
    sampleBall(centre, 2, sampling, rng, out);
    result.push(Math.hypot(...out.map((x, i) => x - (centre[i] as number))));
  }
  return result.sort((a, b) => a - b);
}

describe('particle-swarm', () => {
  it('has the SPSO-2011 constants by default', () => {
    const p = particleSwarm.defaultParams;
    expect(p.swarmSize).toBe(40);
    expect(p.inertia).toBe(1 / (2 * Math.log(2)));
    expect(p.acceleration).toBe(0.5 + Math.log(2));
    expect(p.informants).toBe(3);
  });

  it('refuses more informants than particles', () => {
    const params = { ...particleSwarm.defaultParams, swarmSize: 5 };
    expect(particleSwarm.checkParams?.({ ...params, informants: 5 })).toEqual([]);
    expect(particleSwarm.checkParams?.({ ...params, informants: 10 })).toEqual([
      { path: '/informants', message: 'must be at most swarmSize (got 10 with swarmSize 5)' },
    ]);
  });

  it('draws moves within the ball, by the chosen radius law', () => {
    const n = 10;
    const draws = 4000;
    for (const sampling of ['radius', 'volume'] as const) {
      const d = distances(sampling, n, draws);
      expect(d[d.length - 1]).toBeLessThanOrEqual(2);
      const median = d[draws / 2] as number;
      // radius: r = 2U, median 1; volume: r = 2U^(1/n), median 2 * 0.5^(1/n) = 1.866.
      const expected = sampling === 'radius' ? 1 : 2 * 0.5 ** (1 / n);
      expect(Math.abs(median - expected)).toBeLessThan(0.05);
    }
  });

  it('links every particle to itself and to informants drawn at random', () => {
    const rng = createRng(4);
    const links = randomTopology(40, 3, rng);
    expect(links).toHaveLength(40);
    links.forEach((list, i) => expect(list).toContain(i));
    // Each particle informs itself plus at most 3 others: 40 to 160 links in all.
    const total = links.reduce((s, l) => s + l.length, 0);
    expect(total).toBeGreaterThan(40);
    expect(total).toBeLessThanOrEqual(160);
    expect(bestInformant([2, 5, 7], [9, 9, 3, 9, 9, 1, 9, 1])).toBe(5);
  });

  it('converges on a shifted sphere and gives the same run for the same seed', async () => {
    const run = () =>
      minimize(sphere(10), particleSwarm, { budget: { evaluations: 40_000 }, seed: 3 });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.bestValue).toBeLessThan(1e-12);
    expect(b.best).toEqual(a.best);
  });

  it('starts the swarm again after restartAfter iterations without progress', () => {
    const space = realSpace({ lower: [0, 0], upper: [1, 1] });
    const context = { space, gradients: false, budget: {} };
    const rng = createRng(8);
    const state: ParticleSwarmState = particleSwarm.init(
      context,
      { ...particleSwarm.defaultParams, swarmSize: 5, restartAfter: 4 },
      rng,
    );
    for (let i = 0; i < 12; i++) {
      const xs = particleSwarm.ask(state, context, rng);
      particleSwarm.tell(
        state,
        context,
        xs,
        xs.map(() => 1),
        rng,
      );
    }
    // The first iteration improves on +Infinity; then every 4 flat iterations restart the swarm.
    expect(state.restarts).toBe(2);
  });
});
