// Iterated local search on TSPLIB: kroA100, ch150 and a280, one core, 10 seeds, 10 s per run
// (target: mean gap <= 1%). A run stops early once it reaches the optimum; the table gives the
// gaps, how often the optimum was reached and when, and CPU seconds per wall second (below 1:
// the machine was loaded). `--evaluations N` bounds runs by ILS iterations (one evaluation
// each) instead of seconds, so that figures do not depend on the machine.
// `--clock cpu` counts the seconds budget in this process's CPU time (bench/cpu-clock.ts).
// Options: --seeds N --first-seed K --seconds S --clock wall|cpu --evaluations N --instances a,b --params JSON
// --name NAME
import { runIlsBench } from './ils-instances.js';

await runIlsBench({
  family: 'tsp',
  instances: 'kroA100,ch150,a280',
  seeds: 10,
  title: 'TSPLIB (2-opt + Or-opt, double bridge)',
  target: 'optimum',
  reached: 'optimum reached',
  timeToIt: 'median s to optimum',
  name: 'ils-tsp',
});
