// Adam and AdamW stepping a network's parameters inside its WebAssembly memory: the update of
// optimizers/adam.ts (identical in float64) as one SIMD loop, with the same plain-data state, so
// the trainer's default optimizer costs a fraction of a JavaScript loop on large networks.
import { ParameterError, describeValue } from '../core/errors.js';
import type { AdamScalars } from './kernels/adam-kernel.js';
import { adamScalars, type AdamOptions } from './optimizers/adam.js';
import type { FloatArray, Optimizer, OptimizerState } from './optimizers/optimizer.js';
import type { OptimizerConfig } from './train-options.js';

const NAMES = ['firstMoment', 'secondMoment', 'maxSecondMoment'] as const;

/** What NetworkAdam steps: a network's parameters and gradients, with its reserved buffers. */
export interface AdamNetwork {
  readonly parameters: FloatArray;
  readonly gradients: FloatArray;
  readonly optimizerBuffers: FloatArray[];
  adamStep(scalars: AdamScalars, amsgrad: boolean): void;
}

/** Adam or AdamW on a network's own parameter and gradient buffers. */
export class NetworkAdam implements Optimizer {
  readonly name: 'adam' | 'adamw';
  readonly options: Readonly<AdamOptions & Record<string, unknown>>;
  learningRate: number;
  private stepCount = 0;
  private readonly network: AdamNetwork;
  private readonly buffers: FloatArray[];
  private readonly scalars: AdamScalars;

  constructor(name: 'adam' | 'adamw', options: AdamOptions, network: AdamNetwork) {
    const needed = options.amsgrad ? 3 : 2;
    if (network.optimizerBuffers.length < needed) {
      throw new ParameterError(
        `optimizer ${name}: the network must reserve ${needed} optimizer buffers (got ${network.optimizerBuffers.length})`,
      );
    }
    this.name = name;
    this.options = Object.freeze({ ...options });
    this.learningRate = options.learningRate;
    this.network = network;
    this.buffers = network.optimizerBuffers.slice(0, needed);
    this.scalars = adamScalars(options, this.learningRate, 1, name === 'adamw');
  }

  get steps(): number {
    return this.stepCount;
  }

  step(params: readonly FloatArray[], grads: readonly FloatArray[]): void {
    if (
      params[0] !== this.network.parameters ||
      grads[0] !== this.network.gradients ||
      params.length !== 1
    ) {
      throw new ParameterError(
        `optimizer ${this.name}: this optimizer steps its network's own parameters and gradients only`,
      );
    }
    const t = ++this.stepCount;
    adamScalars(this.options, this.learningRate, t, this.name === 'adamw', this.scalars);
    this.network.adamStep(this.scalars, this.options.amsgrad);
  }

  getState(): OptimizerState {
    const buffers: Record<string, number[][]> = {};
    if (this.stepCount > 0)
      this.buffers.forEach((b, i) => (buffers[NAMES[i] as string] = [Array.from(b)]));
    return {
      optimizer: this.name,
      step: this.stepCount,
      learningRate: this.learningRate,
      scalars: {},
      buffers,
    };
  }

  setState(state: OptimizerState): void {
    if (state?.optimizer !== this.name || !Number.isInteger(state.step) || state.step < 0) {
      throw new ParameterError(
        `optimizer ${this.name}: setState: state must come from ${this.name} (got ${describeValue(state?.optimizer)})`,
      );
    }
    const saved = this.buffers.map((_, i) => state.buffers[NAMES[i] as string]?.[0]);
    const empty = Object.keys(state.buffers).length === 0;
    if (!empty && saved.some((s, i) => s?.length !== this.buffers[i]?.length)) {
      throw new ParameterError(
        `optimizer ${this.name}: setState: the buffers do not fit this network`,
      );
    }
    this.buffers.forEach((b, i) => (empty ? b.fill(0) : b.set(saved[i] as number[])));
    this.stepCount = state.step;
    this.learningRate = state.learningRate;
  }
}

/** Optimizer buffers a network needs for {@link networkOptimizer} to run `config` (0: none). */
export function networkOptimizerBuffers(config: OptimizerConfig): number {
  if (config.type !== 'adam' && config.type !== 'adamw') return 0;
  return config.amsgrad === true ? 3 : 2;
}

/**
 * The optimizer of `config` stepping inside `network` (Adam and AdamW, with complete options),
 * or undefined when there is none (the JavaScript optimizers then step the same buffers).
 */
export function networkOptimizer(
  config: OptimizerConfig,
  network: AdamNetwork,
): Optimizer | undefined {
  if (networkOptimizerBuffers(config) === 0) return undefined;
  const { type, ...options } = config;
  return new NetworkAdam(type as 'adam' | 'adamw', options as unknown as AdamOptions, network);
}
