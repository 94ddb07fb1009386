// The objectives of a problem block as its config gives them, known without building the
// problem (which may import a module or load a dataset): config checks use them before any work.
import { validateAgainst } from '../config/validate.js';
import { isRecord } from '../core/guards.js';
import { problems } from './registry.js';

/**
 * The objective names of a problem block: its own `objectives` list (a module's or a trainer
 * problem's), else the numbered objectives of a multi-objective registry type (`zdt1`: f1, f2);
 * undefined for a problem with one objective or of an unknown type, and for parameters its schema
 * refuses (the schema's issue says why; `{"type": "dtlz2", "objectives": 1e9}` must not build a
 * billion names first).
 */
export function declaredObjectiveNames(block: Record<string, unknown>): string[] | undefined {
  if (Array.isArray(block.objectives))
    return (block.objectives as unknown[]).map((o) =>
      isRecord(o) && typeof o.name === 'string' ? o.name : '?',
    );
  const type = block.type;
  if ('module' in block || typeof type !== 'string' || !problems.has(type)) return undefined;
  const factory = problems.get(type);
  if (factory.objectives === undefined) return undefined;
  // The block's other fields (a batch entry's grid, target...) are not the problem's to check.
  const known = Object.keys((factory.paramsSchema.properties as object | undefined) ?? {});
  const params = Object.fromEntries(Object.entries(block).filter(([key]) => known.includes(key)));
  if (validateAgainst(factory.paramsSchema, params).length > 0) return undefined;
  return factory.objectives(params).map((o) => o.name);
}
