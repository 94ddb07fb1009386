// Adamax: Adam with the infinity norm in place of the second moment (Kingma & Ba 2015, section
// 7.1), as PyTorch's torch.optim.Adamax; Keras's epsilon placement as an option.
import {
  BufferedOptimizer,
  formulaSchema,
  learningRateSchema,
  weightDecaySchema,
  type FloatArray,
  type OptimizerDefinition,
  decaySchema,
} from './optimizer.js';

/** Options of Adamax (PyTorch defaults). */
export interface AdamaxOptions {
  /** @defaultValue 0.002 */
  learningRate: number;
  /** Decay of the first moment. @defaultValue 0.9 */
  beta1: number;
  /** Decay of the infinity norm. @defaultValue 0.999 */
  beta2: number;
  /** Added to |g| inside the maximum (PyTorch) or to the norm (Keras). @defaultValue 1e-8 */
  epsilon: number;
  /** L2 penalty added to the gradient. @defaultValue 0 */
  weightDecay: number;
  /**
   * `pytorch`: u = max(beta2 * u, |g| + epsilon), p -= lr/bc1 * m / u. `keras`:
   * u = max(beta2 * u, |g|), p -= lr/bc1 * m / (u + epsilon).
   * @defaultValue "pytorch"
   */
  formula: 'pytorch' | 'keras';
}

class Adamax extends BufferedOptimizer<AdamaxOptions> {
  constructor(options: AdamaxOptions) {
    super('adamax', options, ['firstMoment', 'infinityNorm']);
  }

  step(params: readonly FloatArray[], grads: readonly FloatArray[]): void {
    const t = this.begin(params, grads);
    const { beta1, beta2, epsilon, weightDecay, formula } = this.options;
    const clr = this.learningRate / (1 - beta1 ** t);
    const keras = formula === 'keras';
    const keep1 = 1 - beta1;
    const firsts = this.buffer('firstMoment');
    const norms = this.buffer('infinityNorm');
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as FloatArray;
      const gradient = grads[i] as FloatArray;
      const m = firsts[i] as FloatArray;
      const u = norms[i] as FloatArray;
      for (let j = 0; j < p.length; j++) {
        const g = (gradient[j] as number) + weightDecay * (p[j] as number);
        const moment = beta1 * (m[j] as number) + keep1 * g;
        m[j] = moment;
        // Math.max propagates NaN, as torch.amax does.
        const norm = Math.max(
          beta2 * (u[j] as number),
          keras ? Math.abs(g) : Math.abs(g) + epsilon,
        );
        u[j] = norm;
        p[j] = (p[j] as number) - clr * (moment / (keras ? norm + epsilon : norm));
      }
    }
  }
}

export const adamax: OptimizerDefinition<AdamaxOptions> = {
  name: 'adamax',
  description: 'Adamax (Kingma & Ba 2015): Adam with the infinity norm, as PyTorch Adamax.',
  defaultOptions: {
    learningRate: 0.002,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
    weightDecay: 0,
    formula: 'pytorch',
  },
  optionsSchema: {
    type: 'object',
    properties: {
      learningRate: learningRateSchema,
      beta1: decaySchema('Decay of the first moment.'),
      beta2: decaySchema('Decay of the infinity norm.'),
      epsilon: { type: 'number', minimum: 0, description: 'Keeps the denominator away from 0.' },
      weightDecay: weightDecaySchema,
      formula: formulaSchema('adding epsilon to the norm instead of to |g| inside the maximum'),
    },
    additionalProperties: false,
  },
  create: (options) => new Adamax(options),
};
