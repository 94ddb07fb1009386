// NAdam: Adam with Nesterov momentum and a momentum schedule (Dozat 2016), as PyTorch >= 2.0's
// torch.optim.NAdam (the corrected momentum product of pytorch/pytorch#92699, which Keras and
// Dozat's paper share). Keras's schedule mu_t = beta1 * (1 - 0.5 * 0.96^t) is momentumDecay: 1.
import {
  BufferedOptimizer,
  learningRateSchema,
  weightDecaySchema,
  type FloatArray,
  type OptimizerDefinition,
  decaySchema,
} from './optimizer.js';

/** Options of NAdam (PyTorch defaults). */
export interface NadamOptions {
  /** @defaultValue 0.002 */
  learningRate: number;
  /** Decay of the first moment. @defaultValue 0.9 */
  beta1: number;
  /** Decay of the second moment. @defaultValue 0.999 */
  beta2: number;
  /** Added to the denominator. @defaultValue 1e-8 */
  epsilon: number;
  /** L2 penalty added to the gradient. @defaultValue 0 */
  weightDecay: number;
  /** psi of the schedule mu_t = beta1 * (1 - 0.5 * 0.96^(t * psi)); Keras uses 1. @defaultValue 0.004 */
  momentumDecay: number;
}

/*
 * g = g + weightDecay * p
 * mu_t = beta1 * (1 - 0.5 * 0.96^(t psi)),  mu_{t+1} likewise,  P_t = prod_{i<=t} mu_i
 * m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2
 * d = sqrt(v / (1 - beta2^t)) + epsilon
 * p = p - lr (1 - mu_t) / (1 - P_t) * g / d - lr mu_{t+1} / (1 - P_t mu_{t+1}) * m / d
 */
class Nadam extends BufferedOptimizer<NadamOptions> {
  constructor(options: NadamOptions) {
    super('nadam', options, ['firstMoment', 'secondMoment'], {}, { momentumProduct: 1 });
  }

  step(params: readonly FloatArray[], grads: readonly FloatArray[]): void {
    const t = this.begin(params, grads);
    const { beta1, beta2, epsilon, weightDecay, momentumDecay } = this.options;
    const lr = this.learningRate;
    const bc2 = 1 - beta2 ** t;
    const mu = beta1 * (1 - 0.5 * 0.96 ** (t * momentumDecay));
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * momentumDecay));
    const product = (this.scalars.momentumProduct as number) * mu;
    this.scalars.momentumProduct = product;
    const productNext = product * muNext;
    const gradientStep = (-lr * (1 - mu)) / (1 - product);
    const momentumStep = (-lr * muNext) / (1 - productNext);
    const keep1 = 1 - beta1;
    const keep2 = 1 - beta2;
    const firsts = this.buffer('firstMoment');
    const seconds = this.buffer('secondMoment');
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as FloatArray;
      const gradient = grads[i] as FloatArray;
      const m = firsts[i] as FloatArray;
      const v = seconds[i] as FloatArray;
      for (let j = 0; j < p.length; j++) {
        const g = (gradient[j] as number) + weightDecay * (p[j] as number);
        const moment = beta1 * (m[j] as number) + keep1 * g;
        const square = beta2 * (v[j] as number) + keep2 * g * g;
        m[j] = moment;
        v[j] = square;
        const denominator = Math.sqrt(square / bc2) + epsilon;
        const halfway = (p[j] as number) + gradientStep * (g / denominator);
        p[j] = halfway + momentumStep * (moment / denominator);
      }
    }
  }
}

export const nadam: OptimizerDefinition<NadamOptions> = {
  name: 'nadam',
  description: 'NAdam (Dozat 2016): Adam with Nesterov momentum, as PyTorch >= 2.0 NAdam.',
  defaultOptions: {
    learningRate: 0.002,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
    weightDecay: 0,
    momentumDecay: 0.004,
  },
  optionsSchema: {
    type: 'object',
    properties: {
      learningRate: learningRateSchema,
      beta1: decaySchema('Decay of the first moment.'),
      beta2: decaySchema('Decay of the second moment.'),
      epsilon: { type: 'number', minimum: 0, description: 'Added to the denominator.' },
      weightDecay: weightDecaySchema,
      momentumDecay: {
        type: 'number',
        minimum: 0,
        description: 'psi of the momentum schedule beta1 * (1 - 0.5 * 0.96^(t * psi)); Keras: 1.',
      },
    },
    additionalProperties: false,
  },
  create: (options) => new Nadam(options),
};
