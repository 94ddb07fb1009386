// Stochastic gradient descent with momentum, dampening, Nesterov momentum and weight decay, as
// PyTorch's torch.optim.SGD (Robbins & Monro 1951; Polyak 1964 momentum; Sutskever et al. 2013
// for the Nesterov form).
import { ParameterError } from '../../core/errors.js';
import {
  BufferedOptimizer,
  learningRateSchema,
  weightDecaySchema,
  type FloatArray,
  type OptimizerDefinition,
} from './optimizer.js';

/** Options of SGD (PyTorch defaults; PyTorch 1.13 requires lr, later releases default it to 0.001). */
export interface SgdOptions {
  /** @defaultValue 0.001 */
  learningRate: number;
  /** Momentum factor; 0 is plain gradient descent. @defaultValue 0 */
  momentum: number;
  /** Dampening of the momentum buffer's new gradient. @defaultValue 0 */
  dampening: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0). @defaultValue false */
  nesterov: boolean;
  /** L2 penalty added to the gradient. @defaultValue 0 */
  weightDecay: number;
}

/*
 * d   = g + weightDecay * p
 * buf = d on the first step, then momentum * buf + (1 - dampening) * d
 * d   = d + momentum * buf (Nesterov) or buf
 * p   = p - lr * d
 */
class Sgd extends BufferedOptimizer<SgdOptions> {
  constructor(options: SgdOptions) {
    super('sgd', options, options.momentum === 0 ? [] : ['momentumBuffer']);
  }

  step(params: readonly FloatArray[], grads: readonly FloatArray[]): void {
    const t = this.begin(params, grads);
    const { momentum, dampening, nesterov, weightDecay } = this.options;
    const lr = this.learningRate;
    const buffers = this.buffer('momentumBuffer');
    const keep = 1 - dampening;
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as FloatArray;
      const g = grads[i] as FloatArray;
      const n = p.length;
      if (momentum === 0) {
        for (let j = 0; j < n; j++)
          p[j] = (p[j] as number) - lr * ((g[j] as number) + weightDecay * (p[j] as number));
        continue;
      }
      const buf = buffers[i] as FloatArray;
      if (t === 1) {
        for (let j = 0; j < n; j++) {
          const d = (g[j] as number) + weightDecay * (p[j] as number);
          buf[j] = d;
          p[j] = (p[j] as number) - lr * (nesterov ? d + momentum * d : d);
        }
      } else if (nesterov) {
        for (let j = 0; j < n; j++) {
          const d = (g[j] as number) + weightDecay * (p[j] as number);
          const b = momentum * (buf[j] as number) + keep * d;
          buf[j] = b;
          p[j] = (p[j] as number) - lr * (d + momentum * b);
        }
      } else {
        for (let j = 0; j < n; j++) {
          const b =
            momentum * (buf[j] as number) +
            keep * ((g[j] as number) + weightDecay * (p[j] as number));
          buf[j] = b;
          p[j] = (p[j] as number) - lr * b;
        }
      }
    }
  }
}

export const sgd: OptimizerDefinition<SgdOptions> = {
  name: 'sgd',
  description:
    'Stochastic gradient descent with momentum, dampening and Nesterov momentum (PyTorch SGD).',
  defaultOptions: {
    learningRate: 0.001,
    momentum: 0,
    dampening: 0,
    nesterov: false,
    weightDecay: 0,
  },
  optionsSchema: {
    type: 'object',
    properties: {
      learningRate: learningRateSchema,
      momentum: {
        type: 'number',
        minimum: 0,
        description: 'Momentum factor; 0 is plain gradient descent.',
      },
      dampening: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        description: 'Dampening: the momentum buffer adds (1 - dampening) times the new gradient.',
      },
      nesterov: {
        type: 'boolean',
        description: 'Nesterov momentum (needs momentum > 0, dampening 0).',
      },
      weightDecay: weightDecaySchema,
    },
    additionalProperties: false,
  },
  create(options) {
    if (options.nesterov && (options.momentum <= 0 || options.dampening !== 0)) {
      throw new ParameterError(
        `optimizer sgd: nesterov needs momentum > 0 and dampening = 0 (got momentum ${options.momentum}, dampening ${options.dampening})`,
      );
    }
    return new Sgd(options);
  },
};
