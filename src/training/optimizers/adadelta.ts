// Adadelta: steps scaled by the ratio of running RMS of past updates and of gradients (Zeiler
// 2012), as PyTorch's torch.optim.Adadelta.
import {
  BufferedOptimizer,
  learningRateSchema,
  weightDecaySchema,
  type FloatArray,
  type OptimizerDefinition,
} from './optimizer.js';

/** Options of Adadelta (PyTorch defaults). */
export interface AdadeltaOptions {
  /** Scales the update (Zeiler's method has none: 1). @defaultValue 1 */
  learningRate: number;
  /** Decay of both running averages. @defaultValue 0.9 */
  rho: number;
  /** Added inside both square roots. @defaultValue 1e-6 */
  epsilon: number;
  /** L2 penalty added to the gradient. @defaultValue 0 */
  weightDecay: number;
}

/*
 * g        = g + weightDecay * p
 * v        = rho * v + (1 - rho) * g^2
 * delta    = sqrt(u + epsilon) / sqrt(v + epsilon) * g
 * u        = rho * u + (1 - rho) * delta^2
 * p        = p - lr * delta
 */
class Adadelta extends BufferedOptimizer<AdadeltaOptions> {
  constructor(options: AdadeltaOptions) {
    super('adadelta', options, ['squareAverage', 'accumulatedDelta']);
  }

  step(params: readonly FloatArray[], grads: readonly FloatArray[]): void {
    this.begin(params, grads);
    const { rho, epsilon, weightDecay } = this.options;
    const lr = this.learningRate;
    const squares = this.buffer('squareAverage');
    const deltas = this.buffer('accumulatedDelta');
    const keep = 1 - rho;
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as FloatArray;
      const gradient = grads[i] as FloatArray;
      const v = squares[i] as FloatArray;
      const u = deltas[i] as FloatArray;
      for (let j = 0; j < p.length; j++) {
        const g = (gradient[j] as number) + weightDecay * (p[j] as number);
        const square = rho * (v[j] as number) + keep * g * g;
        v[j] = square;
        const delta = (Math.sqrt((u[j] as number) + epsilon) / Math.sqrt(square + epsilon)) * g;
        u[j] = rho * (u[j] as number) + keep * delta * delta;
        p[j] = (p[j] as number) - lr * delta;
      }
    }
  }
}

export const adadelta: OptimizerDefinition<AdadeltaOptions> = {
  name: 'adadelta',
  description: 'Adadelta (Zeiler 2012), as PyTorch Adadelta.',
  defaultOptions: { learningRate: 1, rho: 0.9, epsilon: 1e-6, weightDecay: 0 },
  optionsSchema: {
    type: 'object',
    properties: {
      learningRate: learningRateSchema,
      rho: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        description: 'Decay of the running averages of squared gradients and squared updates.',
      },
      epsilon: { type: 'number', minimum: 0, description: 'Added inside both square roots.' },
      weightDecay: weightDecaySchema,
    },
    additionalProperties: false,
  },
  create: (options) => new Adadelta(options),
};
