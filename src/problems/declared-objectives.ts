// The objectives of a problem block as its config gives them, known without building the
// problem (which may import a module or load a dataset): config checks use them before any work.
import { isRecord } from '../core/guards.js';
import { problems } from './registry.js';

/**
 * The objective names of a problem block: its own `objectives` list (a module's or a trainer
 * problem's), else the numbered objectives of a multi-objective registry type (`zdt1`: f1, f2);
 * undefined for a problem with one objective or of an unknown type.
 */
export function declaredObjectiveNames(block: Record<string, unknown>): string[] | undefined {
  if (Array.isArray(block.objectives))
    return (block.objectives as unknown[]).map((o) =>
      isRecord(o) && typeof o.name === 'string' ? o.name : '?',
    );
  const type = block.type;
  if ('module' in block || typeof type !== 'string' || !problems.has(type)) return undefined;
  const { type: _type, ...params } = block;
  return problems
    .get(type)
    .objectives?.(params)
    .map((o) => o.name);
}
