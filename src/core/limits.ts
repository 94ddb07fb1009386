// Sizes past which a config asks for something meaningless (more memory than any machine has,
// or loops that never end): schemas bound them, so that the mistake is reported, not run.

/** The most variables a problem or space may have (dimension, permutation or bit-string size). */
export const MAX_DIMENSION = 1_000_000;

/** The most candidates asked or kept at once (batches, populations, candidate lists). */
export const MAX_BATCH_SIZE = 1_000_000;

/** The widest hidden layer of a network. */
export const MAX_LAYER_WIDTH = 1_000_000;

/**
 * The most runs a batch may hold (problems x solver variants x seeds): past it, resuming alone
 * scans every run's key for minutes and the journal outgrows any disk.
 */
export const MAX_BATCH_RUNS = 1_000_000;
