// The maximization wrapper: negates the objective, so that every solver only ever minimizes.
import { withProblemProperties, type Problem } from './problem.js';

/**
 * Turns a problem whose `evaluate` returns a value to maximize into one that minimizes its
 * negation, and marks it `direction: 'maximize'` so reports show the original values.
 * Applying it to a problem already marked `maximize` returns the problem unchanged.
 */
export function maximize<X>(problem: Problem<X>): Problem<X> {
  if (problem.direction === 'maximize') return problem;
  const negate = (value: number | Promise<number>): number | Promise<number> =>
    typeof value === 'number' ? -value : value.then((v) => -v);
  const gradient = problem.gradient?.bind(problem);
  return withProblemProperties(problem, {
    direction: 'maximize',
    evaluate: (x) => negate(problem.evaluate(x)),
    ...(problem.optimum === undefined ? {} : { optimum: -problem.optimum }),
    ...(gradient === undefined ? {} : { gradient: (x: X) => gradient(x).map((g) => -g) }),
    ...(problem.moves === undefined ? {} : { moves: negateMoves(problem.moves) }),
  });
}

/** A value of `evaluate` in the user's terms: the maximized objective when the problem maximizes. */
export function toUserValue(
  problem: { direction?: 'minimize' | 'maximize' },
  value: number,
): number {
  return problem.direction === 'maximize' ? -value : value;
}

/** The inverse of {@link toUserValue}: a user-facing value (e.g. a target) in minimized terms. */
export function fromUserValue(
  problem: { direction?: 'minimize' | 'maximize' },
  value: number,
): number {
  return problem.direction === 'maximize' ? -value : value;
}

function negateMoves(
  moves: NonNullable<Problem<unknown>['moves']>,
): NonNullable<Problem<unknown>['moves']> {
  // Inherit from the model, so that lazy members (neighbour lists) stay lazy.
  const out = Object.create(moves) as Record<string, unknown>;
  for (const key of ['swap', 'twoOpt', 'orOpt', 'flip'] as const) {
    const fn = moves[key] as ((...args: never[]) => number) | undefined;
    if (fn !== undefined) out[key] = (...args: never[]) => -fn.apply(moves, args);
  }
  const table = moves.swapTable;
  if (table !== undefined) {
    // The wrapped update works on the problem's own signs, so flip around it.
    const flip = (t: number[]): void => {
      for (let k = 0; k < t.length; k++) t[k] = -(t[k] as number);
    };
    out.swapTable = {
      create: (x: readonly number[]) => table.create(x).map((d) => -d),
      update: (t: number[], x: readonly number[], r: number, s: number) => {
        flip(t);
        table.update(t, x, r, s);
        flip(t);
      },
    };
  }
  return out;
}
