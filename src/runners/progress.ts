// Progress on stderr: a one-line bar redrawn in place on terminals (bar, percentage, counts, best
// so far, ETA), and a plain line every few seconds elsewhere (CI logs, `| tee`).

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
  /**
   * Fraction that was already done when this session started (trials replayed from a journal):
   * the ETA is extrapolated from the work done since.
   */
  resumedFraction?: number;
}

/** Options of {@link createProgressBar}. */
export interface ProgressBarOptions {
  /**
   * Milliseconds between plain progress lines when the stream is not a terminal.
   * @defaultValue 5000, or `KILN_PROGRESS_SECONDS` x 1000 when that environment variable is set
   */
  plainIntervalMs?: number;
}

/** A progress display that redraws in place on terminals and prints plain lines elsewhere. */
export interface ProgressBar {
  update(state: ProgressState): void;
  /** Clears the line so that the summary prints cleanly. */
  finish(): void;
}

/**
 * A bar on `stream` when it is a terminal; otherwise plain lines (`kiln: progress ...`), at most
 * one per interval, the first after one interval (short commands print none). `enabled: false`
 * gives a display that prints nothing.
 */
export function createProgressBar(
  stream: ProgressStream = process.stderr,
  enabled = true,
  options: ProgressBarOptions = {},
): ProgressBar {
  if (!enabled) return { update: () => undefined, finish: () => undefined };
  if (stream.isTTY !== true)
    return plainProgress(stream, options.plainIntervalMs ?? intervalFromEnvironment());
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

function plainProgress(stream: ProgressStream, intervalMs: number): ProgressBar {
  let next = intervalMs;
  return {
    update(state) {
      if (state.elapsedMs < next) return;
      stream.write(`kiln: progress ${renderPlain(state)}\n`);
      next = state.elapsedMs + intervalMs;
    },
    finish: () => undefined,
  };
}

function intervalFromEnvironment(): number {
  const text = process.env.KILN_PROGRESS_SECONDS;
  const seconds = text === undefined || text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 5000;
}

/** The plain progress line (no bar): percentage, detail, elapsed time and ETA. */
export function renderPlain(state: ProgressState): string {
  const percent = state.fraction === undefined ? '' : `${(100 * state.fraction).toFixed(0)}%  `;
  return `${percent}${state.detail}  elapsed ${formatDuration(state.elapsedMs)}${eta(state)}`;
}

// The time left, extrapolated from the work done in this session.
function eta(state: ProgressState): string {
  const { fraction, elapsedMs } = state;
  if (fraction === undefined || fraction >= 1) return '';
  const done = fraction - (state.resumedFraction ?? 0);
  if (done <= 0.01) return '';
  return `  ETA ${formatDuration((elapsedMs * (1 - fraction)) / done)}`;
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
  const line = `${head}  ${detail}  ${formatDuration(elapsedMs)}${eta(state)}`;
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
