// `kiln list`: the solvers and problems, with their parameters and defaults.
import { solvers } from '../algorithms/registry.js';
import type { JsonSchema } from '../core/solver.js';
import { problems } from '../problems/registry.js';
import { writeJson, type CliIo } from './io.js';

/** One parameter of a solver or problem, as listed. */
export interface ParameterListing {
  name: string;
  type: string;
  default?: unknown;
  description?: string;
}

/** A solver or problem, as listed. */
export interface EntryListing {
  name: string;
  description: string;
  supports?: readonly string[];
  family?: string;
  parameters: ParameterListing[];
}

/** Reads the parameters of an entry from its schema and defaults. */
export function describeParameters(schema: JsonSchema, defaults: object): ParameterListing[] {
  const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
  return Object.entries(properties).map(([name, property]) => {
    const listing: ParameterListing = { name, type: schemaType(property) };
    if (name in defaults) listing.default = (defaults as Record<string, unknown>)[name];
    if (typeof property.description === 'string') listing.description = property.description;
    return listing;
  });
}

function schemaType(schema: JsonSchema): string {
  if (Array.isArray(schema.enum))
    return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  // A nullable number (`type: ['integer', 'null']`) has its bounds too: `integer >= 2 | null`.
  if (typeof schema.type === 'string' || Array.isArray(schema.type)) {
    const bounds: string[] = [];
    if (typeof schema.minimum === 'number') bounds.push(`>= ${schema.minimum}`);
    if (typeof schema.exclusiveMinimum === 'number') bounds.push(`> ${schema.exclusiveMinimum}`);
    if (typeof schema.maximum === 'number') bounds.push(`<= ${schema.maximum}`);
    if (typeof schema.exclusiveMaximum === 'number') bounds.push(`< ${schema.exclusiveMaximum}`);
    return ([schema.type].flat() as string[])
      .map((type) =>
        bounds.length === 0 || (type !== 'integer' && type !== 'number')
          ? type
          : `${type} ${bounds.join(', ')}`,
      )
      .join(' | ');
  }
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) {
    return ((schema.oneOf ?? schema.anyOf) as JsonSchema[]).map(schemaType).join(' | ');
  }
  return 'any';
}

/** Everything `kiln list` shows. */
export function listing(): { solvers: EntryListing[]; problems: EntryListing[] } {
  return {
    solvers: solvers.entries().map((s) => ({
      name: s.name,
      description: s.description,
      supports: s.supports,
      parameters: describeParameters(s.paramsSchema, s.defaultParams),
    })),
    problems: problems.entries().map((p) => ({
      name: p.type,
      family: p.family,
      description: p.description,
      parameters: describeParameters(p.paramsSchema, p.defaultParams),
    })),
  };
}

/** Runs `kiln list`; returns the exit code. */
export function listCommand(args: { json?: boolean; what?: string }, io: CliIo): number {
  const all = listing();
  const show = (title: string, entries: EntryListing[]): string => {
    const blocks = entries.map((entry) => {
      const head = `  ${entry.name}${entry.supports === undefined ? '' : `  [${entry.supports.join(', ')}]`}${entry.family === undefined ? '' : `  (${entry.family})`}`;
      const lines = [head, `      ${entry.description}`];
      for (const p of entry.parameters) {
        const fallback = p.default === undefined ? '' : `  default ${JSON.stringify(p.default)}`;
        lines.push(
          `      ${p.name}: ${p.type}${fallback}${p.description === undefined ? '' : `  ${p.description}`}`,
        );
      }
      return lines.join('\n');
    });
    return `${title}\n${blocks.join('\n')}\n`;
  };
  const what = args.what ?? 'all';
  if (args.json === true) {
    writeJson(
      io,
      what === 'solvers'
        ? { solvers: all.solvers }
        : what === 'problems'
          ? { problems: all.problems }
          : all,
    );
    return 0;
  }
  const parts: string[] = [];
  if (what !== 'problems') parts.push(show('Solvers', all.solvers));
  if (what !== 'solvers') parts.push(show('Problems', all.problems));
  io.stdout.write(parts.join('\n'));
  return 0;
}
