// Time of the exact hypervolume: 2-D on ZDT1 fronts of 1,000 to 100,000 points (in front order
// and shuffled, reference (1.1, 1.1); TUNING.md M4 asks < 50 ms at 100,000), and 3-D (the
// sweep along the third objective) on DTLZ2 fronts. With --against PATH, the same calls from
// another checkout's src/ alternate with this one's, round by round, in one process. Median over
// --rounds (default 15) after 3 warm-up rounds, wall milliseconds. Options:
// --sizes 1000,10000,100000 --rounds N --against PATH --name
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hypervolume } from '../src/multi-objective/hypervolume.js';
import { median, option, writeResult } from './results.js';

type Hypervolume = typeof hypervolume;

const sizes = (option('sizes') ?? '1000,10000,100000').split(',').map(Number);
const rounds = Number(option('rounds') ?? 15);
const against = option('against');
const versions: [string, Hypervolume][] = [['this checkout', hypervolume]];
if (against !== undefined) {
  const url = pathToFileURL(resolve(against, 'src/multi-objective/hypervolume.ts')).href;
  const module = (await import(url)) as { hypervolume: Hypervolume };
  versions.push([`--against ${against}`, module.hypervolume]);
}

// A fixed shuffle (a linear congruential generator), so every run times the same order.
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  let state = 7;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function zdt1Front(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => [i / (n - 1), 1 - Math.sqrt(i / (n - 1))]);
}

function dtlz2Front(side: number): number[][] {
  const front: number[][] = [];
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      const a = ((Math.PI / 2) * i) / (side - 1);
      const b = ((Math.PI / 2) * j) / (side - 1);
      front.push([Math.cos(a) * Math.cos(b), Math.cos(a) * Math.sin(b), Math.sin(a)]);
    }
  }
  return front;
}

const cases: { label: string; points: number[][]; reference: number[] }[] = [];
for (const n of sizes) {
  const front = zdt1Front(n);
  cases.push({ label: `2-D ZDT1, ${n} points in order`, points: front, reference: [1.1, 1.1] });
  cases.push({
    label: `2-D ZDT1, ${n} points shuffled`,
    points: shuffled(front),
    reference: [1.1, 1.1],
  });
}
for (const side of [10, 20]) {
  cases.push({
    label: `3-D DTLZ2, ${side * side} points`,
    points: shuffled(dtlz2Front(side)),
    reference: [1.1, 1.1, 1.1],
  });
}

const rows: { case: string; version: string; medianMs: number; value: number }[] = [];
for (const { label, points, reference } of cases) {
  const timings = versions.map(() => [] as number[]);
  const values = versions.map(([, f]) => f(points, reference));
  for (let round = 0; round < rounds + 3; round++) {
    versions.forEach(([, f], v) => {
      const start = performance.now();
      f(points, reference);
      if (round >= 3) (timings[v] as number[]).push(performance.now() - start);
    });
  }
  versions.forEach(([version], v) => {
    rows.push({
      case: label,
      version,
      medianMs: median(timings[v] as number[]),
      value: values[v] as number,
    });
  });
}

console.log('| case | version | median ms | hypervolume |');
console.log('|---|---|---:|---:|');
for (const row of rows) {
  console.log(`| ${row.case} | ${row.version} | ${row.medianMs.toFixed(2)} | ${row.value} |`);
}
writeResult(option('name') ?? 'hypervolume-speed', { rounds, sizes, rows });
