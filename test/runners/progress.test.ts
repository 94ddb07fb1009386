// Progress display: the terminal bar, plain lines when stderr is not a terminal, and an ETA that
// counts only the work done in this session.
import { describe, expect, it } from 'vitest';
import { createProgressBar, renderLine, renderPlain } from '../../src/runners/progress.js';

function stream(isTTY: boolean): {
  write: (text: string) => boolean;
  isTTY: boolean;
  text: string[];
} {
  const text: string[] = [];
  return { isTTY, text, write: (chunk) => (text.push(chunk), true) };
}

describe('progress', () => {
  it('prints a plain line per interval when the stream is not a terminal', () => {
    const out = stream(false);
    const bar = createProgressBar(out, true, { plainIntervalMs: 5000 });
    const state = { fraction: 0.5, detail: '5/10 trials', elapsedMs: 0 };
    bar.update({ ...state, elapsedMs: 1000 });
    expect(out.text).toEqual([]);
    bar.update({ ...state, elapsedMs: 5000 });
    bar.update({ ...state, elapsedMs: 9000 });
    bar.update({ ...state, elapsedMs: 10_500 });
    bar.finish();
    expect(out.text).toEqual([
      'kiln: progress 50%  5/10 trials  elapsed 5.0s  ETA 5.0s\n',
      'kiln: progress 50%  5/10 trials  elapsed 10.5s  ETA 10.5s\n',
    ]);
    expect(out.text.join('')).not.toContain('\r');
  });

  it('draws nothing when disabled', () => {
    const out = stream(false);
    const bar = createProgressBar(out, false, { plainIntervalMs: 0 });
    bar.update({ fraction: 0.5, detail: '', elapsedMs: 10_000 });
    expect(out.text).toEqual([]);
  });

  it('estimates the time left from the work done since a resume', () => {
    // 40% was replayed from the journal; 10% more took 10 s: 50% left takes 50 s, not 10 s.
    const resumed = { fraction: 0.5, detail: 'x', elapsedMs: 10_000, resumedFraction: 0.4 };
    expect(renderPlain(resumed)).toMatch(/ETA 50\.0s$/);
    expect(renderPlain({ ...resumed, resumedFraction: 0 })).toMatch(/ETA 10\.0s$/);
    // Nothing new done yet: no estimate rather than a wrong one.
    expect(renderPlain({ ...resumed, resumedFraction: 0.5 })).not.toMatch(/ETA/);
    expect(renderLine(resumed, 120)).toMatch(/ETA 50\.0s$/);
  });

  it('redraws in place on a terminal', () => {
    const out = stream(true);
    const bar = createProgressBar(out);
    bar.update({ fraction: 0.25, detail: '1/4', elapsedMs: 100 });
    bar.finish();
    expect(out.text[0]).toMatch(/^\r\[######------------------\] {2}25% {2}1\/4/);
    expect(out.text[1]).toBe('\r\x1b[K');
  });
});
