// RMSprop: steps scaled by a running RMS of the gradients (Tieleman & Hinton 2012, lecture 6.5;
// Graves 2013 for the centered form), as PyTorch's torch.optim.RMSprop, with Keras's form as an
// option.
import {
  BufferedOptimizer,
  formulaSchema,
  learningRateSchema,
  weightDecaySchema,
  type FloatArray,
  type OptimizerDefinition,
} from './optimizer.js';

/** Options of RMSprop (PyTorch defaults). */
export interface RmspropOptions {
  /** @defaultValue 0.01 */
  learningRate: number;
  /** Smoothing constant of the running average of squared gradients. @defaultValue 0.99 */
  alpha: number;
  /** Added to the root (PyTorch) or inside it (Keras). @defaultValue 1e-8 */
  epsilon: number;
  /** L2 penalty added to the gradient. @defaultValue 0 */
  weightDecay: number;
  /** Momentum factor. @defaultValue 0 */
  momentum: number;
  /** Divide by the centered second moment (an estimate of the variance). @defaultValue false */
  centered: boolean;
  /**
   * `pytorch`: denominator sqrt(v) + epsilon, lr applied to the momentum buffer. `keras`:
   * sqrt(v + epsilon), lr inside the momentum buffer (same steps while lr is constant).
   * @defaultValue "pytorch"
   */
  formula: 'pytorch' | 'keras';
}

/*
 * g = g + weightDecay * p;  v = alpha * v + (1 - alpha) * g^2
 * centered: a = alpha * a + (1 - alpha) * g,  s = v - a^2;  otherwise s = v
 * pytorch: d = sqrt(s) + epsilon;  buf = momentum * buf + g / d;  p = p - lr * buf
 * keras:   d = sqrt(s + epsilon);  buf = momentum * buf + lr * g / d;  p = p - buf
 * (without momentum the buffer is the new term itself)
 */
class Rmsprop extends BufferedOptimizer<RmspropOptions> {
  constructor(options: RmspropOptions) {
    const names = ['squareAverage'];
    if (options.centered) names.push('gradientAverage');
    if (options.momentum > 0) names.push('momentumBuffer');
    super('rmsprop', options, names);
  }

  step(params: readonly FloatArray[], grads: readonly FloatArray[]): void {
    this.begin(params, grads);
    const { alpha, epsilon, weightDecay, momentum, formula } = this.options;
    const lr = this.learningRate;
    const keras = formula === 'keras';
    const squares = this.buffer('squareAverage');
    const averages = this.buffer('gradientAverage');
    const momenta = this.buffer('momentumBuffer');
    const keep = 1 - alpha;
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as FloatArray;
      const gradient = grads[i] as FloatArray;
      const v = squares[i] as FloatArray;
      const a = averages[i];
      const buf = momenta[i];
      for (let j = 0; j < p.length; j++) {
        const g = (gradient[j] as number) + weightDecay * (p[j] as number);
        const square = alpha * (v[j] as number) + keep * g * g;
        v[j] = square;
        let s = square;
        if (a !== undefined) {
          const mean = alpha * (a[j] as number) + keep * g;
          a[j] = mean;
          s = s - mean * mean;
        }
        if (keras) {
          const increment = (lr * g) / Math.sqrt(s + epsilon);
          if (buf === undefined) p[j] = (p[j] as number) - increment;
          else {
            const b = momentum * (buf[j] as number) + increment;
            buf[j] = b;
            p[j] = (p[j] as number) - b;
          }
        } else {
          const d = Math.sqrt(s) + epsilon;
          if (buf === undefined) p[j] = (p[j] as number) - lr * (g / d);
          else {
            const b = momentum * (buf[j] as number) + g / d;
            buf[j] = b;
            p[j] = (p[j] as number) - lr * b;
          }
        }
      }
    }
  }
}

export const rmsprop: OptimizerDefinition<RmspropOptions> = {
  name: 'rmsprop',
  description: 'RMSprop (Tieleman & Hinton 2012), centered and with momentum, as PyTorch RMSprop.',
  defaultOptions: {
    learningRate: 0.01,
    alpha: 0.99,
    epsilon: 1e-8,
    weightDecay: 0,
    momentum: 0,
    centered: false,
    formula: 'pytorch',
  },
  optionsSchema: {
    type: 'object',
    properties: {
      learningRate: learningRateSchema,
      alpha: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        description: 'Smoothing constant of the running average of squared gradients (Keras: rho).',
      },
      epsilon: { type: 'number', minimum: 0, description: 'Keeps the denominator away from 0.' },
      weightDecay: weightDecaySchema,
      momentum: { type: 'number', minimum: 0, description: 'Momentum factor.' },
      centered: {
        type: 'boolean',
        description: 'Divide by the centered second moment (gradient variance estimate).',
      },
      formula: formulaSchema('putting epsilon inside the square root'),
    },
    additionalProperties: false,
  },
  create: (options) => new Rmsprop(options),
};
