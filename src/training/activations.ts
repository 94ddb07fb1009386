// Hidden-layer activations: names, scalar definitions, and the elementwise passes that the
// WebAssembly kernels do not cover (tanh, sigmoid, GELU), over feature-major activation blocks.
import type { FloatArray } from './optimizers/optimizer.js';

/** The activations of hidden layers. */
export type Activation = 'relu' | 'leaky-relu' | 'tanh' | 'sigmoid' | 'gelu' | 'identity';

/** Every activation, in a stable order (schemas, listings). */
export const ACTIVATIONS: readonly Activation[] = [
  'relu',
  'leaky-relu',
  'tanh',
  'sigmoid',
  'gelu',
  'identity',
];

const TWO_OVER_ROOT_PI = 2 / Math.sqrt(Math.PI);
const ROOT_PI = Math.sqrt(Math.PI);
const INV_ROOT_TWO = Math.SQRT1_2;
const INV_ROOT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * The error function to about 1e-15: below 2.5 the everywhere-positive series
 * erf(x) = 2/sqrt(pi) e^{-x^2} sum_n (2x^2)^n x / (1*3*...*(2n+1)) (Abramowitz & Stegun 7.1.6),
 * above it Laplace's continued fraction for erfc (A&S 7.1.14), evaluated bottom-up.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a >= 6) return x > 0 ? 1 : -1;
  let result: number;
  if (a < 2.5) {
    const twoSquare = 2 * a * a;
    let term = a;
    let sum = a;
    for (let n = 1; term > 1e-17 * sum; n++) {
      term *= twoSquare / (2 * n + 1);
      sum += term;
    }
    result = TWO_OVER_ROOT_PI * Math.exp(-a * a) * sum;
  } else {
    let fraction = a;
    for (let k = 60; k >= 1; k--) fraction = a + k / 2 / fraction;
    result = 1 - Math.exp(-a * a) / (ROOT_PI * fraction);
  }
  return x < 0 ? -result : result;
}

/** The logistic function, without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** GELU, exact form z * Phi(z) (Hendrycks & Gimpel 2016; PyTorch's default). */
export function gelu(z: number): number {
  return 0.5 * z * (1 + erf(z * INV_ROOT_TWO));
}

/** The derivative of {@link gelu}: Phi(z) + z * phi(z). */
export function geluDerivative(z: number): number {
  return 0.5 * (1 + erf(z * INV_ROOT_TWO)) + z * INV_ROOT_TWO_PI * Math.exp(-0.5 * z * z);
}

/** The activation of one value (reference definition; the trainer uses block passes). */
export function activate(activation: Activation, z: number, negativeSlope: number): number {
  switch (activation) {
    case 'relu':
      return z > 0 ? z : Number.isNaN(z) ? z : 0;
    case 'leaky-relu':
      return z > 0 ? z : negativeSlope * z;
    case 'tanh':
      return Math.tanh(z);
    case 'sigmoid':
      return sigmoid(z);
    case 'gelu':
      return gelu(z);
    case 'identity':
      return z;
  }
}

/**
 * out[r][b] = activation(z[r][b]) for r < rows, b < columns, on feature-major blocks of `stride`
 * samples per row inside `values` (tanh, sigmoid, GELU and identity; the ReLU family runs in the
 * kernels).
 */
export function activateBlock(
  activation: Activation,
  values: FloatArray,
  z: number,
  out: number,
  rows: number,
  columns: number,
  stride: number,
): void {
  for (let r = 0; r < rows; r++) {
    const from = z + r * stride;
    const to = out + r * stride;
    switch (activation) {
      case 'tanh':
        for (let b = 0; b < columns; b++) values[to + b] = Math.tanh(values[from + b] as number);
        break;
      case 'sigmoid':
        for (let b = 0; b < columns; b++) values[to + b] = sigmoid(values[from + b] as number);
        break;
      case 'gelu':
        for (let b = 0; b < columns; b++) values[to + b] = gelu(values[from + b] as number);
        break;
      default:
        for (let b = 0; b < columns; b++) values[to + b] = values[from + b] as number;
    }
  }
}

/**
 * dz = da * activation'(z) on blocks inside `values`, from the pre-activation block `z` and the
 * activation block `a` (tanh and sigmoid use the output, GELU both), for tanh, sigmoid, GELU and
 * identity.
 */
export function activationBackwardBlock(
  activation: Activation,
  values: FloatArray,
  da: number,
  z: number,
  a: number,
  dz: number,
  rows: number,
  columns: number,
  stride: number,
): void {
  for (let r = 0; r < rows; r++) {
    const row = r * stride;
    for (let b = row; b < row + columns; b++) {
      const upstream = values[da + b] as number;
      let slope: number;
      switch (activation) {
        case 'tanh': {
          const y = values[a + b] as number;
          slope = 1 - y * y;
          break;
        }
        case 'sigmoid': {
          const y = values[a + b] as number;
          slope = y * (1 - y);
          break;
        }
        case 'gelu': {
          // Phi(z) = gelu(z) / z from the forward pass's output: no second error function.
          const x = values[z + b] as number;
          const cdf = x === 0 ? 0.5 : (values[a + b] as number) / x;
          slope = cdf + x * INV_ROOT_TWO_PI * Math.exp(-0.5 * x * x);
          break;
        }
        default:
          slope = 1;
      }
      values[dz + b] = upstream * slope;
    }
  }
}
