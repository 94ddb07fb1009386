// The ZDT test problems (Zitzler, Deb & Thiele, Evolutionary Computation 8(2) 2000): two
// objectives on a box, with their exact Pareto fronts sampled as pymoo samples them for IGD.

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

// g = 1 + 9 * mean of x2..xn (ZDT1-3).
function linearG(x: readonly number[]): number {
  let sum = 0;
  for (let i = 1; i < x.length; i++) sum += x[i] as number;
  return 1 + (9 * sum) / (x.length - 1);
}

function spaced(low: number, high: number, count: number): number[] {
  if (count === 1) return [low];
  return Array.from({ length: count }, (_, i) => low + ((high - low) * i) / (count - 1));
}

const unitBounds = (): [number, number] => [0, 1];

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

const zdt3Front = (f1: number): number => 1 - Math.sqrt(f1) - f1 * Math.sin(10 * Math.PI * f1);

/** The five ZDT problems. */
export const ZDT_FUNCTIONS: readonly ZdtFunction[] = [
  {
    name: 'zdt1',
    description: 'ZDT1: convex front f2 = 1 - sqrt(f1), 30 variables in [0, 1].',
    defaultDimension: 30,
    bounds: unitBounds,
    evaluate: (x) => {
      const f1 = x[0] as number;
      const g = linearG(x);
      return [f1, g * (1 - Math.sqrt(f1 / g))];
    },
    front: (count) => spaced(0, 1, count).map((f1) => [f1, 1 - Math.sqrt(f1)]),
  },
  {
    name: 'zdt2',
    description: 'ZDT2: concave front f2 = 1 - f1^2, 30 variables in [0, 1].',
    defaultDimension: 30,
    bounds: unitBounds,
    evaluate: (x) => {
      const f1 = x[0] as number;
      const g = linearG(x);
      return [f1, g * (1 - (f1 / g) ** 2)];
    },
    front: (count) => spaced(0, 1, count).map((f1) => [f1, 1 - f1 * f1]),
  },
  {
    name: 'zdt3',
    description: 'ZDT3: front of five disconnected pieces, 30 variables in [0, 1].',
    defaultDimension: 30,
    bounds: unitBounds,
    evaluate: (x) => {
      const f1 = x[0] as number;
      const g = linearG(x);
      const ratio = f1 / g;
      return [f1, g * (1 - Math.sqrt(ratio) - ratio * Math.sin(10 * Math.PI * f1))];
    },
    front: (count) =>
      ZDT3_SEGMENTS.flatMap(([low, high]) =>
        spaced(low, high, Math.max(1, Math.floor(count / ZDT3_SEGMENTS.length))).map((f1) => [
          f1,
          zdt3Front(f1),
        ]),
      ),
  },
  {
    name: 'zdt4',
    description:
      'ZDT4: front f2 = 1 - sqrt(f1) behind 21^9 local fronts; x1 in [0, 1], 9 more in [-5, 5].',
    defaultDimension: 10,
    bounds: (i) => (i === 0 ? [0, 1] : [-5, 5]),
    evaluate: (x) => {
      const f1 = x[0] as number;
      let g = 1 + 10 * (x.length - 1);
      for (let i = 1; i < x.length; i++) {
        const v = x[i] as number;
        g += v * v - 10 * Math.cos(4 * Math.PI * v);
      }
      return [f1, g * (1 - Math.sqrt(f1 / g))];
    },
    front: (count) => spaced(0, 1, count).map((f1) => [f1, 1 - Math.sqrt(f1)]),
  },
  {
    name: 'zdt6',
    description: 'ZDT6: non-uniform concave front f2 = 1 - f1^2, 10 variables in [0, 1].',
    defaultDimension: 10,
    bounds: unitBounds,
    evaluate: (x) => {
      const x1 = x[0] as number;
      const f1 = 1 - Math.exp(-4 * x1) * Math.sin(6 * Math.PI * x1) ** 6;
      let sum = 0;
      for (let i = 1; i < x.length; i++) sum += x[i] as number;
      const g = 1 + 9 * (sum / (x.length - 1)) ** 0.25;
      return [f1, g * (1 - (f1 / g) ** 2)];
    },
    front: (count) => spaced(ZDT6_FRONT_START, 1, count).map((f1) => [f1, 1 - f1 * f1]),
  },
];
