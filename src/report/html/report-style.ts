// The report's inline style sheet: page layout, tables, and the classes the charts' marks use.
import { sequentialColor, sequentialCss } from '../svg/palette.js';

const strokes = (): string => {
  const rules: string[] = [];
  for (let k = 0; k < 8; k++) rules.push(`.s${k}{stroke:${sequentialColor((k + 0.5) / 8)}}`);
  return rules.join('');
};

// Dots of point clouds coloured like the sequential classes (dq0..dq7).
const dotStrokes = (): string => {
  const rules: string[] = [];
  for (let k = 0; k < 8; k++) rules.push(`.dq${k}{stroke:${sequentialColor((k + 0.5) / 8)}}`);
  return rules.join('');
};

/** The CSS of a report. */
export function reportStyle(): string {
  return [
    'body{font-family:Helvetica,Arial,sans-serif;font-size:14px;color:#222;margin:0;background:#f6f6f4}',
    'header{background:#2b2d42;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}header p{margin:6px 0 0;color:#d8d8e0}',
    'nav{padding:8px 28px;background:#fff;border-bottom:1px solid #ddd;position:sticky;top:0;z-index:2}nav a{margin-right:14px;color:#2b5c8a;text-decoration:none}',
    'main{padding:8px 28px 40px;max-width:1800px}section{background:#fff;border:1px solid #e2e2e2;border-radius:6px;margin:16px 0;padding:12px 18px}',
    'section h2{margin:4px 0 8px;font-size:18px}.note{color:#666;margin:4px 0 10px}.grid{display:flex;flex-wrap:wrap;gap:10px}',
    'svg{display:block;max-width:100%;height:auto}.grid svg{display:inline-block}',
    'figure{margin:0}figcaption{font-weight:600;margin:4px 0}',
    'table{border-collapse:collapse;font-size:13px}th,td{padding:3px 8px;border-bottom:1px solid #eee;text-align:left;white-space:nowrap}',
    'th{background:#f0f0f0;position:sticky;top:0}th.sortable{cursor:pointer}td.num{text-align:right;font-variant-numeric:tabular-nums}',
    '.kv td:first-child{color:#555;padding-right:18px}.status-running{color:#b35c00;font-weight:bold}.status-finished{color:#2e7d32;font-weight:bold}',
    '.status-interrupted,.status-stopped{color:#b00020;font-weight:bold}.error{color:#b00020;white-space:normal}',
    '.table-wrap{max-height:560px;overflow:auto;border:1px solid #eee}.controls{margin:6px 0}.controls input{padding:3px 6px;width:260px}',
    '.controls button{margin-left:6px}.tip{position:fixed;display:none;background:#222;color:#fff;padding:6px 8px;border-radius:4px;font-size:12px;white-space:pre;pointer-events:none;z-index:5}',
    'tr.best td{background:#fff4e0}',
    // Marks.
    '.complete{fill:#4e79a7;fill-opacity:.75}.pruned{fill:#9a9a9a;fill-opacity:.7}.best{fill:#f28e2b;stroke:#222;stroke-width:1}',
    '.failed{stroke:#d62728;stroke-width:1.6;fill:none}.failed-swatch{fill:#d62728}.best-swatch{fill:#f28e2b}',
    '.best-line{stroke:#f28e2b;stroke-width:2.2;fill:none}.bar{fill:#4e79a7}.axis{stroke:#444}.tick{fill:#555;font-size:10px}',
    '.lines path{fill:none;stroke-width:1;stroke-opacity:.55}.contour-point{fill:#fff;stroke:#222;stroke-width:.6}',
    '.iv-complete{fill:none;stroke:#4e79a7;stroke-opacity:.7}.iv-pruned{fill:none;stroke:#9a9a9a;stroke-opacity:.7}',
    '.iv-complete-swatch{fill:#4e79a7}.iv-pruned-swatch{fill:#9a9a9a}',
    '.tl-complete{fill:#4e79a7}.tl-failed{fill:#d62728}.tl-pruned{fill:#9a9a9a}',
    '[data-t]:hover{stroke:#000;stroke-width:2}',
    '.dots{fill:none;stroke-linecap:round}.dot-complete{stroke:#4e79a7;stroke-opacity:.75}.dot-pruned{stroke:#9a9a9a;stroke-opacity:.7}',
    '.dot-contour{stroke:#ffffff;stroke-opacity:.9}',
    sequentialCss(),
    strokes(),
    dotStrokes(),
  ].join('\n');
}
