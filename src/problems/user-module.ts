// Problems whose objective is a user's module: `{"module": "./objective.js", "export":
// "default", "space": {...}}`. JavaScript modules are imported directly; TypeScript modules
// through tsx. Worker threads load the module themselves from the same spec.
import { existsSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyCandidate } from '../core/candidate-copy.js';
import { ProblemError, describeValue } from '../core/errors.js';
import { isRecord } from '../core/guards.js';
import type { Problem } from '../core/problem.js';
import type { ParameterSpec, Space, SpaceSpec } from '../core/space.js';
import type { Trial } from '../core/trial.js';
import { mixedSpace, spaceFromSpec } from '../core/spaces/index.js';
import type { ProblemContext } from './factory.js';
import { syntaxLocation } from './module-syntax.js';
import { objectiveEvaluation } from '../multi-objective/evaluation.js';
import type { ObjectiveDeclaration } from '../multi-objective/objectives.js';

/** A problem block naming a user module. */
export interface ModuleProblemConfig {
  /** Path of the module, relative to the config file. */
  module: string;
  /** The exported objective. @defaultValue "default" */
  export?: string;
  /**
   * The search space: named parameters (`{"lr": {"type": "real", "low": 1e-5, "high": 1,
   * "log": true}}`), or a space spec with a `kind` (`{"kind": "real", "lower": [...], ...}`).
   */
  space: Record<string, unknown>;
  /** Maximize the objective instead of minimizing it. */
  maximize?: boolean;
  /** Optional name for reports. */
  name?: string;
  /**
   * A multi-objective objective: its objectives, in the order of the array it returns (or the
   * names of the object it returns, with an optional `constraints` array).
   */
  objectives?: ObjectiveDeclaration[];
}

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);

/** Builds the space of a module problem from its config. */
export function spaceFromConfig(space: Record<string, unknown>): Space<unknown> {
  if (typeof space.kind === 'string') return spaceFromSpec(space as unknown as SpaceSpec);
  return mixedSpace({ parameters: space as Record<string, ParameterSpec> });
}

/** Loads the module and returns its objective function. */
async function loadObjective(
  config: ModuleProblemConfig,
  context: ProblemContext,
): Promise<(x: unknown, trial?: Trial) => number | Promise<number>> {
  const path = isAbsolute(config.module) ? config.module : resolve(context.baseDir, config.module);
  if (!existsSync(path)) {
    throw new ProblemError(`problem.module: cannot load ${config.module} (no such file: ${path})`);
  }
  let namespace: Record<string, unknown>;
  try {
    if (TYPESCRIPT.has(extname(path))) {
      const { tsImport } = await import('tsx/esm/api');
      namespace = (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<
        string,
        unknown
      >;
    } else {
      namespace = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    }
  } catch (error) {
    const location = syntaxLocation(path, error);
    if (location !== undefined) {
      const { line, column } = location;
      const where =
        column === undefined
          ? `${path}:${line} (line ${line})`
          : `${path}:${line}:${column} (line ${line}, column ${column})`;
      throw new ProblemError(
        `problem.module: cannot load ${config.module}: syntax error at ${where}: ${location.reason}`,
      );
    }
    const reason = error instanceof Error ? error.message.split('\n')[0] : describeValue(error);
    throw new ProblemError(`problem.module: cannot load ${config.module}: ${reason}`);
  }
  const name = config.export ?? 'default';
  const objective = exportedValue(namespace, name);
  if (typeof objective !== 'function') {
    const exported = Object.keys(namespace).join(', ') || 'nothing';
    throw new ProblemError(
      objective === undefined
        ? `problem.export: ${config.module} has no export named ${JSON.stringify(name)} (it exports: ${exported})`
        : `problem.export: ${config.module}'s export ${JSON.stringify(name)} must be a function (got ${describeValue(objective)})`,
    );
  }
  return objective as (x: unknown, trial?: Trial) => number | Promise<number>;
}

// A CommonJS module imported as ESM puts its exports under `default`; a TypeScript file with
// `export default` in a folder that is not `"type": "module"` (npm init's default) is compiled to
// CommonJS, so its default export arrives as `default.default`.
function exportedValue(namespace: Record<string, unknown>, name: string): unknown {
  let value = namespace[name];
  if (value === undefined && isRecord(namespace.default)) value = namespace.default[name];
  if (name === 'default' && isRecord(value) && typeof value.default === 'function') {
    value = value.default;
  }
  return value;
}

function checkNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  throw new Error(`the objective must return a number (got ${describeValue(value)})`);
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof (value as { then?: unknown } | undefined)?.then === 'function';
}

/** Builds the problem a module block describes. */
export async function moduleProblem(
  config: ModuleProblemConfig,
  context: ProblemContext,
): Promise<Problem<unknown>> {
  if (!isRecord(config.space)) {
    throw new ProblemError(
      `problem.space must be an object of parameters or a space spec (got ${describeValue(config.space)})`,
    );
  }
  const space = spaceFromConfig(config.space);
  const objective = await loadObjective(config, context);
  const objectives = config.objectives;
  // The objective gets a copy of the candidate: one that sorts or edits its argument in place
  // must not change the solver's own population (a worker thread gets a copy anyway, so the run
  // would otherwise depend on the number of workers).
  const call = (x: unknown, trial: Trial | undefined): unknown =>
    trial === undefined ? objective(copyCandidate(x)) : objective(copyCandidate(x), trial);
  return {
    name: config.name ?? config.module.replace(/^.*[\\/]/, '').replace(/\.[cm]?[jt]s$/, ''),
    space,
    evaluate: (x, trial) => {
      if (objectives !== undefined)
        throw new Error('this objective has several objectives: call evaluateObjectives');
      const value = call(x, trial);
      return isPromiseLike(value) ? Promise.resolve(value).then(checkNumber) : checkNumber(value);
    },
    ...(objectives === undefined
      ? {}
      : {
          objectives,
          evaluateObjectives: (x: unknown, trial?: Trial) => {
            const value = call(x, trial);
            const settle = (returned: unknown) => {
              const evaluation = objectiveEvaluation(returned, objectives);
              if (typeof evaluation === 'string') throw new Error(evaluation);
              return evaluation;
            };
            return isPromiseLike(value) ? Promise.resolve(value).then(settle) : settle(value);
          },
        }),
    spec: {
      ...config,
      module: isAbsolute(config.module) ? config.module : resolve(context.baseDir, config.module),
    },
  };
}
