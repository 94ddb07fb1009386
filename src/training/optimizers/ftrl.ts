// FTRL-Proximal: follow the regularized leader with per-coordinate learning rates and L1/L2
// (McMahan et al. 2013, "Ad click prediction: a view from the trenches"), as Keras's Ftrl
// (keras/src/optimizers/ftrl.py), with its learning-rate power, L2 shrinkage and beta.
import { BufferedOptimizer, type FloatArray, type OptimizerDefinition } from './optimizer.js';

/** Options of Ftrl (Keras defaults). */
export interface FtrlOptions {
  /** @defaultValue 0.001 */
  learningRate: number;
  /** Power of the accumulator in the per-coordinate rate (<= 0; -0.5 is AdaGrad-like). @defaultValue -0.5 */
  learningRatePower: number;
  /** Starting value of the squared-gradient accumulator (> 0 unless the power is 0). @defaultValue 0.1 */
  initialAccumulatorValue: number;
  /** L1 strength: coordinates with |z| <= l1 are exactly 0. @defaultValue 0 */
  l1: number;
  /** L2 strength. @defaultValue 0 */
  l2: number;
  /** L2 shrinkage: adds 2 * l2Shrinkage * w to the gradient of the linear term. @defaultValue 0 */
  l2Shrinkage: number;
  /** The beta of McMahan et al.: adds beta / lr to the quadratic term. @defaultValue 0 */
  beta: number;
}

/*
 * c = -learningRatePower;  n' = n + g^2
 * z = z + (g + 2 l2Shrinkage w) - (n'^c - n^c) / lr * w
 * w = (clip(z, -l1, l1) - z) / ((n'^c + beta) / lr + 2 l2);  n = n'
 */
class Ftrl extends BufferedOptimizer<FtrlOptions> {
  constructor(options: FtrlOptions) {
    super('ftrl', options, ['accumulator', 'linear'], {
      accumulator: options.initialAccumulatorValue,
    });
  }

  step(params: readonly FloatArray[], grads: readonly FloatArray[]): void {
    this.begin(params, grads);
    const { learningRatePower, l1, l2, l2Shrinkage, beta } = this.options;
    const lr = this.learningRate;
    const power = -learningRatePower;
    const l2Total = 2 * (l2 + beta / (2 * lr));
    const accumulators = this.buffer('accumulator');
    const linears = this.buffer('linear');
    for (let i = 0; i < params.length; i++) {
      const w = params[i] as FloatArray;
      const gradient = grads[i] as FloatArray;
      const n = accumulators[i] as FloatArray;
      const z = linears[i] as FloatArray;
      for (let j = 0; j < w.length; j++) {
        const g = gradient[j] as number;
        const weight = w[j] as number;
        const old = n[j] as number;
        const fresh = old + g * g;
        const freshPower = Math.pow(fresh, power);
        const sigma = (freshPower - Math.pow(old, power)) / lr;
        const linear = (z[j] as number) + (g + 2 * l2Shrinkage * weight - sigma * weight);
        z[j] = linear;
        const clipped = linear > l1 ? l1 : linear < -l1 ? -l1 : linear;
        w[j] = (clipped - linear) / (freshPower / lr + l2Total);
        n[j] = fresh;
      }
    }
  }
}

export const ftrl: OptimizerDefinition<FtrlOptions> = {
  name: 'ftrl',
  description: 'FTRL-Proximal (McMahan et al. 2013) with L1, L2 and L2 shrinkage, as Keras Ftrl.',
  defaultOptions: {
    learningRate: 0.001,
    learningRatePower: -0.5,
    initialAccumulatorValue: 0.1,
    l1: 0,
    l2: 0,
    l2Shrinkage: 0,
    beta: 0,
  },
  optionsSchema: {
    type: 'object',
    properties: {
      learningRate: { type: 'number', exclusiveMinimum: 0, description: 'Step size (> 0).' },
      learningRatePower: {
        type: 'number',
        maximum: 0,
        description:
          'Power of the accumulator in the per-coordinate rate (<= 0; -0.5 is AdaGrad-like).',
      },
      initialAccumulatorValue: {
        type: 'number',
        minimum: 0,
        description: 'Starting value of the squared-gradient accumulator.',
      },
      l1: {
        type: 'number',
        minimum: 0,
        description: 'L1 strength: coordinates with |z| <= l1 are 0.',
      },
      l2: { type: 'number', minimum: 0, description: 'L2 strength.' },
      l2Shrinkage: {
        type: 'number',
        minimum: 0,
        description: 'L2 shrinkage: adds 2 * l2Shrinkage * w to the gradient of the linear term.',
      },
      beta: {
        type: 'number',
        minimum: 0,
        description: 'Adds beta / learningRate to the quadratic term.',
      },
    },
    additionalProperties: false,
  },
  create: (options) => new Ftrl(options),
};
