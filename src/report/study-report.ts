// The report of a study: its sections in order, chosen by what the journal holds, as one HTML
// page, plus the importances (shared with `kiln importance`).
import { contourChart } from './charts/contour.js';
import { historyChart } from './charts/history.js';
import { importanceChart } from './charts/importance-chart.js';
import { hasIntermediateValues, intermediateValuesChart } from './charts/intermediate-values.js';
import { parallelCoordinatesChart } from './charts/parallel-coordinates.js';
import { sliceCharts } from './charts/slice.js';
import { timelineChart } from './charts/timeline.js';
import { hypervolumeHistoryChart } from './charts/hypervolume-history.js';
import { paretoFrontChart, paretoPairCharts } from './charts/pareto-front.js';
import { paretoTableHtml } from './html/pareto-table.js';
import { paretoModel } from './pareto.js';
import { escapeXml } from './svg/escape.js';
import { reportPage, type ReportSection } from './html/page.js';
import { studySummaryHtml, type FrontSummary } from './html/study-summary.js';
import { objectiveSign } from '../multi-objective/objectives.js';
import { paretoSummary } from '../multi-objective/pareto-front.js';
import { trialTable, trialTableHtml } from './html/trials-table.js';
import { parameterImportance, type ImportanceResult } from './importance.js';
import type { ParameterInfo } from './parameters.js';
import type { StudyModel } from './study-model.js';

/** Parameters given a slice plot, and axes of the parallel coordinates, at most. */
const SLICE_PARAMETERS = 24;
const PARALLEL_PARAMETERS = 12;

/**
 * PED-ANOVA importances of the study's parameters over its complete trials: for the study's
 * value, or in a multi-objective study for objective number `objective` (0-based).
 */
export function studyImportance(model: StudyModel, objective?: number): ImportanceResult {
  if (objective === undefined) {
    const scored = model.trials
      .filter((t) => t.status === 'complete' && t.value !== null)
      .map((t) => ({ number: t.number, value: t.value as number, params: t.params }));
    return parameterImportance(scored, model.parameters, model.direction);
  }
  const scored = model.trials.flatMap((t) => {
    const value = t.values?.[objective];
    return t.status === 'complete' && typeof value === 'number' && Number.isFinite(value)
      ? [{ number: t.number, value, params: t.params }]
      : [];
  });
  const direction = model.objectiveDeclarations[objective]?.direction ?? 'minimize';
  return parameterImportance(scored, model.parameters, direction);
}

/** One objective's importances in a multi-objective study (`kiln importance`, the report). */
export interface ObjectiveImportance extends ImportanceResult {
  name: string;
  direction: 'minimize' | 'maximize';
}

/** The importances of each objective of a multi-objective study, in the objectives' order. */
export function objectiveImportances(model: StudyModel): ObjectiveImportance[] {
  return model.objectiveDeclarations.map((o, i) => ({
    name: o.name,
    direction: o.direction,
    ...studyImportance(model, i),
  }));
}

/** A rendered study report. */
export interface StudyReport {
  html: string;
  importance: ImportanceResult;
  /** A multi-objective study's importances, one ranking per objective. */
  objectiveImportances?: ObjectiveImportance[];
  /** Ids of the sections, in order. */
  sections: string[];
}

const parametersNote = (shown: number, all: number, what: string): string | undefined =>
  shown < all ? `${shown} most important of ${all} parameters ${what}.` : undefined;

/** Renders the report of a study. */
export function renderStudyReport(model: StudyModel): StudyReport {
  if (model.objectives > 1) return renderMultiObjectiveReport(model);
  const importance = studyImportance(model);
  const byName = new Map(model.parameters.map((p) => [p.name, p]));
  const ranked = importance.importances.map((r) => byName.get(r.name) as ParameterInfo);
  const slices = ranked.slice(0, SLICE_PARAMETERS);
  const parallel = ranked.slice(0, PARALLEL_PARAMETERS);
  const sections: ReportSection[] = [
    { id: 'summary', title: 'Summary', body: studySummaryHtml(model) },
    {
      id: 'history',
      title: 'Optimization history',
      note: 'The value of each trial and the best value so far; hover a point for its trial.',
      body: historyChart(model),
    },
  ];
  if (model.parameters.length === 0) {
    sections.push({
      id: 'parameters',
      title: 'Parameters',
      body: `<p class="note">This study searches a ${model.spaceKind ?? 'vector'} space: it has no named parameters to plot one by one.</p>`,
    });
  } else {
    sections.push(
      {
        id: 'importance',
        title: 'Parameter importance',
        note: 'PED-ANOVA: how much the density of each parameter among the best 10% of trials departs from its density among all trials; conditional parameters are measured where they are active. Also: kiln importance <folder>.',
        body: importanceChart(importance),
      },
      {
        id: 'slice',
        title: 'Slice plots',
        ...(parametersNote(slices.length, ranked.length, 'are drawn') === undefined
          ? {
              note: 'The value against each parameter, most important first; colour: trial number (dark early, yellow late).',
            }
          : { note: parametersNote(slices.length, ranked.length, 'are drawn') as string }),
        body: `<div class="grid">${sliceCharts(model, slices).join('\n')}</div>`,
      },
      {
        id: 'parallel-coordinates',
        title: 'Parallel coordinates',
        ...(parametersNote(parallel.length, ranked.length, 'have an axis') === undefined
          ? {}
          : { note: parametersNote(parallel.length, ranked.length, 'have an axis') as string }),
        body: parallelCoordinatesChart(model, parallel),
      },
    );
    const [first, second] = ranked;
    sections.push({
      id: 'contour',
      title: 'Contour',
      ...(second === undefined
        ? { note: 'A contour needs two parameters; this study has one.' }
        : { note: `The two most important parameters, ${first?.name} and ${second.name}.` }),
      body: first !== undefined && second !== undefined ? contourChart(model, first, second) : '',
    });
  }
  if (hasIntermediateValues(model))
    sections.push({
      id: 'intermediate-values',
      title: 'Intermediate values',
      body: intermediateValuesChart(model),
    });
  sections.push({
    id: 'timeline',
    title: 'Timeline',
    note: 'When each trial ran; lanes are the worker slots busy at the time, gaps are idle workers.',
    body: timelineChart(model),
  });
  const table = trialTable(model.trials, model.parameters);
  sections.push({
    id: 'trials',
    title: 'Trials',
    note: 'Click a column header to sort; type to filter.',
    body: trialTableHtml(table, model.best?.number),
  });
  const html = reportPage({
    title: `Study: ${model.problem} with ${model.solver}`,
    subtitle: [model.state.text],
    sections,
    data: {
      kind: 'study',
      best: model.best?.number ?? null,
      importance,
      trials: table,
    },
  });
  return { html, importance, sections: sections.map((s) => s.id) };
}

/**
 * The report of a multi-objective study: summary, the Pareto front (one chart for two objectives,
 * pair plots for more) with its table, the hypervolume history, each objective's parameter
 * importance, the timeline and the trials. The single-value charts need one value per trial and
 * are left out.
 */
function renderMultiObjectiveReport(model: StudyModel): StudyReport {
  const pareto = paretoModel(model.trials, model.objectiveDeclarations);
  // The configured reference point when the study has one (best.json), else one derived from
  // the front, as tune reports it; the hypervolume history uses the same.
  const declarations = model.objectiveDeclarations;
  const configured = model.referencePoint;
  const usable =
    configured !== undefined && declarations.every((o) => Number.isFinite(configured[o.name]))
      ? configured
      : undefined;
  const summary = paretoSummary(
    pareto.frontTrials.map((v) => ({
      number: v.trial.number,
      parameters: v.trial.params,
      evaluation: { values: v.minimized, violation: 0 },
    })),
    declarations,
    usable,
  );
  const frontSummary: FrontSummary = {
    size: summary.paretoFront.length,
    hypervolume: summary.hypervolume,
    reference: summary.referencePoint ?? undefined,
    derived: summary.referencePointDerived,
  };
  const perObjective = objectiveImportances(model);
  const front =
    model.objectives === 2
      ? paretoFrontChart(pareto)
      : `<div class="grid">${paretoPairCharts(pareto).join('\n')}</div>`;
  const sections: ReportSection[] = [
    { id: 'summary', title: 'Summary', body: studySummaryHtml(model, frontSummary) },
    {
      id: 'pareto-front',
      title: 'Pareto front',
      note:
        model.objectives === 2
          ? 'Every complete trial; red: not dominated by any other feasible trial (the table below lists them); hover a point for its trial.'
          : 'One plane per pair of objectives; red: the front in all objectives (some of its points look dominated in a single plane).',
      body: `${front}\n${paretoTableHtml(pareto, model.parameters)}`,
    },
    {
      id: 'hypervolume',
      title: 'Hypervolume history',
      body: hypervolumeHistoryChart(
        pareto,
        usable === undefined
          ? undefined
          : declarations.map((o) => objectiveSign(o) * (usable[o.name] as number)),
      ),
    },
    {
      id: 'importance',
      title: 'Parameter importance',
      note: 'PED-ANOVA for each objective in its own direction: how much the density of each parameter among the best 10% of trials by that objective departs from its density among all trials. Also: kiln importance <folder>.',
      body: `<div class="grid">${perObjective
        .map(
          ({ name, direction, ...result }) =>
            `<figure><figcaption>${escapeXml(`${name} (${direction})`)}</figcaption>${importanceChart(result)}</figure>`,
        )
        .join('\n')}</div>`,
    },
    {
      id: 'timeline',
      title: 'Timeline',
      note: 'When each trial ran; lanes are the worker slots busy at the time, gaps are idle workers.',
      body: timelineChart(model),
    },
  ];
  const table = trialTable(model.trials, model.parameters, model.objectiveDeclarations);
  sections.push({
    id: 'trials',
    title: 'Trials',
    note: 'Click a column header to sort; type to filter.',
    body: trialTableHtml(table, undefined),
  });
  // The report's one importance ranking needs one value; a front has none (the section above
  // ranks by each objective).
  const importance: ImportanceResult = {
    method: 'ped-anova',
    quantile: 0.1,
    trials: 0,
    topTrials: 0,
    importances: [],
  };
  const html = reportPage({
    title: `Study: ${model.problem} with ${model.solver}`,
    subtitle: [model.state.text],
    sections,
    data: {
      kind: 'study',
      best: null,
      front: pareto.frontTrials.map((v) => v.trial.number),
      trials: table,
    },
  });
  return {
    html,
    importance,
    objectiveImportances: perObjective,
    sections: sections.map((s) => s.id),
  };
}
