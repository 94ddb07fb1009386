// Iterated local search on QAPLIB: nug20, tai20a, nug30, tai30a, sko42 and tai50a, one core,
// 5 seeds, 10 s per run (defaults: swap descent, random swaps, a restart after 100 iterations
// without a new best). A run stops early once it reaches the optimum (or best known value);
// the table gives the gaps, how often that value was reached and when, and CPU seconds per wall
// second (below 1: the machine was loaded). `--evaluations N` bounds runs by ILS iterations (one evaluation
// each) instead of seconds, so that figures do not depend on the machine.
// Options: --seeds N --seconds S --evaluations N --instances a,b --params JSON --name NAME
import { runIlsBench } from './ils-instances.js';

await runIlsBench({
  family: 'qap',
  instances: 'nug20,tai20a,nug30,tai30a,sko42,tai50a',
  seeds: 5,
  title: 'QAPLIB (swap descent, random swaps, restarts)',
  target: 'optimum or best known',
  reached: 'best known reached',
  timeToIt: 'median s to it',
  name: 'ils-qap',
});
