// First-order solvers: the gradient optimizers (SGD and its momentum forms, Adagrad, Adadelta,
// RMSprop, Adam, AdamW, Adamax, NAdam, Ftrl; sources in src/training/optimizers/) as solvers on
// real spaces. Each evaluation yields the value and the gradient at one point, and the optimizer
// takes one step from it (projected gradient descent: the step is clipped onto the box).
import { ParameterError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { SolverContext, SolverModule } from '../../core/solver.js';
import type { OptimizerDefinition, OptimizerState } from '../../training/optimizers/optimizer.js';
import { optimizers } from '../../training/optimizers/registry.js';

/** Parameters every first-order solver adds to its optimizer's options. */
export interface FirstOrderExtras {
  /** The starting point (clipped onto the box). @defaultValue a uniform random point of the box */
  initialPoint?: number[];
  /**
   * The run converges (ends) when every gradient component is at most this in absolute value.
   * @defaultValue 0 (only an exactly zero gradient)
   */
  gradientTolerance: number;
}

/** Parameters of a first-order solver: its optimizer's options and the extras. */
export type FirstOrderParams = Record<string, unknown> & FirstOrderExtras;

/** Plain-data state: the point to evaluate next and the optimizer's state as arrays. */
export interface FirstOrderState {
  /** The optimizer's options (the solver's parameters without the extras). */
  options: Record<string, unknown>;
  gradientTolerance: number;
  x: number[];
  /** The last point whose value and gradient were finite (the fallback after a failure). */
  lastGood: number[] | null;
  optimizer: OptimizerState;
  converged: boolean;
}

function clip(x: number[], lower: readonly number[], upper: readonly number[]): number[] {
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    const lo = lower[i] as number;
    const hi = upper[i] as number;
    x[i] = v < lo ? lo : v > hi ? hi : v;
  }
  return x;
}

function optimizerOptions(params: FirstOrderParams): Record<string, unknown> {
  const { initialPoint: _initialPoint, gradientTolerance: _tolerance, ...options } = params;
  return options;
}

/** The solver module running `definition`'s optimizer. */
export function firstOrderSolver(
  definition: OptimizerDefinition,
): SolverModule<FirstOrderParams, FirstOrderState> {
  const properties = (definition.optionsSchema.properties ?? {}) as Record<string, unknown>;
  return {
    name: definition.name,
    description: `${definition.description} One gradient step per evaluation, clipped onto the box.`,
    supports: ['real'],
    requiresGradient: true,
    defaultParams: {
      ...(definition.defaultOptions as Record<string, unknown>),
      gradientTolerance: 0,
    },
    paramsSchema: {
      type: 'object',
      properties: {
        ...properties,
        initialPoint: {
          type: 'array',
          items: { type: 'number' },
          minItems: 1,
          description: 'Starting point (default: a uniform random point of the box).',
        },
        gradientTolerance: {
          type: 'number',
          minimum: 0,
          description: 'Converged when every |gradient component| is at most this (default 0).',
        },
      },
      additionalProperties: false,
    },
    init<X>(context: SolverContext<X>, params: FirstOrderParams, rng: Rng): FirstOrderState {
      const { vectorLower, vectorUpper, dimension } = context.space;
      let x: number[];
      if (params.initialPoint !== undefined) {
        if (params.initialPoint.length !== dimension) {
          throw new ParameterError(
            `solver ${definition.name}: initialPoint must hold ${dimension} numbers, one per variable (got ${params.initialPoint.length})`,
          );
        }
        x = clip(params.initialPoint.slice(), vectorLower, vectorUpper);
      } else x = context.space.toVector(context.space.sample(rng));
      const options = optimizerOptions(params);
      return {
        options,
        gradientTolerance: params.gradientTolerance,
        x,
        lastGood: null,
        optimizer: definition.create(options).getState(),
        converged: false,
      };
    },
    ask<X>(state: FirstOrderState, context: SolverContext<X>): X[] {
      return state.converged ? [] : [context.space.fromVector(state.x)];
    },
    tell<X>(
      state: FirstOrderState,
      context: SolverContext<X>,
      _candidates: X[],
      values: number[],
      rng: Rng,
      gradients?: number[][],
    ): void {
      const { vectorLower, vectorUpper, dimension } = context.space;
      const gradient = gradients?.[0];
      const usable =
        Number.isFinite(values[0]) &&
        gradient !== undefined &&
        gradient.length === dimension &&
        gradient.every(Number.isFinite);
      if (!usable) {
        // A failed point: back off halfway towards the last good point (a fresh random point
        // when there is none yet), without an optimizer step.
        const good = state.lastGood;
        state.x =
          good === null
            ? context.space.toVector(context.space.sample(rng))
            : state.x.map((v, i) => (good[i] as number) + 0.5 * (v - (good[i] as number)));
        return;
      }
      let largest = 0;
      for (const g of gradient) largest = Math.max(largest, Math.abs(g));
      if (largest <= state.gradientTolerance) {
        state.converged = true;
        return;
      }
      state.lastGood = state.x.slice();
      const optimizer = definition.create(state.options);
      optimizer.setState(state.optimizer);
      const point = Float64Array.from(state.x);
      optimizer.step([point], [Float64Array.from(gradient)]);
      state.x = clip(Array.from(point), vectorLower, vectorUpper);
      state.optimizer = optimizer.getState();
    },
  };
}

/** One first-order solver per optimizer name (sgd, momentum, nesterov, adagrad, ... ftrl). */
export const firstOrderSolvers: readonly SolverModule<FirstOrderParams, FirstOrderState>[] =
  optimizers.entries().map(firstOrderSolver);
