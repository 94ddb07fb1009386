// What a summary says about failed evaluations: the first distinct messages, so that a study
// or run whose every evaluation failed says why.

/** Distinct failure messages shown in a summary. */
export const SHOWN_FAILURE_MESSAGES = 3;

/** The first `limit` distinct messages, in order of first appearance. */
export function distinctMessages(
  messages: Iterable<string | undefined>,
  limit = SHOWN_FAILURE_MESSAGES,
): string[] {
  const seen = new Set<string>();
  for (const message of messages) {
    if (message === undefined || seen.has(message)) continue;
    seen.add(message);
    if (seen.size >= limit) break;
  }
  return [...seen];
}

/** Summary lines: how many failed and the first distinct messages. */
export function failureLines(failed: number, total: number, messages: readonly string[]): string[] {
  if (failed === 0) return [];
  const head =
    failed === total
      ? `every one of the ${total} evaluations failed`
      : `${failed} of ${total} evaluations failed`;
  return [
    `${head}; ${messages.length === 1 ? 'the reason' : 'first reasons'}:`,
    ...messages.map((m) => `  - ${m}`),
  ];
}
