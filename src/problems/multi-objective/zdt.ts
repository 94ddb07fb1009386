// The ZDT test problems (Zitzler, Deb & Thiele, Evolutionary Computation 8(2) 2000): two
// objectives on a box, f1(x1) and f2 = g(x2..xn) h(f1, g), with their exact Pareto fronts
// (g = 1, f2 = h(f1, 1)) sampled as pymoo samples them for IGD.

/** One ZDT function: its default size, variable bounds, objectives and exact front. */
export interface ZdtFunction {
  readonly name: 'zdt1' | 'zdt2' | 'zdt3' | 'zdt4' | 'zdt6';
  readonly description: string;
  readonly defaultDimension: number;
  /** Bounds of variable i (0-based) among n. */
  bounds(i: number): [number, number];
  /** The two objective values of x. */
  evaluate(x: readonly number[]): [number, number];
  /** `count` points of the exact Pareto front (fewer for ZDT3: an equal share per segment). */
  front(count: number): number[][];
}

/** The three parts every ZDT problem is built from, and where its front lies. */
interface ZdtParts {
  readonly name: ZdtFunction['name'];
  readonly description: string;
  readonly defaultDimension: number;
  readonly bounds: (i: number) => [number, number];
  /** f1, from x1 alone. */
  readonly first: (x1: number) => number;
  /** g, from x2..xn; 1 on the Pareto-optimal set. */
  readonly distance: (x: readonly number[]) => number;
  /** h, the shape of the front: f2 = g h(f1, g). */
  readonly shape: (f1: number, g: number) => number;
  /** The f1 intervals of the front. */
  readonly segments: readonly (readonly [number, number])[];
}

function zdt(parts: ZdtParts): ZdtFunction {
  const { name, description, defaultDimension, bounds, first, distance, shape, segments } = parts;
  return {
    name,
    description,
    defaultDimension,
    bounds,
    evaluate: (x) => {
      const f1 = first(x[0] as number);
      const g = distance(x);
      return [f1, g * shape(f1, g)];
    },
    front: (count) => {
      const perSegment = Math.max(1, Math.floor(count / segments.length));
      return segments.flatMap(([low, high]) =>
        spaced(low, high, perSegment).map((f1) => [f1, shape(f1, 1)]),
      );
    },
  };
}

function spaced(low: number, high: number, count: number): number[] {
  if (count === 1) return [low];
  return Array.from({ length: count }, (_, i) => low + ((high - low) * i) / (count - 1));
}

/** Sum of x2..xn. */
function tailSum(x: readonly number[]): number {
  let sum = 0;
  for (let i = 1; i < x.length; i++) sum += x[i] as number;
  return sum;
}

// g = 1 + 9 * mean of x2..xn (ZDT1-3).
const linearDistance = (x: readonly number[]): number => 1 + (9 * tailSum(x)) / (x.length - 1);

// g = 1 + 10 (n - 1) + sum of x_i^2 - 10 cos(4 pi x_i) over x2..xn (ZDT4: Rastrigin-like).
function multimodalDistance(x: readonly number[]): number {
  let g = 1 + 10 * (x.length - 1);
  for (let i = 1; i < x.length; i++) {
    const v = x[i] as number;
    g += v * v - 10 * Math.cos(4 * Math.PI * v);
  }
  return g;
}

// g = 1 + 9 (mean of x2..xn)^(1/4) (ZDT6).
const quarticRootDistance = (x: readonly number[]): number =>
  1 + 9 * (tailSum(x) / (x.length - 1)) ** 0.25;

const convexShape = (f1: number, g: number): number => 1 - Math.sqrt(f1 / g);
const concaveShape = (f1: number, g: number): number => 1 - (f1 / g) ** 2;
function disconnectedShape(f1: number, g: number): number {
  const ratio = f1 / g;
  return 1 - Math.sqrt(ratio) - ratio * Math.sin(10 * Math.PI * f1);
}

const identity = (x1: number): number => x1;
const unitBounds = (): [number, number] => [0, 1];
const wholeUnitInterval: readonly (readonly [number, number])[] = [[0, 1]];

/** The f1 intervals of ZDT3's disconnected front. */
export const ZDT3_SEGMENTS: readonly (readonly [number, number])[] = [
  [0, 0.0830015349],
  [0.18222878, 0.2577623634],
  [0.4093136748, 0.4538821041],
  [0.6183967944, 0.6525117038],
  [0.8233317983, 0.8518328654],
];

/** ZDT6's front starts where f1 = 1 - exp(-4 x1) sin^6(6 pi x1) is least. */
export const ZDT6_FRONT_START = 0.2807753191;

/** The five ZDT problems. */
export const ZDT_FUNCTIONS: readonly ZdtFunction[] = [
  zdt({
    name: 'zdt1',
    description: 'ZDT1: convex front f2 = 1 - sqrt(f1), 30 variables in [0, 1].',
    defaultDimension: 30,
    bounds: unitBounds,
    first: identity,
    distance: linearDistance,
    shape: convexShape,
    segments: wholeUnitInterval,
  }),
  zdt({
    name: 'zdt2',
    description: 'ZDT2: concave front f2 = 1 - f1^2, 30 variables in [0, 1].',
    defaultDimension: 30,
    bounds: unitBounds,
    first: identity,
    distance: linearDistance,
    shape: concaveShape,
    segments: wholeUnitInterval,
  }),
  zdt({
    name: 'zdt3',
    description: 'ZDT3: front of five disconnected pieces, 30 variables in [0, 1].',
    defaultDimension: 30,
    bounds: unitBounds,
    first: identity,
    distance: linearDistance,
    shape: disconnectedShape,
    segments: ZDT3_SEGMENTS,
  }),
  zdt({
    name: 'zdt4',
    description:
      'ZDT4: front f2 = 1 - sqrt(f1) behind 21^9 local fronts; x1 in [0, 1], 9 more in [-5, 5].',
    defaultDimension: 10,
    bounds: (i) => (i === 0 ? [0, 1] : [-5, 5]),
    first: identity,
    distance: multimodalDistance,
    shape: convexShape,
    segments: wholeUnitInterval,
  }),
  zdt({
    name: 'zdt6',
    description: 'ZDT6: non-uniform concave front f2 = 1 - f1^2, 10 variables in [0, 1].',
    defaultDimension: 10,
    bounds: unitBounds,
    first: (x1) => 1 - Math.exp(-4 * x1) * Math.sin(6 * Math.PI * x1) ** 6,
    distance: quarticRootDistance,
    shape: concaveShape,
    segments: [[ZDT6_FRONT_START, 1]],
  }),
];
