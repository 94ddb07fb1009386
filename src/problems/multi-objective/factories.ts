// Registry entries of the multi-objective test problems: ZDT1-4, ZDT6 and DTLZ2, with numbered
// objectives f1, f2, ... and their exact fronts for IGD.
import { ProblemError } from '../../core/errors.js';
import { MAX_DIMENSION } from '../../core/limits.js';
import type { Problem } from '../../core/problem.js';
import { realSpace } from '../../core/spaces/real.js';
import { numberedObjectives } from '../../multi-objective/objectives.js';
import { defineProblem, type ProblemFactory } from '../factory.js';
import { dtlz2, dtlz2Front } from './dtlz2.js';
import { ZDT_FUNCTIONS, type ZdtFunction } from './zdt.js';

/** Points of the ZDT fronts used for IGD (pymoo's count). */
export const ZDT_FRONT_POINTS = 100;

/** Parameters of a ZDT problem. */
export interface ZdtParams {
  /** Number of variables. @defaultValue 30 (ZDT1-3), 10 (ZDT4, ZDT6) */
  dimension?: number;
}

/** Parameters of DTLZ2. */
export interface Dtlz2Params {
  /** Number of objectives. @defaultValue 3 */
  objectives: number;
  /** Number of variables (at least the number of objectives). @defaultValue objectives + 9 */
  dimension?: number;
}

function scalarUnavailable(name: string): () => never {
  return () => {
    throw new ProblemError(
      `problem ${name} has several objectives; use a multi-objective solver (nsga2, nsga3)`,
    );
  };
}

// The reference point of ZDT and DTLZ2 hypervolumes in benchmarks (pymoo's, Deb's): the front
// spans [0, 1] in each objective, and 1.1 lets its extreme points count.
const BENCHMARK_REFERENCE = 1.1;

/** Objectives of DTLZ2 when its config gives none. */
const DTLZ2_OBJECTIVES = 3;

/**
 * The most objectives of DTLZ2: many-objective studies use up to 15 (Deb & Jain 2014), and its
 * exact front (a Das-Dennis grid) and hypervolumes grow combinatorially with the count.
 */
export const DTLZ2_MAX_OBJECTIVES = 20;

/** Builds one ZDT problem (library use). */
export function zdtProblem(fn: ZdtFunction, params: ZdtParams = {}): Problem<number[]> {
  const n = params.dimension ?? fn.defaultDimension;
  if (!(Number.isInteger(n) && n >= 2)) {
    throw new ProblemError(`${fn.name}: dimension must be an integer >= 2 (got ${n})`);
  }
  const bounds = Array.from({ length: n }, (_, i) => fn.bounds(i));
  const name = `${fn.name}-${n}`;
  return {
    name,
    space: realSpace({ lower: bounds.map((b) => b[0]), upper: bounds.map((b) => b[1]) }),
    objectives: numberedObjectives(2),
    evaluate: scalarUnavailable(name),
    evaluateObjectives: (x) => fn.evaluate(x),
    referenceFront: () => fn.front(ZDT_FRONT_POINTS),
    referencePoint: [BENCHMARK_REFERENCE, BENCHMARK_REFERENCE],
    spec: { type: fn.name, ...(params.dimension === undefined ? {} : { dimension: n }) },
  };
}

/** Builds DTLZ2 (library use). */
export function dtlz2Problem(params: Partial<Dtlz2Params> = {}): Problem<number[]> {
  const m = params.objectives ?? DTLZ2_OBJECTIVES;
  const n = params.dimension ?? m + 9;
  if (!(Number.isInteger(m) && m >= 2 && m <= DTLZ2_MAX_OBJECTIVES)) {
    throw new ProblemError(
      `dtlz2: objectives must be an integer >= 2 and <= ${DTLZ2_MAX_OBJECTIVES} (got ${m})`,
    );
  }
  if (!(Number.isInteger(n) && n >= m)) {
    throw new ProblemError(`dtlz2: dimension must be an integer >= objectives (${m}) (got ${n})`);
  }
  const name = `dtlz2-${m}x${n}`;
  return {
    name,
    space: realSpace({ lower: new Array<number>(n).fill(0), upper: new Array<number>(n).fill(1) }),
    objectives: numberedObjectives(m),
    evaluate: scalarUnavailable(name),
    evaluateObjectives: (x) => dtlz2(x, m),
    referenceFront: () => dtlz2Front(m),
    referencePoint: new Array<number>(m).fill(BENCHMARK_REFERENCE),
    spec: { type: 'dtlz2', objectives: m, dimension: n },
  };
}

const dimensionSchema = {
  type: 'integer',
  minimum: 2,
  maximum: MAX_DIMENSION,
  description: 'Number of variables.',
};

/** One registry entry per ZDT problem, and DTLZ2. */
export const multiObjectiveFactories: readonly ProblemFactory<ZdtParams | Dtlz2Params>[] = [
  ...ZDT_FUNCTIONS.map((fn) =>
    defineProblem<ZdtParams>({
      type: fn.name,
      family: 'multi-objective',
      description: `${fn.description} Objectives f1, f2 (minimized).`,
      defaultParams: {},
      paramsSchema: {
        type: 'object',
        properties: { dimension: dimensionSchema },
        additionalProperties: false,
      },
      objectives: () => numberedObjectives(2),
      create: (params) => zdtProblem(fn, params),
    }),
  ),
  defineProblem<Dtlz2Params>({
    type: 'dtlz2',
    family: 'multi-objective',
    description:
      'DTLZ2: front on the unit sphere, M objectives f1..fM (default 3), M + 9 variables in [0, 1].',
    defaultParams: { objectives: DTLZ2_OBJECTIVES },
    paramsSchema: {
      type: 'object',
      properties: {
        objectives: {
          type: 'integer',
          minimum: 2,
          maximum: DTLZ2_MAX_OBJECTIVES,
          description: 'Number of objectives.',
        },
        dimension: dimensionSchema,
      },
      additionalProperties: false,
    },
    objectives: (params) => numberedObjectives(params.objectives ?? DTLZ2_OBJECTIVES),
    create: (params) => dtlz2Problem(params),
  }),
] as readonly ProblemFactory<ZdtParams | Dtlz2Params>[];
