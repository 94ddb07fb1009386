// Convergence plots: well-formed standalone SVG, one median path per solver variant with its
// band, log scales where the data span decades.
import { describe, expect, it } from 'vitest';
import { convergencePlotSvg } from '../../../src/report/charts/convergence.js';
import { escapeXml } from '../../../src/report/svg/escape.js';
import { linearTicks, logTicks, tickLabel } from '../../../src/report/svg/axis.js';
import type { ConvergenceSeries, ProblemCurves } from '../../../src/runners/batch/summary-types.js';
import { all, parseXml } from '../../helpers/xml.js';

function series(solver: string, scale: number, runs = 5): ConvergenceSeries {
  const evaluations = [1, 10, 100, 1000, 10_000];
  const median = evaluations.map((e) => scale / e);
  return {
    solver,
    runs,
    evaluations,
    median,
    low: median.map((m) => m / 2),
    high: median.map((m) => m * 2),
  };
}

const curves = (overrides: Partial<ProblemCurves> = {}): ProblemCurves => ({
  problem: 'rastrigin-10 <shifted> & "co"',
  direction: 'minimize',
  optimum: 0,
  series: [series('random-search', 100), series('sa/geometric', 50), series('sa/"fast"', 10)],
  ...overrides,
});

describe('convergence plots', () => {
  it('are well-formed SVG with one median path and one band per variant', () => {
    const root = parseXml(convergencePlotSvg(curves()));
    expect(root.name).toBe('svg');
    expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(all(root, 'path')).toHaveLength(3);
    expect(all(root, 'polygon')).toHaveLength(3);
    expect(all(root, 'path').map((p) => p.children[0]?.text)).toEqual([
      'random-search',
      'sa/geometric',
      'sa/&quot;fast&quot;',
    ]);
    const texts = all(root, 'text').map((t) => t.text);
    expect(texts).toContain('rastrigin-10 &lt;shifted&gt; &amp; &quot;co&quot;');
    expect(texts).toContain('evaluations (log scale)');
    for (const path of all(root, 'path'))
      expect(path.attributes.d).toMatch(/^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+){4}$/);
  });

  it('uses a log y scale of the distance to the optimum when it spans decades', () => {
    const svg = convergencePlotSvg(curves());
    expect(svg).toMatch(/best − optimum \(optimum 0, log scale\)/);
    expect(svg).toContain('>1e-4<');
  });

  it('plots values on a linear scale with the optimum as a reference line otherwise', () => {
    const flat: ConvergenceSeries = {
      solver: 'tabu-search',
      runs: 3,
      evaluations: [1, 2, 3, 4, 5],
      median: [120, 110, 105, 101, 100],
      low: [118, 108, 104, 100, 100],
      high: [125, 112, 106, 102, 101],
    };
    const root = parseXml(
      convergencePlotSvg(curves({ problem: 'nug12', optimum: 95, series: [flat] })),
    );
    const texts = all(root, 'text').map((t) => t.text);
    expect(texts).toContain('best value so far');
    expect(texts).toContain('optimum 95');
    expect(texts).toContain('evaluations');
    expect(all(root, 'path')).toHaveLength(1);
  });

  it('handles maximization, infinite quartiles and a problem without results', () => {
    const max = curves({
      direction: 'maximize',
      optimum: 10,
      series: [
        {
          solver: 'ga',
          runs: 4,
          evaluations: [1, 10, 100],
          median: [1, 9, 9.999],
          low: [-Infinity, 8, 9.99],
          high: [2, 9.5, 10],
        },
      ],
    });
    const svg = convergencePlotSvg(max);
    expect(() => parseXml(svg)).not.toThrow();
    expect(svg).not.toMatch(/NaN|Infinity/);
    const empty = parseXml(convergencePlotSvg(curves({ series: [] })));
    expect(all(empty, 'path')).toHaveLength(0);
    expect(all(empty, 'text').map((t) => t.text)).toContain('no run finished with a result');
  });

  it('are checked by a reader that rejects malformed XML', () => {
    for (const bad of [
      '<svg><g></svg>',
      '<svg a="1" a="2"/>',
      '<svg>a & b</svg>',
      '<svg x=1/>',
      '<svg/><svg/>',
      '<svg><text>1 < 2</text></svg>',
    ])
      expect(() => parseXml(bad), bad).toThrow();
    expect(parseXml('<svg><g a="&amp;"/></svg>').children).toHaveLength(1);
  });

  it('escapes text and picks round ticks', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
    expect(linearTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(logTicks(1, 1e4)).toEqual([1, 10, 100, 1000, 10_000]);
    expect(logTicks(2, 30)).toEqual([2, 5, 10, 20]);
    expect(tickLabel(1e-8)).toBe('1e-8');
    expect(tickLabel(250)).toBe('250');
    expect(tickLabel(2e5)).toBe('2e5');
    expect(tickLabel(1e6)).toBe('1e6');
  });
});
