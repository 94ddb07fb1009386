// The summary section of a study report: state, best trial and its parameters, trials by
// outcome (with a bar), time and workers, and the failures with their messages.
import { formatNumber } from '../../cli/format.js';
import { choiceLabel } from '../parameters.js';
import type { StudyModel } from '../study-model.js';
import { escapeXml, pixel } from '../svg/escape.js';

/** Distinct failure messages shown, at most. */
const FAILURE_MESSAGES = 10;

const WIDTH = 560;
const HEIGHT = 46;

// A stacked bar of the trials by outcome.
function outcomeBar(counts: [string, string, number][]): string {
  const total = counts.reduce((sum, [, , n]) => sum + n, 0);
  const out = [
    `<svg width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img">`,
    `<title>Trials by outcome</title>`,
  ];
  let at = 0;
  let legendAt = 0;
  for (const [label, className, n] of counts) {
    const width = total === 0 ? 0 : (WIDTH * n) / total;
    if (n > 0)
      out.push(
        `<rect x="${pixel(at)}" y="0" width="${pixel(width)}" height="18" class="${className}"><title>${escapeXml(`${label}: ${n}`)}</title></rect>`,
      );
    at += width;
    const text = `${label} ${n}`;
    out.push(
      `<rect x="${legendAt}" y="28" width="10" height="10" class="${className}"/>`,
      `<text x="${legendAt + 14}" y="37">${escapeXml(text)}</text>`,
    );
    legendAt += 30 + text.length * 7;
  }
  if (total === 0) out.push('<rect x="0" y="0" width="560" height="18" fill="#eeeeee"/>');
  out.push('</svg>');
  return out.join('\n');
}

function duration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  const minutes = seconds / 60;
  return minutes < 120 ? `${minutes.toFixed(1)} min` : `${(minutes / 60).toFixed(1)} h`;
}

/** What the summary of a multi-objective study says of its front, in the user's terms. */
export interface FrontSummary {
  /** Configurations on the front, counted as `kiln tune` counts them. */
  size: number;
  hypervolume: number;
  /** By objective name; undefined for an empty front without a configured one. */
  reference: Record<string, number> | undefined;
  derived: boolean;
}

/**
 * The HTML of the summary section; a multi-objective study (`front` given) shows its objectives,
 * front size and hypervolume instead of a best value.
 */
export function studySummaryHtml(model: StudyModel, front?: FrontSummary): string {
  const count = (status: string): number => model.trials.filter((t) => t.status === status).length;
  const complete = count('complete');
  const failed = count('failed');
  const pruned = count('pruned');
  const best = model.best;
  const params =
    best === undefined
      ? '-'
      : Object.entries(best.params)
          .map(
            ([name, value]) =>
              `${name} = ${typeof value === 'number' ? formatNumber(value) : choiceLabel(value)}`,
          )
          .join(', ');
  const workers = [...new Set(model.workers)];
  const outcome: [string, string][] =
    front === undefined
      ? [
          [
            'problem',
            escapeXml(
              `${model.problem} (${model.direction === 'maximize' ? 'maximized' : 'minimized'})`,
            ),
          ],
          ['solver', escapeXml(`${model.solver}, seed ${model.seed}`)],
          [
            'best value',
            best === undefined
              ? 'none yet'
              : escapeXml(`${formatNumber(best.value)} (trial ${best.number})`),
          ],
          ['best parameters', escapeXml(params)],
        ]
      : [
          ['problem', escapeXml(model.problem)],
          ['solver', escapeXml(`${model.solver}, seed ${model.seed}`)],
          [
            'objectives',
            escapeXml(
              model.objectiveDeclarations.map((o) => `${o.name} (${o.direction})`).join(', '),
            ),
          ],
          ['Pareto front', escapeXml(`${front.size} configuration${front.size === 1 ? '' : 's'}`)],
          ['hypervolume', escapeXml(frontHypervolume(front))],
        ];
  const rows: [string, string][] = [
    ['state', `<span class="status-${model.state.status}">${escapeXml(model.state.text)}</span>`],
    ...outcome,
    [
      'trials',
      escapeXml(
        `${model.trials.length}: ${complete} complete, ${failed} failed${pruned > 0 ? `, ${pruned} pruned` : ''}`,
      ),
    ],
    [
      'time',
      escapeXml(
        `${duration(model.elapsedMs)} in ${model.workers.length} session${model.workers.length === 1 ? '' : 's'}${workers.length === 0 ? '' : `, ${workers.join(' then ')} worker${workers.length === 1 && workers[0] === 1 ? '' : 's'}`}`,
      ),
    ],
  ];
  const messages = new Map<string, number[]>();
  for (const trial of model.trials) {
    if (trial.status !== 'failed') continue;
    const message = trial.error ?? 'failed without a message';
    messages.set(message, [...(messages.get(message) ?? []), trial.number]);
  }
  const failures = [...messages].slice(0, FAILURE_MESSAGES).map(([message, numbers]) => {
    const shown = numbers.slice(0, 8).join(', ') + (numbers.length > 8 ? ', ...' : '');
    return `<li><span class="error">${escapeXml(message)}</span> (${numbers.length} trial${numbers.length === 1 ? '' : 's'}: ${shown})</li>`;
  });
  const out = [
    '<table class="kv">',
    ...rows.map(([key, value]) => `<tr><td>${key}</td><td>${value}</td></tr>`),
    '</table>',
    outcomeBar([
      ['complete', 'complete', complete],
      ['failed', 'failed-swatch', failed],
      ['pruned', 'pruned', pruned],
    ]),
  ];
  if (failures.length > 0)
    out.push(
      `<h3>Failures</h3><ul>${failures.join('')}</ul>${messages.size > FAILURE_MESSAGES ? `<p class="note">${messages.size - FAILURE_MESSAGES} more distinct messages in the table below.</p>` : ''}`,
    );
  if (model.warnings.length > 0)
    out.push(
      `<p class="note">${escapeXml(`${model.warnings.length} unreadable journal line(s) left out: ${model.warnings.slice(0, 3).join('; ')}`)}</p>`,
    );
  return out.join('\n');
}

function frontHypervolume(front: FrontSummary): string {
  if (front.reference === undefined) return `${formatNumber(front.hypervolume)} (empty front)`;
  const point = Object.entries(front.reference)
    .map(([name, value]) => `${name} ${formatNumber(value)}`)
    .join(', ');
  return `${formatNumber(front.hypervolume)} (reference ${point}${front.derived ? ', derived from the front' : ''})`;
}
