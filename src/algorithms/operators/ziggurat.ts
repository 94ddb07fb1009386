// Standard normal deviates by the ziggurat method (Marsaglia & Tsang 2000, "The Ziggurat Method
// for Generating Random Variables", J. Stat. Softw. 5(8)), 128 layers, with Marsaglia's (1964)
// tail: one uniform draw and no transcendental function for 98.8% of the deviates.
import type { Rng } from '../../core/rng.js';

// The base layer's right edge r and the common area v of the 128 layers (Marsaglia & Tsang).
const LAYERS = 128;
export const TAIL_START = 3.442619855899;
export const LAYER_AREA = 9.91256303526217e-3;

const density = (x: number): number => Math.exp(-0.5 * x * x);

/**
 * edges[i]: the right edge of layer i (edges[0] = v / f(r), the base strip's pseudo-width, which
 * includes the tail; edges[1] = r; edges[128] = 0); heights[i] = f(edges[i]). Layer i >= 1 lies
 * between the heights f(edges[i]) and f(edges[i + 1]), so the part of it left of edges[i + 1] is
 * entirely under the curve. Exported for the tests: read-only.
 */
export const edges = new Float64Array(LAYERS + 1);
export const heights = new Float64Array(LAYERS + 1);
edges[0] = LAYER_AREA / density(TAIL_START);
edges[1] = TAIL_START;
for (let i = 1; i < LAYERS - 1; i++) {
  edges[i + 1] = Math.sqrt(-2 * Math.log(LAYER_AREA / edges[i]! + density(edges[i]!)));
}
edges[LAYERS] = 0;
for (let i = 0; i <= LAYERS; i++) heights[i] = density(edges[i]!);

/**
 * Indexed by the top 8 bits of a draw, sign and layer together (t = 128 sign + layer):
 * `inside[t]` = edges[layer + 1] / edges[layer], below which a draw is accepted without
 * evaluating f, and `signedEdges[t]` = +-edges[layer]. fraction * (-e) is exactly -(fraction * e),
 * so the fast path needs neither the layer mask nor a branch on the sign (a branch that the
 * processor mispredicts half the time: this halves the cost of a deviate).
 */
const inside = new Float64Array(2 * LAYERS);
const signedEdges = new Float64Array(2 * LAYERS);
for (let top = 0; top < 2 * LAYERS; top++) {
  const layer = top & (LAYERS - 1);
  inside[top] = edges[layer + 1]! / edges[layer]!;
  signedEdges[top] = top >= LAYERS ? -edges[layer]! : edges[layer]!;
}

/**
 * A standard normal deviate. One draw of `rng` gives 32 bits: the top one chooses the sign, the
 * next 7 the layer and the low 24 the abscissa within the layer (disjoint bits, so sign, layer
 * and abscissa are independent). A draw outside the layer's inner rectangle (1.2%) takes more draws:
 * the wedge is tested against the density, and the base layer's overflow is a tail deviate.
 */
export function standardNormal(rng: Rng): number {
  for (;;) {
    const scaled = rng.next() * (2 * LAYERS);
    const top = scaled | 0;
    const fraction = scaled - top;
    if (fraction < inside[top]!) return fraction * signedEdges[top]!;
    const layer = top & (LAYERS - 1);
    let x: number;
    if (layer === 0) {
      x = normalTail(rng);
    } else {
      x = fraction * edges[layer]!;
      const y = heights[layer]! + rng.next() * (heights[layer + 1]! - heights[layer]!);
      if (y >= density(x)) continue;
    }
    // A product, not a choice between -x and x: when normalTail is not inlined its result is an
    // untyped value, and returning it as it is would make the compiler box every deviate of the
    // fast path as well (a heap number per call); x * -1 is exactly -x.
    return x * (top >= LAYERS ? -1 : 1);
  }
}

/**
 * A deviate of the standard normal conditioned on x > r, r = 3.442619855899 (Marsaglia 1964):
 * exponential proposals, accepted with 2b > a^2.
 */
export function normalTail(rng: Rng): number {
  for (;;) {
    // 1 - u keeps the logarithms finite: u is in [0, 1).
    const a = -Math.log(1 - rng.next()) / TAIL_START;
    const b = -Math.log(1 - rng.next());
    if (2 * b > a * a) return TAIL_START + a;
  }
}
