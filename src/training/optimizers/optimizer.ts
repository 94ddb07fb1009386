// The gradient optimizer contract: updates parameter arrays in place from their gradients, with a
// state that saves to and restores from plain data.
import { ParameterError, describeValue } from '../../core/errors.js';
import type { JsonSchema } from '../../core/solver.js';

/** The typed arrays optimizers work on: float64, or float32 for float32 training. */
export type FloatArray = Float64Array | Float32Array;

/** An optimizer's state as plain data (JSON-serializable). */
export interface OptimizerState {
  /** Name of the optimizer that wrote it. */
  optimizer: string;
  /** Steps taken so far. */
  step: number;
  /** The learning rate in use (schedules change it). */
  learningRate: number;
  /** Per-step scalars beyond the step count (NAdam's momentum product). */
  scalars: Record<string, number>;
  /** Per-parameter buffers by name, one array per parameter array; empty before the first step. */
  buffers: Record<string, number[][]>;
}

/**
 * A gradient optimizer. `step` updates `params[i]` in place from `grads[i]`; buffers are created
 * on the first step with the type and length of each parameter array, so float32 parameters get
 * float32 state (the arithmetic itself runs in float64, and each result is stored rounded).
 */
export interface Optimizer {
  readonly name: string;
  /** The complete options (defaults filled in). */
  readonly options: Readonly<Record<string, unknown>>;
  /** The learning rate of the next step; learning-rate schedules set it. */
  learningRate: number;
  /** Steps taken so far. */
  readonly steps: number;
  /** One update of every parameter array from its gradient. */
  step(params: readonly FloatArray[], grads: readonly FloatArray[]): void;
  /** A plain-data snapshot; {@link setState} resumes from it exactly. */
  getState(): OptimizerState;
  setState(state: OptimizerState): void;
}

/** An optimizer family: defaults, options schema and constructor (used by the registry). */
export interface OptimizerDefinition<O extends object = object> {
  readonly name: string;
  /** One line for listings, with the source. */
  readonly description: string;
  readonly defaultOptions: Readonly<O>;
  /** JSON Schema of the options, `additionalProperties: false`, a description per field. */
  readonly optionsSchema: JsonSchema;
  /** Builds an optimizer from complete, schema-valid options. */
  create(options: O): Optimizer;
}

/** Shared bookkeeping: step count, lazily allocated buffers, state save and restore. */
export abstract class BufferedOptimizer<O extends object> implements Optimizer {
  readonly name: string;
  readonly options: Readonly<O & Record<string, unknown>>;
  learningRate: number;
  protected scalars: Record<string, number>;
  private stepCount = 0;
  private readonly bufferNames: readonly string[];
  private readonly initialValues: Readonly<Record<string, number>>;
  private buffers: Map<string, FloatArray[]> | undefined;
  private restored: Record<string, number[][]> | undefined;

  protected constructor(
    name: string,
    options: O & { learningRate: number },
    bufferNames: readonly string[],
    initialValues: Record<string, number> = {},
    scalars: Record<string, number> = {},
  ) {
    this.name = name;
    this.options = Object.freeze({ ...options });
    this.learningRate = options.learningRate;
    this.bufferNames = bufferNames;
    this.initialValues = initialValues;
    this.scalars = { ...scalars };
  }

  get steps(): number {
    return this.stepCount;
  }

  abstract step(params: readonly FloatArray[], grads: readonly FloatArray[]): void;

  /** Validates the arrays, allocates buffers on the first call, and returns the new step count. */
  protected begin(params: readonly FloatArray[], grads: readonly FloatArray[]): number {
    if (params.length !== grads.length) {
      throw new ParameterError(
        `optimizer ${this.name}: step got ${params.length} parameter arrays and ${grads.length} gradient arrays`,
      );
    }
    for (let i = 0; i < params.length; i++) {
      if ((params[i] as FloatArray).length !== (grads[i] as FloatArray).length) {
        throw new ParameterError(
          `optimizer ${this.name}: grads[${i}] must have the length of params[${i}], ${(params[i] as FloatArray).length} (got ${(grads[i] as FloatArray).length})`,
        );
      }
    }
    if (this.buffers === undefined) this.buffers = this.allocate(params);
    else this.checkShapes(params);
    return ++this.stepCount;
  }

  /** The buffers named `name`, one per parameter array (valid after {@link begin}). */
  protected buffer(name: string): FloatArray[] {
    return this.buffers?.get(name) ?? [];
  }

  getState(): OptimizerState {
    const buffers: Record<string, number[][]> = {};
    if (this.buffers !== undefined) {
      for (const [name, arrays] of this.buffers) buffers[name] = arrays.map((a) => Array.from(a));
    } else if (this.restored !== undefined) {
      for (const [name, arrays] of Object.entries(this.restored))
        buffers[name] = arrays.map((a) => a.slice());
    }
    return {
      optimizer: this.name,
      step: this.stepCount,
      learningRate: this.learningRate,
      scalars: { ...this.scalars },
      buffers,
    };
  }

  setState(state: OptimizerState): void {
    const where = `optimizer ${this.name}: setState`;
    if (state === null || typeof state !== 'object' || state.optimizer !== this.name) {
      throw new ParameterError(
        `${where}: state.optimizer must be ${JSON.stringify(this.name)} (got ${describeValue((state as Partial<OptimizerState> | null)?.optimizer)})`,
      );
    }
    if (!Number.isInteger(state.step) || state.step < 0) {
      throw new ParameterError(
        `${where}: state.step must be an integer >= 0 (got ${describeValue(state.step)})`,
      );
    }
    const names = Object.keys(state.buffers ?? {});
    if (names.length > 0 && this.bufferNames.some((n) => !names.includes(n))) {
      throw new ParameterError(
        `${where}: state.buffers must hold ${this.bufferNames.join(', ')} (got ${names.join(', ')})`,
      );
    }
    this.stepCount = state.step;
    this.learningRate = state.learningRate;
    this.scalars = { ...this.scalars, ...state.scalars };
    if (names.length === 0) {
      this.buffers = undefined;
      this.restored = undefined;
      return;
    }
    const copy: Record<string, number[][]> = {};
    for (const name of this.bufferNames)
      copy[name] = (state.buffers[name] as number[][]).map((a) => a.slice());
    if (this.buffers === undefined) {
      this.restored = copy;
      return;
    }
    for (const name of this.bufferNames) {
      const arrays = this.buffers.get(name) as FloatArray[];
      const saved = copy[name] as number[][];
      if (saved.length !== arrays.length || saved.some((a, i) => a.length !== arrays[i]?.length))
        throw new ParameterError(`${where}: buffer ${name} does not fit the parameter arrays`);
      arrays.forEach((a, i) => a.set(saved[i] as number[]));
    }
  }

  private allocate(params: readonly FloatArray[]): Map<string, FloatArray[]> {
    const map = new Map<string, FloatArray[]>();
    const restored = this.restored;
    for (const name of this.bufferNames) {
      const initial = this.initialValues[name] ?? 0;
      const saved = restored?.[name];
      if (saved !== undefined && saved.length !== params.length) {
        throw new ParameterError(
          `optimizer ${this.name}: the restored state holds ${saved.length} arrays for ${params.length} parameter arrays`,
        );
      }
      const arrays = params.map((p, i) => {
        const array =
          p instanceof Float32Array ? new Float32Array(p.length) : new Float64Array(p.length);
        const values = saved?.[i];
        if (values === undefined) array.fill(initial);
        else if (values.length !== p.length) {
          throw new ParameterError(
            `optimizer ${this.name}: the restored buffer ${name}[${i}] has length ${values.length}, params[${i}] has ${p.length}`,
          );
        } else array.set(values);
        return array;
      });
      map.set(name, arrays);
    }
    this.restored = undefined;
    return map;
  }

  private checkShapes(params: readonly FloatArray[]): void {
    const first = this.buffers?.get(this.bufferNames[0] ?? '');
    if (first === undefined) return;
    if (first.length !== params.length || first.some((a, i) => a.length !== params[i]?.length)) {
      throw new ParameterError(
        `optimizer ${this.name}: step got parameter arrays of other lengths than the first step (${params.map((p) => p.length).join(', ')} vs ${first.map((a) => a.length).join(', ')})`,
      );
    }
  }
}

/** Schema of the learning rate, shared by every optimizer. */
export const learningRateSchema: JsonSchema = {
  type: 'number',
  minimum: 0,
  description: 'Step size (>= 0); learning-rate schedules scale it.',
};

/** Schema of the coupled (L2) weight decay shared by most optimizers. */
export const weightDecaySchema: JsonSchema = {
  type: 'number',
  minimum: 0,
  description: 'L2 penalty added to the gradient: g + weightDecay * p (PyTorch weight_decay).',
};

/** Schema of a moment's decay rate (beta1, beta2): in [0, 1). */
export function decaySchema(description: string): JsonSchema {
  return { type: 'number', minimum: 0, exclusiveMaximum: 1, description };
}

/** Schema of the `formula` option of the optimizers whose Keras form differs noticeably. */
export function formulaSchema(difference: string): JsonSchema {
  return {
    enum: ['pytorch', 'keras'],
    description: `Update rule: PyTorch's (default) or Keras's, which differs in ${difference}.`,
  };
}
