// Adam: bias-corrected running moments of the gradient and its square (Kingma & Ba 2015), with
// AMSGrad (Reddi, Kale & Kumar 2018), as PyTorch's torch.optim.Adam; Keras's epsilon placement as
// an option. AdamW reuses this update with decoupled weight decay.
import type { AdamScalars } from '../kernels/adam-kernel.js';
import {
  BufferedOptimizer,
  formulaSchema,
  learningRateSchema,
  weightDecaySchema,
  type FloatArray,
  type OptimizerDefinition,
  decaySchema,
} from './optimizer.js';

/** Options of Adam (PyTorch defaults). */
export interface AdamOptions {
  /** @defaultValue 0.001 */
  learningRate: number;
  /** Decay of the first moment. @defaultValue 0.9 */
  beta1: number;
  /** Decay of the second moment. @defaultValue 0.999 */
  beta2: number;
  /** Added to the denominator. @defaultValue 1e-8 */
  epsilon: number;
  /** L2 penalty added to the gradient (AdamW: decoupled decay). @defaultValue 0 (AdamW 0.01) */
  weightDecay: number;
  /** Use the running maximum of the second moment (AMSGrad). @defaultValue false */
  amsgrad: boolean;
  /**
   * `pytorch`: p -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + epsilon). `keras` (also scikit-learn):
   * p -= lr*sqrt(bc2)/bc1 * m / (sqrt(v) + epsilon), i.e. epsilon not bias-corrected.
   * @defaultValue "pytorch"
   */
  formula: 'pytorch' | 'keras';
}

/**
 * The per-step constants of Adam's update (shared with the network's SIMD kernel), written into
 * `out` when given (no allocation per step).
 */
export function adamScalars(
  options: AdamOptions,
  learningRate: number,
  t: number,
  decoupled: boolean,
  out: AdamScalars = {
    beta1: 0,
    beta2: 0,
    keep1: 0,
    keep2: 0,
    stepSize: 0,
    scale: 0,
    epsilon: 0,
    l2: 0,
    decay: 0,
  },
): AdamScalars {
  const { beta1, beta2, epsilon, weightDecay, formula } = options;
  const bc1 = 1 - beta1 ** t;
  const bc2 = 1 - beta2 ** t;
  const keras = formula === 'keras';
  out.beta1 = beta1;
  out.beta2 = beta2;
  out.keep1 = 1 - beta1;
  out.keep2 = 1 - beta2;
  out.stepSize = keras ? (learningRate * Math.sqrt(bc2)) / bc1 : learningRate / bc1;
  // sqrt(v) / sqrt(bc2) as a product: one division per parameter instead of two.
  out.scale = keras ? 1 : 1 / Math.sqrt(bc2);
  out.epsilon = epsilon;
  out.l2 = decoupled ? 0 : weightDecay;
  out.decay = decoupled ? 1 - learningRate * weightDecay : 1;
  return out;
}

/*
 * (AdamW: p = p * (1 - lr * weightDecay) first; Adam: g = g + weightDecay * p)
 * m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2;  AMSGrad: v' = max(v', v)
 * bc1 = 1 - beta1^t;  bc2 = 1 - beta2^t
 * pytorch: p = p - (lr / bc1) * m / (sqrt(v) / sqrt(bc2) + epsilon)
 * keras:   p = p - (lr * sqrt(bc2) / bc1) * m / (sqrt(v) + epsilon)
 */
export class AdamFamily extends BufferedOptimizer<AdamOptions> {
  private readonly decoupled: boolean;

  constructor(name: 'adam' | 'adamw', options: AdamOptions) {
    super(
      name,
      options,
      options.amsgrad
        ? ['firstMoment', 'secondMoment', 'maxSecondMoment']
        : ['firstMoment', 'secondMoment'],
    );
    this.decoupled = name === 'adamw';
  }

  step(params: readonly FloatArray[], grads: readonly FloatArray[]): void {
    const t = this.begin(params, grads);
    const { beta1, beta2, keep1, keep2, stepSize, scale, epsilon, l2, decay } = adamScalars(
      this.options,
      this.learningRate,
      t,
      this.decoupled,
    );
    const firsts = this.buffer('firstMoment');
    const seconds = this.buffer('secondMoment');
    const maxima = this.buffer('maxSecondMoment');
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as FloatArray;
      const gradient = grads[i] as FloatArray;
      const m = firsts[i] as FloatArray;
      const v = seconds[i] as FloatArray;
      const vmax = maxima[i];
      const n = p.length;
      if (decay !== 1) for (let j = 0; j < n; j++) p[j] = (p[j] as number) * decay;
      if (vmax === undefined) {
        for (let j = 0; j < n; j++) {
          const w = p[j] as number;
          const g = (gradient[j] as number) + l2 * w;
          const moment = beta1 * (m[j] as number) + keep1 * g;
          const square = beta2 * (v[j] as number) + keep2 * g * g;
          m[j] = moment;
          v[j] = square;
          p[j] = w - stepSize * (moment / (Math.sqrt(square) * scale + epsilon));
        }
        continue;
      }
      for (let j = 0; j < n; j++) {
        const w = p[j] as number;
        const g = (gradient[j] as number) + l2 * w;
        const moment = beta1 * (m[j] as number) + keep1 * g;
        const square = beta2 * (v[j] as number) + keep2 * g * g;
        m[j] = moment;
        v[j] = square;
        // Math.max propagates NaN, as torch.maximum does.
        const largest = Math.max(vmax[j] as number, square);
        vmax[j] = largest;
        p[j] = w - stepSize * (moment / (Math.sqrt(largest) * scale + epsilon));
      }
    }
  }
}

export const adamDefaults: AdamOptions = {
  learningRate: 0.001,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  weightDecay: 0,
  amsgrad: false,
  formula: 'pytorch',
};

/** The options schema of Adam and AdamW (the weight decay's meaning differs). */
export function adamSchema(weightDecayDescription?: string) {
  return {
    type: 'object',
    properties: {
      learningRate: learningRateSchema,
      beta1: decaySchema('Decay of the first moment.'),
      beta2: decaySchema('Decay of the second moment.'),
      epsilon: { type: 'number', minimum: 0, description: 'Added to the denominator.' },
      weightDecay:
        weightDecayDescription === undefined
          ? weightDecaySchema
          : { type: 'number', minimum: 0, description: weightDecayDescription },
      amsgrad: {
        type: 'boolean',
        description: 'Use the running maximum of the second moment (AMSGrad).',
      },
      formula: formulaSchema('where epsilon goes (not bias-corrected)'),
    },
    additionalProperties: false,
  };
}

export const adam: OptimizerDefinition<AdamOptions> = {
  name: 'adam',
  description: 'Adam (Kingma & Ba 2015) with AMSGrad, as PyTorch Adam.',
  defaultOptions: adamDefaults,
  optionsSchema: adamSchema(),
  create: (options) => new AdamFamily('adam', options),
};
