// Problem factories for the continuous suite: every function in any dimension, plain or
// shifted (by an explicit vector or by the reference shift), with gradient and known optimum.
import { ProblemError } from '../../core/errors.js';
import type { Problem } from '../../core/problem.js';
import { realSpace } from '../../core/spaces/real.js';
import { defineProblem, type ProblemFactory } from '../factory.js';
import { TEST_FUNCTIONS, type TestFunction } from './functions.js';
import { referenceShift } from './shifts.js';
import { MAX_DIMENSION } from '../../core/limits.js';

/** Parameters of a continuous-suite problem. */
export interface ContinuousParams {
  /**
   * Number of variables.
   * @defaultValue 10
   */
  dimension: number;
  /** Explicit shift s: the problem becomes f(x - s), its optimum x* + s (must stay in the domain). */
  shift?: number[];
  /**
   * Use the suite's reference shift for this dimension (the one of the published peer figures).
   * @defaultValue false
   */
  shifted: boolean;
}

/** Builds one continuous-suite problem directly (library use). */
export function continuousProblem(fn: TestFunction, params: ContinuousParams): Problem<number[]> {
  const d = params.dimension;
  if (params.shift !== undefined && params.shifted) {
    throw new ProblemError(`${fn.name}: give either shift or shifted: true, not both`);
  }
  const shift = params.shift ?? (params.shifted ? referenceShift(fn, d) : undefined);
  const [lo, hi] = fn.domain;
  if (shift !== undefined) checkShift(fn, shift, d);
  const space = realSpace({
    lower: new Array<number>(d).fill(lo),
    upper: new Array<number>(d).fill(hi),
  });
  const scratch = new Array<number>(d).fill(0);
  // Schwefel is unbounded below outside its box, so its shifted variant wraps periodically.
  const wrap = fn.name === 'schwefel';
  const shifted = (x: readonly number[]): readonly number[] => {
    if (shift === undefined) return x;
    for (let i = 0; i < d; i++) {
      let z = (x[i] as number) - (shift[i] as number);
      if (wrap) z = z + 500 - 1000 * Math.floor((z + 500) / 1000) - 500;
      scratch[i] = z;
    }
    return scratch;
  };
  const name = `${fn.name}-${d}${shift === undefined ? '' : '-shifted'}`;
  return {
    name,
    space,
    optimum: 0,
    optimumStatus: 'optimal',
    evaluate: (x) => fn.value(shifted(x)),
    gradient: (x) => fn.gradient(shifted(x), new Array<number>(d)),
    spec: { type: fn.name, dimension: d, ...(shift === undefined ? {} : { shift: shift.slice() }) },
  };
}

function checkShift(fn: TestFunction, shift: readonly number[], d: number): void {
  if (shift.length !== d) {
    throw new ProblemError(
      `${fn.name}: shift must hold ${d} numbers, one per dimension (got ${shift.length})`,
    );
  }
  const [lo, hi] = fn.domain;
  const outside = shift.findIndex((s) => !(fn.minimizer + s >= lo && fn.minimizer + s <= hi));
  if (outside >= 0) {
    throw new ProblemError(
      `${fn.name}: shift[${outside}] moves the optimum to ${fn.minimizer + (shift[outside] as number)}, outside the domain [${lo}, ${hi}]`,
    );
  }
}

function suiteFactory(fn: TestFunction): ProblemFactory<ContinuousParams> {
  return defineProblem<ContinuousParams>({
    type: fn.name,
    family: 'continuous',
    description: `${fn.description} Domain [${fn.domain[0]}, ${fn.domain[1]}]^d, minimum 0.`,
    defaultParams: { dimension: 10, shifted: false },
    paramsSchema: {
      type: 'object',
      properties: {
        dimension: {
          type: 'integer',
          minimum: 1,
          maximum: MAX_DIMENSION,
          description: 'Number of variables.',
        },
        shift: {
          type: 'array',
          items: { type: 'number' },
          minItems: 1,
          description: 'Explicit shift vector s (length = dimension): minimize f(x - s).',
        },
        shifted: {
          type: 'boolean',
          description: "Use the suite's reference shift for this dimension.",
        },
      },
      additionalProperties: false,
    },
    create: (params) => continuousProblem(fn, params),
  });
}

/** One factory per function of the suite. */
export const continuousFactories: readonly ProblemFactory<ContinuousParams>[] =
  TEST_FUNCTIONS.map(suiteFactory);
