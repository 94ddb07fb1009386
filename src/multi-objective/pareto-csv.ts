// pareto.csv: the Pareto front of a run or study, one row per entry, objectives then parameters.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../core/guards.js';
import type { ObjectiveDeclaration } from './objectives.js';
import type { ParetoFrontEntry } from './pareto-front.js';

/**
 * The text of pareto.csv: a header `<numberColumn>,<objective names...>,<parameter names...>`,
 * then one row per entry in the front's order. Record parameters are columns by name, vector
 * parameters x0, x1, ... `parameterColumns` (trials.csv's parameter columns) come first, so that a
 * conditional parameter no front member has keeps its column, blank.
 */
export function paretoCsv(
  front: readonly ParetoFrontEntry[],
  objectives: readonly ObjectiveDeclaration[],
  numberColumn: 'evaluation' | 'trial',
  parameterColumns: readonly string[] = [],
): string {
  const parameters = front.map((entry) => flatten(entry.parameters));
  const names = new Set<string>(parameterColumns);
  for (const p of parameters) for (const name of Object.keys(p)) names.add(name);
  const parameterNames = [...names];
  const header = [numberColumn, ...objectives.map((o) => o.name), ...parameterNames];
  const rows = front.map((entry, i) => {
    const p = parameters[i] as Record<string, unknown>;
    return [
      String(entry.number),
      ...objectives.map((o) => String(entry.values[o.name])),
      ...parameterNames.map((n) => (n in p ? csvCell(p[n]) : '')),
    ].join(',');
  });
  return `${[header.map(csvCell).join(','), ...rows].join('\n')}\n`;
}

/** Writes pareto.csv into `folder`. */
export function writeParetoCsv(
  folder: string,
  front: readonly ParetoFrontEntry[],
  objectives: readonly ObjectiveDeclaration[],
  numberColumn: 'evaluation' | 'trial',
  parameterColumns: readonly string[] = [],
): void {
  writeFileSync(
    join(folder, 'pareto.csv'),
    paretoCsv(front, objectives, numberColumn, parameterColumns),
  );
}

function flatten(parameters: unknown): Record<string, unknown> {
  if (Array.isArray(parameters)) {
    return Object.fromEntries(parameters.map((v, i) => [`x${i}`, v as unknown]));
  }
  if (isRecord(parameters)) return parameters;
  return { value: parameters };
}

function csvCell(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
