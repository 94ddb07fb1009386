// A one-line progress bar for terminals: bar, percentage, counts, best so far and ETA.

/** Where the bar draws (stderr by default). */
export interface ProgressStream {
  write(text: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

/** What the bar shows at one moment. */
export interface ProgressState {
  /** Fraction done in [0, 1], when known. */
  fraction: number | undefined;
  /** Text after the bar, e.g. `4,500 evals  best 1.2e-3`. */
  detail: string;
  elapsedMs: number;
}

/** A terminal progress bar that redraws in place; a no-op when the stream is not a terminal. */
export interface ProgressBar {
  update(state: ProgressState): void;
  /** Clears the line so that the summary prints cleanly. */
  finish(): void;
}

/** A bar on `stream` when it is a terminal (and `enabled`), otherwise a bar that draws nothing. */
export function createProgressBar(
  stream: ProgressStream = process.stderr,
  enabled = true,
): ProgressBar {
  if (!enabled || stream.isTTY !== true)
    return { update: () => undefined, finish: () => undefined };
  let drawn = false;
  return {
    update(state) {
      const width = Math.max(40, stream.columns ?? 80);
      const line = renderLine(state, width);
      stream.write(`\r${line}\x1b[K`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** The bar as text, at most `width` characters. */
export function renderLine(state: ProgressState, width: number): string {
  const { fraction, detail, elapsedMs } = state;
  const barWidth = 24;
  let head: string;
  if (fraction === undefined) {
    const spin = Math.floor(elapsedMs / 120) % (barWidth - 3);
    head = `[${' '.repeat(spin)}<=>${' '.repeat(barWidth - 3 - spin)}]`;
  } else {
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * barWidth);
    head = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${(100 * fraction).toFixed(0).padStart(3)}%`;
  }
  const eta =
    fraction !== undefined && fraction > 0.01 && fraction < 1
      ? `  ETA ${formatDuration((elapsedMs * (1 - fraction)) / fraction)}`
      : '';
  const line = `${head}  ${detail}  ${formatDuration(elapsedMs)}${eta}`;
  return line.length > width - 1 ? line.slice(0, width - 1) : line;
}

/** 950 ms -> `0.9s`, 75 s -> `1m15s`, 2 h -> `2h00m`. */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
