// Finite-difference gradients inside a box: the stencil of points to evaluate (one batch) and the
// gradient computed from their values. Steps follow Nocedal & Wright 2006, section 8.1: h relative
// to max(1, |x_i|), sqrt(eps) for forward and eps^(1/3) for central differences; at a bound the
// stencil turns one-sided into the box (second-order one-sided formula for `central`).

/** How the gradient is approximated: d points (forward) or 2d points (central, more accurate). */
export type DifferenceScheme = 'forward' | 'central';

/** Default relative steps of each scheme. */
export const DEFAULT_DIFFERENCE_STEP: Record<DifferenceScheme, number> = {
  forward: Math.sqrt(Number.EPSILON),
  central: Math.cbrt(Number.EPSILON),
};

/** How one coordinate's derivative is read from the stencil values. */
export interface StencilEntry {
  coordinate: number;
  /** forward: (f1 - f0) / h; central: (f1 - f2) / 2h; one-sided: the 3-point formula. */
  formula: 'forward' | 'backward' | 'central' | 'forward-3' | 'backward-3';
  /** The step actually taken (exactly representable difference). */
  step: number;
  /** Index of the first (and second) stencil point in the batch. */
  first: number;
  second: number;
}

/** The points to evaluate around x (x itself excluded) and how to read the gradient from them. */
export interface Stencil {
  points: number[][];
  entries: StencilEntry[];
}

/**
 * The stencil of `scheme` around x inside [lower, upper]. Fixed coordinates (lower = upper) get
 * no points and a zero derivative. `relativeStep` scales h = relativeStep * max(1, |x_i|).
 */
export function gradientStencil(
  x: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  scheme: DifferenceScheme,
  relativeStep: number,
): Stencil {
  const points: number[][] = [];
  const entries: StencilEntry[] = [];
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    const width = hi - lo;
    if (!(width > 0)) continue;
    const reach = scheme === 'central' ? 2 : 1;
    let h = relativeStep * Math.max(1, Math.abs(xi));
    if (reach * h > width) h = width / (reach + 1);
    const roomUp = hi - xi >= reach * h;
    const roomDown = xi - lo >= reach * h;
    if (scheme === 'forward') {
      if (roomUp || !roomDown) {
        const up = Math.min(hi, xi + h);
        entries.push(entry(i, 'forward', up - xi, at(points, x, i, up), -1));
      } else {
        const down = xi - h;
        entries.push(entry(i, 'backward', xi - down, at(points, x, i, down), -1));
      }
    } else if (hi - xi >= h && xi - lo >= h) {
      const up = xi + h;
      const down = xi - h;
      entries.push(
        entry(i, 'central', (up - down) / 2, at(points, x, i, up), at(points, x, i, down)),
      );
    } else if (roomUp) {
      entries.push(
        entry(i, 'forward-3', h, at(points, x, i, xi + h), at(points, x, i, xi + 2 * h)),
      );
    } else {
      entries.push(
        entry(i, 'backward-3', h, at(points, x, i, xi - h), at(points, x, i, xi - 2 * h)),
      );
    }
  }
  return { points, entries };
}

// Adds x with coordinate i set to `value` to the stencil; returns its index.
function at(points: number[][], x: readonly number[], i: number, value: number): number {
  const p = x.slice();
  p[i] = value;
  points.push(p);
  return points.length - 1;
}

function entry(
  coordinate: number,
  formula: StencilEntry['formula'],
  step: number,
  first: number,
  second: number,
): StencilEntry {
  return { coordinate, formula, step, first, second };
}

/**
 * The gradient from the stencil values (in the order of `stencil.points`, starting at
 * `values[offset]`) and f(x). A derivative whose points failed (non-finite values) is set to 0:
 * that coordinate is left alone.
 */
export function gradientFromStencil(
  dimension: number,
  entries: readonly StencilEntry[],
  center: number,
  values: readonly number[],
  offset = 0,
): number[] {
  const gradient = new Array<number>(dimension).fill(0);
  for (const e of entries) {
    const f1 = values[e.first + offset] as number;
    const f2 = e.second >= 0 ? (values[e.second + offset] as number) : 0;
    const h = e.step;
    let derivative: number;
    switch (e.formula) {
      case 'forward':
        derivative = (f1 - center) / h;
        break;
      case 'backward':
        derivative = (center - f1) / h;
        break;
      case 'central':
        derivative = (f1 - f2) / (2 * h);
        break;
      case 'forward-3':
        derivative = (-3 * center + 4 * f1 - f2) / (2 * h);
        break;
      case 'backward-3':
        derivative = (3 * center - 4 * f1 + f2) / (2 * h);
        break;
    }
    gradient[e.coordinate] = Number.isFinite(derivative) ? derivative : 0;
  }
  return gradient;
}
