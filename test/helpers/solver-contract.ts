// The solver contract: what every registered solver must do on every space kind it supports.
// test/algorithms/solver-contract.test.ts runs it over the whole registry, so a new solver
// joins by being registered.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/core/problem.js';
import { parseState, stringifyState } from '../../src/core/json.js';
import { createRng, restoreRng } from '../../src/core/rng.js';
import type { AnySolver, SolverContext } from '../../src/core/solver.js';
import type { Space, SpaceKind } from '../../src/core/space.js';
import { resolveParams } from '../../src/config/params.js';
import { minimize, type MinimizeOptions, type RunResult } from '../../src/runners/minimize.js';
import { exampleObjective, exampleSpaces } from './spaces.js';

/** A problem on `space` with the example objective; real spaces also get its gradient. */
export function contractProblem(
  space: Space<unknown>,
  transform?: (value: number, x: unknown) => number,
): Problem<unknown> {
  const objective = exampleObjective(space);
  const problem: Problem<unknown> = {
    name: `contract-${space.kind}`,
    space,
    evaluate: (x) => (transform === undefined ? objective(x) : transform(objective(x), x)),
  };
  if (space.kind === 'real') {
    // Central differences of the example objective: exact enough for a contract check.
    return {
      ...problem,
      gradient: (x) =>
        (x as number[]).map((_, i) => {
          const h = 1e-6;
          const up = (x as number[]).slice();
          const down = (x as number[]).slice();
          up[i] = (up[i] as number) + h;
          down[i] = (down[i] as number) - h;
          return (objective(up) - objective(down)) / (2 * h);
        }),
    };
  }
  return problem;
}

interface Recorded {
  result: RunResult<unknown>;
  candidates: unknown[];
}

async function recordRun(
  problem: Problem<unknown>,
  solver: AnySolver,
  options: Omit<MinimizeOptions<unknown>, 'onBatch'>,
): Promise<Recorded> {
  const candidates: unknown[] = [];
  const result = await minimize(problem, solver, {
    ...options,
    onBatch: (record) => {
      candidates.push(...record.candidates);
    },
  });
  return { result, candidates };
}

/** The context minimize() would build, for driving ask/tell by hand. */
function contextFor(
  problem: Problem<unknown>,
  solver: AnySolver,
  evaluations: number,
): SolverContext<unknown> {
  return {
    space: problem.space,
    gradients: solver.requiresGradient === true,
    budget: { evaluations },
  };
}

/** Options of {@link describeSolverContract}. */
export interface ContractOptions {
  /** Evaluations per contract run. @defaultValue 400 */
  evaluations?: number;
  /** Parameters for every run (e.g. a smaller population). */
  params?: object;
  /** Names a second pass of the same solver with other parameters, in the test titles. */
  label?: string;
}

/** Declares the contract tests of `solver` on each example space it supports. */
export function describeSolverContract(solver: AnySolver, options: ContractOptions = {}): void {
  const evaluations = options.evaluations ?? 400;
  const params = options.params ?? {};
  const spaces = exampleSpaces();
  const kinds = (Object.keys(spaces) as SpaceKind[]).filter((kind) =>
    solver.supports.includes(kind),
  );

  const title = options.label === undefined ? solver.name : `${solver.name} (${options.label})`;
  describe(`solver contract: ${title}`, () => {
    it('declares a valid module', () => {
      expect(solver.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(solver.supports.length).toBeGreaterThan(0);
      expect(solver.paramsSchema.type).toBe('object');
      expect(solver.paramsSchema.additionalProperties).toBe(false);
      // Every default is described by the schema and passes it.
      const described = Object.keys((solver.paramsSchema.properties as object | undefined) ?? {});
      for (const key of Object.keys(solver.defaultParams)) expect(described).toContain(key);
      expect(() => resolveParams(solver, {}, solver.name)).not.toThrow();
    });

    for (const kind of kinds) {
      describe(`on a ${kind} space`, () => {
        const space = spaces[kind];
        const problem = contractProblem(space);
        const budget = { evaluations };

        it('gives the same run for the same seed, a different run for another seed', async () => {
          const a = await recordRun(problem, solver, { budget, params, seed: 11 });
          const b = await recordRun(problem, solver, { budget, params, seed: 11 });
          const c = await recordRun(problem, solver, { budget, params, seed: 12 });
          expect(b.candidates).toEqual(a.candidates);
          expect(b.result.bestValue).toBe(a.result.bestValue);
          expect(b.result.trace.map((p) => [p.evaluations, p.value])).toEqual(
            a.result.trace.map((p) => [p.evaluations, p.value]),
          );
          expect(c.candidates).not.toEqual(a.candidates);
        });

        it('asks only candidates inside the space, and never exceeds the budget', async () => {
          const { result, candidates } = await recordRun(problem, solver, {
            budget,
            params,
            seed: 3,
          });
          for (const x of candidates)
            expect(space.contains(x), `outside the space: ${JSON.stringify(x)}`).toBe(true);
          expect(result.evaluations).toBeLessThanOrEqual(evaluations);
          if (result.stopReason !== 'converged') expect(result.evaluations).toBe(evaluations);
          expect(candidates.length).toBe(result.evaluations);
        });

        it('reports a monotone best-so-far and a best that re-evaluates to the reported value', async () => {
          const { result } = await recordRun(problem, solver, { budget, params, seed: 5 });
          const values = result.trace.map((p) => p.value);
          for (let i = 1; i < values.length; i++)
            expect(values[i]).toBeLessThanOrEqual(values[i - 1] as number);
          expect(result.best).toBeDefined();
          expect(await problem.evaluate(result.best)).toBe(result.bestValue);
          expect(values[values.length - 1]).toBe(result.bestValue);
        });

        it('tolerates NaN and throwing evaluations', async () => {
          let calls = 0;
          const flaky = contractProblem(space, (value) => {
            calls++;
            if (calls % 7 === 0) return NaN;
            if (calls % 11 === 0) throw new Error('flaky objective');
            return value;
          });
          const result = await minimize(flaky, solver, { budget, params, seed: 9 });
          expect(result.failedEvaluations).toBeGreaterThan(0);
          expect(Number.isFinite(result.bestValue)).toBe(true);
          if (result.stopReason !== 'converged') expect(result.evaluations).toBe(evaluations);
        });

        it('keeps a state that survives a JSON round trip (stringifyState / parseState)', () => {
          const params0 = resolveParams(solver, params, solver.name) as object;
          const context = contextFor(problem, solver, evaluations);
          const rng = createRng(21);
          const state = solver.init(context, params0, rng) as unknown;
          const step = (s: unknown, r: ReturnType<typeof createRng>): unknown[] => {
            const xs = solver.ask(s, context, r);
            const values = xs.map((x) => problem.evaluate(x) as number);
            const gradients = context.gradients
              ? xs.map((x) => problem.gradient?.(x) ?? [])
              : undefined;
            solver.tell(s, context, xs, values, r, gradients);
            return xs;
          };
          for (let k = 0; k < 3; k++) step(state, rng);
          const copy = parseState(stringifyState(state));
          const rngCopy = restoreRng(rng.getState());
          for (let k = 0; k < 3; k++) expect(step(copy, rngCopy)).toEqual(step(state, rng));
        });
      });
    }
  });
}
