// The ceiling of a network's WebAssembly memory: 65,536 pages of 64 KiB (4 GiB), checked before
// anything is allocated so that a too large network is refused with its size, not a RangeError.
import { OptionError } from '../core/errors.js';

/** Bytes of a WebAssembly page. */
export const PAGE_BYTES = 65536;
/** The most pages a (32-bit) WebAssembly memory holds. */
export const MAX_MEMORY_PAGES = 65536;

const gibibytes = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

/**
 * What is wrong with a network needing `bytes` of memory (`asks for a network needing ...`, with
 * `verb` in place of `asks for`), or undefined when it fits.
 */
export function networkMemoryIssue(bytes: number, verb = 'asks for'): string | undefined {
  if (bytes <= MAX_MEMORY_PAGES * PAGE_BYTES) return undefined;
  return `${verb} a network needing ${gibibytes(bytes)} of WebAssembly memory (parameters, gradients, optimizer state and activations), above its limit of ${gibibytes(MAX_MEMORY_PAGES * PAGE_BYTES)}`;
}

/**
 * Refuses a network needing `bytes` of memory past the ceiling, blaming the option at `path`
 * (`/model/hidden`, `/lora/rank`) and suggesting `remedy`.
 */
export function checkNetworkMemory(bytes: number, path: string, remedy: string): void {
  const issue = networkMemoryIssue(bytes);
  if (issue !== undefined) throw new OptionError('network', path, issue, remedy);
}
