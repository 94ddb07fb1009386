// Slice plots: one small chart per parameter, each trial's value against that parameter's value,
// coloured by trial number (early dark, late yellow).
import { drawnTrials } from '../downsample.js';
import type { ParameterInfo } from '../parameters.js';
import type { StudyModel } from '../study-model.js';
import { chartFrame } from '../svg/frame.js';
import { sequentialClass } from '../svg/palette.js';
import { valueAxis } from '../svg/value-axis.js';
import { pointCloud, type CloudPoint } from './marks.js';
import { parameterAxis, parameterPixel } from './parameter-axis.js';

const WIDTH = 290;
const HEIGHT = 240;
const AREA = { left: 62, right: WIDTH - 12, top: 30, bottom: HEIGHT - 42 };

/** One slice plot per parameter of `parameters` (in that order). */
export function sliceCharts(model: StudyModel, parameters: readonly ParameterInfo[]): string[] {
  const sign = model.direction === 'maximize' ? -1 : 1;
  const valued = model.trials.filter((t) => t.value !== null);
  const drawn = drawnTrials(valued, sign);
  const { axis: y, label } = valueAxis(
    valued.map((t) => t.value as number),
    AREA.bottom,
    AREA.top,
  );
  const lastNumber = Math.max(1, ...model.trials.map((t) => t.number));
  return parameters.map((info) => {
    const x = parameterAxis(info, AREA.left, AREA.right);
    const band = info.kind === 'categorical' ? (AREA.right - AREA.left) / info.choices.length : 0;
    const frame = chartFrame({
      width: WIDTH,
      height: HEIGHT,
      area: AREA,
      x,
      y,
      description: `Slice: value against ${info.name}`,
      title: info.conditional ? `${info.name} (conditional)` : info.name,
      xLabel: `${info.name}${info.log ? ' (log scale)' : ''}`,
      yLabel: label,
      className: 'slice',
      tickCharacters: info.kind === 'categorical' ? Math.max(4, Math.floor(band / 7)) : 10,
    });
    const dots: CloudPoint[] = [];
    for (const trial of drawn) {
      const px = parameterPixel(info, x, trial.params[info.name], trial.number, band * 0.5);
      if (px === undefined) continue;
      dots.push({
        x: px,
        y: y.toPixel(trial.value as number),
        trial: trial.number,
        className: `d${sequentialClass(trial.number / lastNumber)}`,
      });
    }
    const out = [...frame.open, pointCloud(dots, 5), frame.close];
    return out.join('\n');
  });
}
