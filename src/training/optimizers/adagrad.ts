// Adagrad: per-coordinate steps scaled by the root of the summed squared gradients (Duchi, Hazan
// & Singer 2011), as PyTorch's torch.optim.Adagrad, with its learning-rate decay.
import {
  BufferedOptimizer,
  learningRateSchema,
  weightDecaySchema,
  type FloatArray,
  type OptimizerDefinition,
} from './optimizer.js';

/** Options of Adagrad (PyTorch defaults). */
export interface AdagradOptions {
  /** @defaultValue 0.01 */
  learningRate: number;
  /** The step's learning rate is learningRate / (1 + (t - 1) * lrDecay). @defaultValue 0 */
  lrDecay: number;
  /** Starting value of the squared-gradient sum. @defaultValue 0 */
  initialAccumulatorValue: number;
  /** Added to the root of the sum. @defaultValue 1e-10 */
  epsilon: number;
  /** L2 penalty added to the gradient. @defaultValue 0 */
  weightDecay: number;
}

/*
 * g   = g + weightDecay * p
 * clr = lr / (1 + (t - 1) * lrDecay)
 * sum = sum + g * g
 * p   = p - clr * g / (sqrt(sum) + epsilon)
 */
class Adagrad extends BufferedOptimizer<AdagradOptions> {
  constructor(options: AdagradOptions) {
    super('adagrad', options, ['sum'], { sum: options.initialAccumulatorValue });
  }

  step(params: readonly FloatArray[], grads: readonly FloatArray[]): void {
    const t = this.begin(params, grads);
    const { lrDecay, epsilon, weightDecay } = this.options;
    const clr = this.learningRate / (1 + (t - 1) * lrDecay);
    const sums = this.buffer('sum');
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as FloatArray;
      const gradient = grads[i] as FloatArray;
      const sum = sums[i] as FloatArray;
      for (let j = 0; j < p.length; j++) {
        const g = (gradient[j] as number) + weightDecay * (p[j] as number);
        const total = (sum[j] as number) + g * g;
        sum[j] = total;
        p[j] = (p[j] as number) - clr * (g / (Math.sqrt(total) + epsilon));
      }
    }
  }
}

export const adagrad: OptimizerDefinition<AdagradOptions> = {
  name: 'adagrad',
  description: 'Adagrad (Duchi et al. 2011), as PyTorch Adagrad with lrDecay.',
  defaultOptions: {
    learningRate: 0.01,
    lrDecay: 0,
    initialAccumulatorValue: 0,
    epsilon: 1e-10,
    weightDecay: 0,
  },
  optionsSchema: {
    type: 'object',
    properties: {
      learningRate: learningRateSchema,
      lrDecay: {
        type: 'number',
        minimum: 0,
        description: 'Learning-rate decay: step t uses learningRate / (1 + (t - 1) * lrDecay).',
      },
      initialAccumulatorValue: {
        type: 'number',
        minimum: 0,
        description: 'Starting value of the sum of squared gradients.',
      },
      epsilon: { type: 'number', minimum: 0, description: 'Added to the root of the sum.' },
      weightDecay: weightDecaySchema,
    },
    additionalProperties: false,
  },
  create: (options) => new Adagrad(options),
};
