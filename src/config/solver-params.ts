// The solver parameter issues a schema cannot see (a solver's checkParams: one field against
// another), at their config paths, for kiln run, tune and batch to report with the schema's.
import { solvers } from '../algorithms/registry.js';
import type { ConfigIssue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import { validateAgainst } from './validate.js';

/**
 * The checkParams issues of solver `type` with parameters `params` (over its defaults), each at
 * `pathOf(field)` for the field its issue names (a JSON pointer segment); none for an unknown type or parameters the schema
 * refuses (those issues are the schema's to report).
 */
export function solverParamsIssues(
  type: unknown,
  params: Readonly<Record<string, unknown>>,
  pathOf: (field: string) => string,
): ConfigIssue[] {
  if (typeof type !== 'string' || !solvers.has(type)) return [];
  const solver = solvers.get(type);
  if (solver.checkParams === undefined) return [];
  const merged = { ...solver.defaultParams, ...params } as Record<string, unknown>;
  if (validateAgainst(solver.paramsSchema, merged).length > 0) return [];
  return solver.checkParams(merged).map((issue) => {
    const field = issue.path.split('/')[1] ?? '';
    return { ...issue, path: `${pathOf(field)}${issue.path.slice(field.length + 1)}` };
  });
}

/** The checkParams issues of the solver block of a run or tune config, at `/solver/<field>`. */
export function solverBlockIssues(data: unknown): ConfigIssue[] {
  if (!isRecord(data) || !isRecord(data.solver)) return [];
  const { type, ...params } = data.solver;
  return solverParamsIssues(type, params, (field) => `/solver/${field}`);
}

/**
 * The checkParams issues of the solver entries of a batch config: each variant's parameters over
 * the entry's common ones, at the variant's field when it sets it, else at the entry's.
 */
export function batchSolverIssues(entries: readonly unknown[]): ConfigIssue[] {
  return entries.flatMap((entry, i) => {
    if (!isRecord(entry)) return [];
    const { type, name: _name, variants, ...common } = entry;
    const at = `/solvers/${i}`;
    if (!isRecord(variants)) return solverParamsIssues(type, common, (field) => `${at}/${field}`);
    return Object.entries(variants).flatMap(([variant, own]) =>
      isRecord(own)
        ? solverParamsIssues(type, { ...common, ...own }, (field) =>
            field in own ? `${at}/variants/${escape(variant)}/${field}` : `${at}/${field}`,
          )
        : [],
    );
  });
}

// JSON pointer escaping of one path segment.
function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
