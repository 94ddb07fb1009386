// The consistency of a model document past its schema: layer shapes against the architecture,
// one class name per output, finite numbers, non-zero normalization scales. Every issue is
// listed with its JSON path, so that a hand-edited or corrupted model is refused, not run.
import type { ConfigIssue } from '../core/errors.js';
import { describeValue } from '../core/errors.js';
import { outputsFor } from './losses.js';
import type { ModelDocument } from './model.js';

// Issues listed before the rest are summarized by count.
const MAX_ISSUES = 20;

/** Every inconsistency of a model document that passed the schema (none when it is sound). */
export function modelIssues(model: ModelDocument): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, message: string): void => {
    if (issues.length < MAX_ISSUES) issues.push({ path, message });
  };
  const { architecture, normalization } = model;
  const d = model.featureNames.length;
  if (architecture.inputs !== d)
    add(
      '/architecture/inputs',
      `must equal the number of featureNames, ${d} (got ${architecture.inputs})`,
    );
  checkClasses(model, add);
  if (!Number.isFinite(architecture.negativeSlope))
    add(
      '/architecture/negativeSlope',
      `must be a finite number (got ${architecture.negativeSlope})`,
    );
  for (const field of ['shift', 'scale'] as const) {
    const values = normalization[field];
    if (values.length !== d)
      add(
        `/normalization/${field}`,
        `must hold ${d} values, one per feature (got ${values.length})`,
      );
    values.forEach((value, k) => {
      if (!Number.isFinite(value))
        add(`/normalization/${field}/${k}`, `must be a finite number (got ${value})`);
      else if (field === 'scale' && value === 0)
        add(`/normalization/scale/${k}`, `must not be 0 (features are divided by it; got 0)`);
    });
  }
  checkLayers(model, add);
  return issues;
}

function checkClasses(model: ModelDocument, add: (path: string, message: string) => void): void {
  const outputs = model.architecture.outputs;
  if (model.task === 'regression') {
    if (outputs !== 1)
      add('/architecture/outputs', `must be 1 for a regression model (got ${outputs})`);
    return;
  }
  const classes = model.classNames.length;
  if (model.loss === 'binary-cross-entropy' && classes !== 2) {
    add('/classNames', `must hold 2 names for loss binary-cross-entropy (got ${classes})`);
    return;
  }
  const wanted = outputsFor(model.loss, classes);
  if (outputs !== wanted)
    add(
      '/classNames',
      `must hold one name per output of the network, ${model.loss === 'binary-cross-entropy' ? 2 : outputs} (got ${classes}: ${describeValue(model.classNames)})`,
    );
  if (new Set(model.classNames).size !== classes)
    add('/classNames', `must not repeat a name (got ${describeValue(model.classNames)})`);
}

// Layer k maps widths[k] inputs to widths[k + 1] outputs: weight[out][in] and bias[out].
function checkLayers(model: ModelDocument, add: (path: string, message: string) => void): void {
  const { inputs, hidden, outputs } = model.architecture;
  const widths = [inputs, ...hidden, outputs];
  if (model.layers.length !== widths.length - 1) {
    add(
      '/layers',
      `must hold ${widths.length - 1} layers for hidden ${describeValue(hidden)} (got ${model.layers.length})`,
    );
    return;
  }
  model.layers.forEach((layer, k) => {
    const rows = widths[k + 1] as number;
    const columns = widths[k] as number;
    const path = `/layers/${k}`;
    if (layer.weight.length !== rows)
      add(
        `${path}/weight`,
        `must hold ${rows} rows, one per output of the layer (got ${layer.weight.length})`,
      );
    if (layer.bias.length !== rows)
      add(
        `${path}/bias`,
        `must hold ${rows} values, one per output of the layer (got ${layer.bias.length})`,
      );
    layer.weight.forEach((row, r) => {
      if (row.length !== columns)
        add(
          `${path}/weight/${r}`,
          `must hold ${columns} values, one per input of the layer (got ${row.length})`,
        );
      const bad = row.findIndex((w) => !Number.isFinite(w));
      if (bad >= 0) add(`${path}/weight/${r}/${bad}`, `must be a finite number (got ${row[bad]})`);
    });
    const badBias = layer.bias.findIndex((b) => !Number.isFinite(b));
    if (badBias >= 0)
      add(`${path}/bias/${badBias}`, `must be a finite number (got ${layer.bias[badBias]})`);
  });
}
