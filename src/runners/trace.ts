// The best-so-far trace: one point per improvement, thinned to a bounded number of points.

/** A point of the best-so-far curve: after `evaluations` evaluations, the best was `value`. */
export interface TracePoint {
  evaluations: number;
  elapsedMs: number;
  value: number;
}

/** Collects improvements; past `maxPoints` it drops every other interior point, keeping the ends. */
export class Trace {
  readonly points: TracePoint[] = [];
  private readonly maxPoints: number;

  constructor(maxPoints = 1000) {
    this.maxPoints = Math.max(4, maxPoints);
  }

  add(point: TracePoint): void {
    this.points.push(point);
    if (this.points.length > this.maxPoints) this.thin();
  }

  private thin(): void {
    const last = this.points.length - 1;
    let kept = 0;
    for (let i = 0; i <= last; i++) {
      if (i === 0 || i === last || i % 2 === 0) this.points[kept++] = this.points[i] as TracePoint;
    }
    this.points.length = kept;
  }
}

/** Evenly thins a trace (by evaluations) to at most `maxPoints`, keeping first and last. */
export function downsampleTrace(points: readonly TracePoint[], maxPoints: number): TracePoint[] {
  if (points.length <= maxPoints) return points.slice();
  const out: TracePoint[] = [];
  const step = (points.length - 1) / (maxPoints - 1);
  for (let k = 0; k < maxPoints; k++) out.push(points[Math.round(k * step)] as TracePoint);
  return out;
}
