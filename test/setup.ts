// Test setup: fast-check runs with a fixed seed (FC_SEED overrides it) so that every run of the
// suite is deterministic; fast-check prints the seed and path of any failure for replay.
import fc from 'fast-check';

const seed = process.env.FC_SEED === undefined ? 20261124 : Number(process.env.FC_SEED);
fc.configureGlobal({ seed, numRuns: Number(process.env.FC_NUM_RUNS ?? 100) });

// Plain progress lines (stderr not a terminal) depend on wall time; the tests that check them
// set their own interval, and every other test sees none.
process.env.KILN_PROGRESS_SECONDS ??= '86400';
