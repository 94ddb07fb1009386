// Resolving a module's parameters: defaults filled in, then validated against its schema.
import { ParameterError, describeValue, type ConfigIssue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { JsonSchema } from '../core/solver.js';
import { validateAgainst } from './validate.js';

/** Something with defaults and a schema for its parameters (a solver, a problem family). */
export interface Parameterized<P> {
  readonly name?: string;
  readonly type?: string;
  readonly defaultParams: Readonly<P>;
  readonly paramsSchema: JsonSchema;
  /** Checks the schema cannot express, on parameters it accepts (see SolverModule.checkParams). */
  checkParams?(params: Readonly<P>): ConfigIssue[];
}

/**
 * Merges `params` over the module's defaults and validates the result, by its schema and then by
 * its `checkParams`; throws a ParameterError listing every invalid parameter.
 */
export function resolveParams<P extends object>(
  owner: Parameterized<P>,
  params: object | undefined,
  where: string,
): P {
  const given = Object.fromEntries(Object.entries(params ?? {}).filter(([, v]) => v !== undefined));
  const merged = { ...owner.defaultParams, ...given } as P;
  const schemaIssues = validateAgainst(owner.paramsSchema, merged);
  const issues =
    schemaIssues.length > 0 ? schemaIssues : (owner.checkParams?.(merged) ?? schemaIssues);
  if (issues.length > 0) {
    const text = issues.map(
      (i) => `${i.path || '(root)'} ${i.message}${i.hint === undefined ? '' : ` (${i.hint})`}`,
    );
    throw new ParameterError(`${where}: invalid parameters: ${text.join('; ')}`);
  }
  return merged;
}

/**
 * Checks the `params` option of a run or study: absent, or an object of parameter values (null,
 * an array or a string would otherwise be read key by key, or not at all).
 */
export function checkParamsOption(params: unknown, where = 'options.params'): void {
  if (params === undefined || isRecord(params)) return;
  throw new ParameterError(
    `${where} must be an object (got ${describeValue(params)}); give the parameters as { name: value }, or leave it out for the defaults`,
  );
}
