// Shared helper for continuous-suite benchmarks (any solver may reuse it): runs a solver on the
// 8 functions of the suite, plain and shifted, at 10,000 x d evaluations, and compares medians
// with a column of ../shared/refs/peers.md, counting anything below 1e-8 as solved.
//
//   import { runContinuousSuite, printSuiteTable, writeBenchResult } from './continuous-suite.js';
//   const rows = await runContinuousSuite({ solver: 'differential-evolution', peer: 'scipy_de_polish' });
//   printSuiteTable(rows);
//   writeBenchResult('de-continuous', { rows });
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnySolver } from '../src/core/solver.js';
import { TEST_FUNCTIONS } from '../src/problems/continuous/functions.js';
import { continuousProblem } from '../src/problems/continuous/suite.js';
import { minimize } from '../src/runners/minimize.js';
import { median, option } from './results.js';

export { median };

const here = dirname(fileURLToPath(import.meta.url));

/** Values below this count as solved (the optimum of every suite function is 0). */
export const SOLVED = 1e-8;

/** Options of {@link runContinuousSuite}. */
export interface SuiteOptions {
  /** A registered solver name or a solver module. */
  solver: AnySolver | string;
  /** Solver parameters (defaults fill in the rest). */
  params?: object;
  /** Column of peers.md to compare with, e.g. `scipy_de_polish`. */
  peer: string;
  /** Dimensions and seeds per dimension. @defaultValue { 10: 5, 30: 2 } (as the peers) */
  seeds?: Record<number, number>;
  /** Evaluations per dimension. @defaultValue 10,000 (as the peers) */
  evaluationsPerDimension?: number;
  /** Only these functions (suite names, e.g. `rastrigin`). @defaultValue all 8 */
  functions?: string[];
  /** Only plain (false) or only shifted (true) variants. @defaultValue both */
  shifted?: boolean;
  /** Called after each run, e.g. to print progress. */
  onRun?: (run: SuiteRun) => void;
}

/**
 * The command-line options every suite bench takes: `--seeds10 N --seeds30 N` (a dimension
 * with 0 seeds is left out), `--functions a,b` and `--params JSON` (over `preset`).
 */
export function suiteOptions(
  defaults: { seeds10: number; seeds30: number },
  preset: object = {},
): Pick<SuiteOptions, 'functions'> & { seeds: Record<number, number>; params: object } {
  const seeds: Record<number, number> = {};
  const seeds10 = Number(option('seeds10') ?? defaults.seeds10);
  const seeds30 = Number(option('seeds30') ?? defaults.seeds30);
  if (seeds10 > 0) seeds[10] = seeds10;
  if (seeds30 > 0) seeds[30] = seeds30;
  // Suite labels write `styblinski_tang`, the registry `styblinski-tang`: both are taken.
  const functions = option('functions')
    ?.split(',')
    .map((name) => name.trim().replace(/_/g, '-'));
  const known = TEST_FUNCTIONS.map((fn) => fn.name);
  const unknown = (functions ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `--functions: unknown ${unknown.join(', ')}; the suite has ${known.join(', ')}`,
    );
  }
  const paramsText = option('params');
  const params = {
    ...preset,
    ...(paramsText === undefined ? {} : (JSON.parse(paramsText) as object)),
  };
  return { seeds, params, ...(functions === undefined ? {} : { functions }) };
}

/** Prints one finished run on stderr (progress of a long bench). */
export function logSuiteRun(run: SuiteRun): void {
  process.stderr.write(
    `d=${run.dimension} ${run.label} seed ${run.seed}: ${run.value.toExponential(3)}\n`,
  );
}

/** One run of the suite. */
export interface SuiteRun {
  dimension: number;
  /** Row label as in peers.md, e.g. `rastrigin_shifted`. */
  label: string;
  seed: number;
  value: number;
  evaluations: number;
  elapsedMs: number;
}

/** One row of the comparison table. */
export interface SuiteRow {
  dimension: number;
  label: string;
  values: number[];
  median: number;
  peerMedian: number | undefined;
  pass: boolean | undefined;
  evaluationsPerSecond: number;
}

/** True when `value` is no worse than `reference`, both floored at {@link SOLVED}. */
export function noWorse(value: number, reference: number): boolean {
  return Math.max(value, SOLVED) <= Math.max(reference, SOLVED);
}

/**
 * The peers' medians by dimension, row label and column, parsed from peers.md (looked up in
 * ../shared/refs beside the repository, or in KILN_REFS).
 */
export function readPeers(): Map<string, number> {
  const folder = process.env.KILN_REFS ?? resolve(here, '../../shared/refs');
  const text = readFileSync(join(folder, 'peers.md'), 'utf8');
  const table = new Map<string, number>();
  let dimension = 0;
  let columns: string[] = [];
  for (const line of text.split('\n')) {
    const heading = /^## d = (\d+)/.exec(line);
    if (heading !== null) dimension = Number(heading[1]);
    if (!line.startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells[0] === 'function') {
      columns = cells.map((c) => c.split(' ')[0] as string);
      continue;
    }
    if (cells[0]?.startsWith('---') === true) continue;
    for (let k = 1; k < cells.length; k++) {
      const value = Number.parseFloat(cells[k] as string);
      if (Number.isFinite(value)) table.set(`${dimension}/${cells[0]}/${columns[k]}`, value);
    }
  }
  return table;
}

/** Runs the solver on every function (plain and shifted) for each dimension and seed. */
export async function runContinuousSuite(options: SuiteOptions): Promise<SuiteRow[]> {
  const peers = readPeers();
  const seeds = options.seeds ?? { 10: 5, 30: 2 };
  const perDimension = options.evaluationsPerDimension ?? 10_000;
  const variants = options.shifted === undefined ? [false, true] : [options.shifted];
  const rows: SuiteRow[] = [];
  for (const [dimensionText, seedCount] of Object.entries(seeds)) {
    const dimension = Number(dimensionText);
    for (const fn of TEST_FUNCTIONS) {
      if (options.functions !== undefined && !options.functions.includes(fn.name)) continue;
      for (const shifted of variants) {
        const label = `${fn.name.replace(/-/g, '_')}${shifted ? '_shifted' : ''}`;
        const problem = continuousProblem(fn, { dimension, shifted });
        const values: number[] = [];
        let evaluations = 0;
        let elapsedMs = 0;
        for (let seed = 1; seed <= seedCount; seed++) {
          const result = await minimize(problem, options.solver, {
            budget: { evaluations: perDimension * dimension },
            ...(options.params === undefined ? {} : { params: options.params }),
            seed,
          });
          values.push(result.bestValue);
          evaluations += result.evaluations;
          elapsedMs += result.elapsedMs;
          options.onRun?.({
            dimension,
            label,
            seed,
            value: result.bestValue,
            evaluations: result.evaluations,
            elapsedMs: result.elapsedMs,
          });
        }
        const value = median(values);
        const peerMedian = peers.get(`${dimension}/${label}/${options.peer}`);
        rows.push({
          dimension,
          label,
          values,
          median: value,
          peerMedian,
          pass: peerMedian === undefined ? undefined : noWorse(value, peerMedian),
          evaluationsPerSecond: evaluations / (elapsedMs / 1000),
        });
      }
    }
  }
  return rows;
}

const format = (v: number | undefined): string =>
  v === undefined
    ? '-'
    : v === 0
      ? '0'
      : Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4
        ? v.toExponential(2)
        : v.toPrecision(3);

/** Prints the comparison table (markdown) and the pass count. */
export function printSuiteTable(rows: readonly SuiteRow[], peer: string): void {
  console.log(`| d | function | median | ${peer} | pass | runs |`);
  console.log('|---|---|---:|---:|---|---|');
  for (const row of rows) {
    const pass = row.pass === undefined ? '-' : row.pass ? 'pass' : 'FAIL';
    console.log(
      `| ${row.dimension} | ${row.label} | ${format(row.median)} | ${format(row.peerMedian)} | ${pass} | ${row.values.map(format).join(' ')} |`,
    );
  }
  const judged = rows.filter((r) => r.pass !== undefined);
  console.log(`\n${judged.filter((r) => r.pass === true).length}/${judged.length} pass`);
}

/** Writes `bench/results/<name>.json` (`tmp/<name>` for scratch runs: git ignores it). */
export function writeBenchResult(name: string, data: unknown): string {
  const path = join(here, 'results', `${name}.json`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}

/** Options of {@link runSuiteBench}. */
export interface SuiteBenchOptions {
  solver: AnySolver;
  /** Column of peers.md to compare with. */
  peer: string;
  /** Default result name (`--name` overrides it). */
  name: string;
  /** Seeds per dimension when `--seeds10` / `--seeds30` are not given. */
  defaultSeeds: { seeds10: number; seeds30: number };
  /** Parameters under `--params`. @defaultValue {} */
  preset?: object;
  /** Also print the seconds taken after the table. @defaultValue false */
  printSeconds?: boolean;
}

/**
 * The whole of a plain suite bench: reads the common options, runs the suite with progress on
 * stderr, prints the table against `peer` and writes `{ peer, params, seeds, rows }`.
 */
export async function runSuiteBench(options: SuiteBenchOptions): Promise<SuiteRow[]> {
  const { peer } = options;
  const { seeds, params, ...only } = suiteOptions(options.defaultSeeds, options.preset);
  const started = performance.now();
  const rows = await runContinuousSuite({
    solver: options.solver,
    params,
    peer,
    seeds,
    ...only,
    onRun: logSuiteRun,
  });
  printSuiteTable(rows, peer);
  if (options.printSeconds === true) {
    console.log(`${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const path = writeBenchResult(option('name') ?? options.name, { peer, params, seeds, rows });
  console.log(`wrote ${path}`);
  return rows;
}
