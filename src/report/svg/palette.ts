// Colours of the charts: a categorical palette (Tableau 10) and a sequential scale (viridis).

// Tableau 10: distinguishable on white, in print and for most colour-blind readers.
const CATEGORICAL = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

/** The colour of series `index` (cycling through ten). */
export function seriesColor(index: number): string {
  return CATEGORICAL[index % CATEGORICAL.length] as string;
}

/** Colour of failed trials, and of dominated or inactive marks. */
export const FAILED_COLOR = '#d62728';
export const MUTED_COLOR = '#9a9a9a';

// Viridis at nine evenly spaced points (perceptually uniform, readable in grey).
const VIRIDIS: readonly [number, number, number][] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

const hex = (channel: number): string => Math.round(channel).toString(16).padStart(2, '0');

/** The viridis colour at `t` in [0, 1] (clamped; NaN gives the muted grey). */
export function sequentialColor(t: number): string {
  if (Number.isNaN(t)) return MUTED_COLOR;
  const position = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const low = Math.min(VIRIDIS.length - 2, Math.floor(position));
  const f = position - low;
  const a = VIRIDIS[low] as [number, number, number];
  const b = VIRIDIS[low + 1] as [number, number, number];
  return `#${hex(a[0] + (b[0] - a[0]) * f)}${hex(a[1] + (b[1] - a[1]) * f)}${hex(a[2] + (b[2] - a[2]) * f)}`;
}

/** Sequential colour classes (`q0`..`q7`) shared by the report's CSS, for compact marks. */
export const SEQUENTIAL_CLASSES = 8;

/** The class of `t` in [0, 1] among {@link SEQUENTIAL_CLASSES} steps. */
export function sequentialClass(t: number): string {
  const step = Math.min(SEQUENTIAL_CLASSES - 1, Math.max(0, Math.floor(t * SEQUENTIAL_CLASSES)));
  return `q${Number.isNaN(t) ? 0 : step}`;
}

/** The CSS rules of the sequential classes. */
export function sequentialCss(): string {
  const rules: string[] = [];
  for (let k = 0; k < SEQUENTIAL_CLASSES; k++)
    rules.push(`.q${k}{fill:${sequentialColor((k + 0.5) / SEQUENTIAL_CLASSES)}}`);
  return rules.join('');
}
