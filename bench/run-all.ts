// `npm run bench`: the quick benchmarks (each under a minute on two cores), one after the other
// in fresh processes, then a line per script saying whether it finished. Each script prints
// its own table and writes bench/results/<name>.json. The long quality benchmarks (suites,
// TSPLIB/QAPLIB, tuning studies) are run one by one, as bench/README.md lists them.
//
//   npm run bench [-- --list] [-- --only a,b]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/** The quick benchmarks, in the order they run. */
export const QUICK_BENCHES: readonly string[] = [
  'random-search-overhead.ts',
  'de-speed.ts',
  'ga-speed.ts',
  'sa-speed.ts',
  'ils-local-speed.ts',
];

const { values } = parseArgs({
  options: { list: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const chosen =
  values.only === undefined
    ? QUICK_BENCHES
    : QUICK_BENCHES.filter((name) =>
        values.only?.split(',').some((part) => name.startsWith(part.trim())),
      );
const folder = import.meta.dirname;

if (values.list) {
  for (const name of chosen) console.log(`bench/${name}`);
} else if (chosen.length === 0) {
  console.error(
    `no quick benchmark matches --only ${values.only}; they are: ${QUICK_BENCHES.join(', ')}`,
  );
  process.exitCode = 2;
} else {
  const outcomes: string[] = [];
  for (const name of chosen) {
    const path = join(folder, name);
    if (!existsSync(path)) {
      outcomes.push(`missing   bench/${name}`);
      continue;
    }
    console.log(`\n== bench/${name}`);
    const start = performance.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' });
    const seconds = ((performance.now() - start) / 1000).toFixed(1);
    outcomes.push(
      `${run.status === 0 ? 'done' : 'FAILED'}${' '.repeat(run.status === 0 ? 6 : 4)}bench/${name} (${seconds} s)`,
    );
  }
  console.log(`\n${outcomes.join('\n')}`);
  if (outcomes.some((line) => !line.startsWith('done'))) process.exitCode = 1;
}
