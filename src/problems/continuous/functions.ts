// The continuous test functions of the benchmark suite (FUNCTIONS.md), each with its analytic
// gradient, domain and minimizer. Definitions follow Surjanovic & Bingham's Virtual Library of
// Simulation Experiments, with the constants fixed as in the suite's reference table.

/** One function of the suite: value and gradient at z, any dimension d >= 1. */
export interface TestFunction {
  readonly name: string;
  readonly description: string;
  /** Domain of each coordinate. */
  readonly domain: readonly [number, number];
  /** The minimizer's coordinate (the same in every dimension); the minimum value is 0. */
  readonly minimizer: number;
  value(z: ArrayLike<number>): number;
  /** Writes the gradient at z into `out` and returns it. */
  gradient(z: ArrayLike<number>, out: number[]): number[];
}

const TWO_PI = 2 * Math.PI;
const SCHWEFEL_CONSTANT = 418.9828872724338;
const STYBLINSKI_TANG_CONSTANT = 39.16616570377142;

const sphere: TestFunction = {
  name: 'sphere',
  description: 'Sum of squares: convex, separable, unimodal.',
  domain: [-5.12, 5.12],
  minimizer: 0,
  value(z) {
    let sum = 0;
    for (let i = 0; i < z.length; i++) sum += (z[i] as number) * (z[i] as number);
    return sum;
  },
  gradient(z, out) {
    for (let i = 0; i < z.length; i++) out[i] = 2 * (z[i] as number);
    return out;
  },
};

const rastrigin: TestFunction = {
  name: 'rastrigin',
  description: 'Sphere plus a cosine grid of local minima: separable, highly multimodal.',
  domain: [-5.12, 5.12],
  minimizer: 0,
  value(z) {
    let sum = 10 * z.length;
    for (let i = 0; i < z.length; i++) {
      const v = z[i] as number;
      sum += v * v - 10 * Math.cos(TWO_PI * v);
    }
    return sum;
  },
  gradient(z, out) {
    for (let i = 0; i < z.length; i++) {
      const v = z[i] as number;
      out[i] = 2 * v + 20 * Math.PI * Math.sin(TWO_PI * v);
    }
    return out;
  },
};

const rosenbrock: TestFunction = {
  name: 'rosenbrock',
  description: 'A curved narrow valley: non-separable, unimodal in low dimension.',
  domain: [-5, 10],
  minimizer: 1,
  value(z) {
    let sum = 0;
    for (let i = 0; i < z.length - 1; i++) {
      const a = z[i] as number;
      const b = z[i + 1] as number;
      const valley = b - a * a;
      sum += 100 * valley * valley + (1 - a) * (1 - a);
    }
    return sum;
  },
  gradient(z, out) {
    for (let i = 0; i < z.length; i++) out[i] = 0;
    for (let i = 0; i < z.length - 1; i++) {
      const a = z[i] as number;
      const b = z[i + 1] as number;
      const valley = b - a * a;
      out[i] = (out[i] as number) - 400 * a * valley - 2 * (1 - a);
      out[i + 1] = (out[i + 1] as number) + 200 * valley;
    }
    return out;
  },
};

const ackley: TestFunction = {
  name: 'ackley',
  description: 'A nearly flat outer region around a deep central funnel: multimodal.',
  domain: [-32.768, 32.768],
  minimizer: 0,
  value(z) {
    const d = z.length;
    let squares = 0;
    let cosines = 0;
    for (let i = 0; i < d; i++) {
      const v = z[i] as number;
      squares += v * v;
      cosines += Math.cos(TWO_PI * v);
    }
    return -20 * Math.exp(-0.2 * Math.sqrt(squares / d)) - Math.exp(cosines / d) + 20 + Math.E;
  },
  gradient(z, out) {
    const d = z.length;
    let squares = 0;
    let cosines = 0;
    for (let i = 0; i < d; i++) {
      const v = z[i] as number;
      squares += v * v;
      cosines += Math.cos(TWO_PI * v);
    }
    const root = Math.sqrt(squares / d);
    // The first term's gradient is 0/0 at the origin; its limit along any direction is bounded
    // and the origin is the minimizer, so 0 is the useful value there.
    const radial = root > 0 ? (4 * Math.exp(-0.2 * root)) / (d * root) : 0;
    const periodic = (TWO_PI * Math.exp(cosines / d)) / d;
    for (let i = 0; i < d; i++) {
      const v = z[i] as number;
      out[i] = radial * v + periodic * Math.sin(TWO_PI * v);
    }
    return out;
  },
};

const griewank: TestFunction = {
  name: 'griewank',
  description: 'A wide bowl with a product of cosines: non-separable, many shallow minima.',
  domain: [-600, 600],
  minimizer: 0,
  value(z) {
    let sum = 0;
    let product = 1;
    for (let i = 0; i < z.length; i++) {
      const v = z[i] as number;
      sum += v * v;
      product *= Math.cos(v / Math.sqrt(i + 1));
    }
    return 1 + sum / 4000 - product;
  },
  gradient(z, out) {
    const d = z.length;
    // Products of the cosines before and after i, so that no division by cos(.) is needed.
    const cosines = new Array<number>(d);
    for (let i = 0; i < d; i++) cosines[i] = Math.cos((z[i] as number) / Math.sqrt(i + 1));
    let before = 1;
    for (let i = 0; i < d; i++) {
      out[i] = before;
      before *= cosines[i] as number;
    }
    let after = 1;
    for (let i = d - 1; i >= 0; i--) {
      const v = z[i] as number;
      const scale = Math.sqrt(i + 1);
      out[i] = v / 2000 + ((out[i] as number) * after * Math.sin(v / scale)) / scale;
      after *= cosines[i] as number;
    }
    return out;
  },
};

const schwefel: TestFunction = {
  name: 'schwefel',
  description: 'Schwefel 2.26: the best minimum lies far from the next best, near a corner.',
  domain: [-500, 500],
  minimizer: 420.968746359982,
  value(z) {
    let sum = SCHWEFEL_CONSTANT * z.length;
    for (let i = 0; i < z.length; i++) {
      const v = z[i] as number;
      sum -= v * Math.sin(Math.sqrt(Math.abs(v)));
    }
    return sum;
  },
  gradient(z, out) {
    for (let i = 0; i < z.length; i++) {
      const root = Math.sqrt(Math.abs(z[i] as number));
      out[i] = -Math.sin(root) - 0.5 * root * Math.cos(root);
    }
    return out;
  },
};

const levy: TestFunction = {
  name: 'levy',
  description: 'Levy: sine-modulated valleys, multimodal.',
  domain: [-10, 10],
  minimizer: 1,
  value(z) {
    const d = z.length;
    const w1 = 1 + ((z[0] as number) - 1) / 4;
    const wd = 1 + ((z[d - 1] as number) - 1) / 4;
    let sum = Math.sin(Math.PI * w1) ** 2;
    for (let i = 0; i < d - 1; i++) {
      const w = 1 + ((z[i] as number) - 1) / 4;
      sum += (w - 1) ** 2 * (1 + 10 * Math.sin(Math.PI * w + 1) ** 2);
    }
    sum += (wd - 1) ** 2 * (1 + Math.sin(TWO_PI * wd) ** 2);
    return sum;
  },
  gradient(z, out) {
    const d = z.length;
    // Derivatives with respect to w, times dw/dz = 1/4.
    for (let i = 0; i < d; i++) out[i] = 0;
    const w1 = 1 + ((z[0] as number) - 1) / 4;
    out[0] = Math.PI * Math.sin(TWO_PI * w1);
    for (let i = 0; i < d - 1; i++) {
      const w = 1 + ((z[i] as number) - 1) / 4;
      const s = Math.sin(Math.PI * w + 1);
      out[i] =
        (out[i] as number) +
        2 * (w - 1) * (1 + 10 * s * s) +
        10 * Math.PI * (w - 1) ** 2 * Math.sin(2 * (Math.PI * w + 1));
    }
    const wd = 1 + ((z[d - 1] as number) - 1) / 4;
    const sd = Math.sin(TWO_PI * wd);
    out[d - 1] =
      (out[d - 1] as number) +
      2 * (wd - 1) * (1 + sd * sd) +
      TWO_PI * (wd - 1) ** 2 * Math.sin(4 * Math.PI * wd);
    for (let i = 0; i < d; i++) out[i] = (out[i] as number) / 4;
    return out;
  },
};

const styblinskiTang: TestFunction = {
  name: 'styblinski-tang',
  description: 'Styblinski-Tang: separable quartic with 2^d local minima.',
  domain: [-5, 5],
  minimizer: -2.903534027771177,
  value(z) {
    let sum = STYBLINSKI_TANG_CONSTANT * z.length;
    for (let i = 0; i < z.length; i++) {
      const v = z[i] as number;
      const square = v * v;
      sum += 0.5 * (square * square - 16 * square + 5 * v);
    }
    return sum;
  },
  gradient(z, out) {
    for (let i = 0; i < z.length; i++) {
      const v = z[i] as number;
      out[i] = 2 * v * v * v - 16 * v + 2.5;
    }
    return out;
  },
};

/** The eight functions of the suite, in the reference order of the shift file. */
export const TEST_FUNCTIONS: readonly TestFunction[] = [
  sphere,
  rastrigin,
  rosenbrock,
  ackley,
  griewank,
  schwefel,
  levy,
  styblinskiTang,
];
