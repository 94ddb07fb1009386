// A timer for any finite delay: Node's timers hold at most 2^31 - 1 ms (about 24.8 days) and
// fire after 1 ms beyond it, so longer delays are waited in capped steps.

/** The longest delay one Node timer can hold, in milliseconds. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A cancellable timer. */
export interface LongTimeout {
  clear(): void;
}

/**
 * Calls `callback` once after `delayMs` milliseconds (any finite delay; Infinity never fires),
 * re-arming a capped timer as often as needed.
 */
export function setLongTimeout(callback: () => void, delayMs: number): LongTimeout {
  const due = performance.now() + delayMs;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    const left = due - performance.now();
    if (left <= 0) {
      timer = undefined;
      callback();
      return;
    }
    timer = setTimeout(arm, Math.min(MAX_TIMER_MS, Math.ceil(left)));
  };
  if (Number.isFinite(delayMs)) arm();
  return {
    clear: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
