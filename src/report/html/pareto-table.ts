// The table of a multi-objective study's Pareto front: each trial on it with its objective
// values and parameters, by the first objective.
import { formatNumber } from '../../cli/format.js';
import type { ParameterInfo } from '../parameters.js';
import type { ParetoModel } from '../pareto.js';
import { escapeXml } from '../svg/escape.js';

const cell = (value: unknown): string =>
  typeof value === 'number'
    ? escapeXml(formatNumber(value))
    : typeof value === 'string' || typeof value === 'boolean'
      ? escapeXml(String(value))
      : '';

/** The front's table as HTML. */
export function paretoTableHtml(model: ParetoModel, parameters: readonly ParameterInfo[]): string {
  const header = ['trial', ...model.objectives.map((o) => o.name), ...parameters.map((p) => p.name)]
    .map((c) => `<th>${escapeXml(c)}</th>`)
    .join('');
  const rows = model.frontTrials.map((v) => {
    const cells = [
      v.trial.number,
      ...v.values,
      ...parameters.map((p) => v.trial.params[p.name]),
    ].map((value, i) => {
      const numeric = typeof value === 'number';
      return `<td${numeric || i === 0 ? ' class="num"' : ''}>${cell(value)}</td>`;
    });
    return `<tr data-t="${v.trial.number}">${cells.join('')}</tr>`;
  });
  return `<div class="table-wrap"><table class="pareto-table"><thead><tr>${header}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
