// Which engine tabu search runs on a space (swap table, 2-opt lists, Lin-Kernighan tour walks,
// bit flips, or sampled neighbours) and the tenure, stagnation and restart settings that suit
// each engine's neighbourhood when the parameters leave them automatic.
import type { SolverContext } from '../../core/solver.js';
import type { TabuSearchParams } from './params.js';
import type { Engine, SampledMoveKind } from './search-state.js';

/** The engine and move for a space, its move model and the parameters. */
export function chooseEngine<X>(
  context: SolverContext<X>,
  params: TabuSearchParams,
): { engine: Engine; move: SampledMoveKind } {
  const space = context.space;
  const moves = params.candidateList === 'sampled' ? undefined : context.moves;
  switch (space.kind) {
    case 'permutation': {
      const spec = space.spec;
      const natural = spec.kind === 'permutation' ? (spec.neighborhood ?? 'swap') : 'swap';
      // Without edge lengths, Lin-Kernighan falls back to 2-opt.
      const chosen =
        params.permutationMove === 'lin-kernighan'
          ? 'two-opt'
          : params.permutationMove !== 'auto'
            ? params.permutationMove
            : natural === 'reversal'
              ? 'two-opt'
              : natural;
      if (chosen === 'swap' && (moves?.swapTable !== undefined || moves?.swap !== undefined))
        return { engine: 'swap', move: 'swap' };
      // Tours with edge lengths: local 2-opt walks repaired by Lin-Kernighan, unless plain
      // 2-opt over every neighbour list was asked for.
      const linKernighan =
        params.permutationMove === 'lin-kernighan' ||
        (params.permutationMove === 'auto' && natural === 'reversal');
      if (linKernighan && moves?.distance !== undefined)
        return { engine: 'lin-kernighan', move: 'two-opt' };
      if (chosen === 'two-opt' && moves?.twoOpt !== undefined)
        return { engine: 'two-opt', move: 'two-opt' };
      return { engine: 'sampled', move: chosen };
    }
    case 'binary':
      return { engine: moves?.flip !== undefined ? 'flip' : 'sampled', move: 'flip' };
    case 'real':
      return { engine: 'sampled', move: 'real-step' };
    case 'integer':
      return { engine: 'sampled', move: 'integer-step' };
    case 'categorical':
      return { engine: 'sampled', move: 'categorical' };
    case 'mixed':
      return { engine: 'sampled', move: 'mixed' };
  }
}

/** Base tenure, largest reactive tenure and stagnation length picked from the neighbourhood. */
export function automaticSettings(
  engine: Engine,
  size: number,
): {
  tenure: number;
  maximum: number;
  stagnation: number;
  longTerm: number;
  restartStrength: number | null;
} {
  const quarter = Math.max(1, Math.round(size / 4));
  switch (engine) {
    case 'swap':
      return {
        tenure: size,
        maximum: Math.max(2, (size * (size - 1)) / 4),
        // Short tabu walks restarted from elite solutions kicked by n/4 random swaps (the
        // iterated tabu search of Misevicius 2005) beat one long walk on structured instances.
        stagnation: 10 * size,
        longTerm: 5 * size * size,
        restartStrength: Math.max(2, Math.round(size / 4)),
      };
    case 'two-opt':
      // About n/10 edges: longer tenures forbid too much of the short edges near each city.
      return {
        tenure: Math.max(2, Math.round(size / 10)),
        maximum: Math.max(2, size),
        stagnation: 10 * size,
        longTerm: 0,
        restartStrength: null,
      };
    case 'lin-kernighan':
      // Iterations stay local, so a removed link is only met again by the walk's next few
      // iterations; a walk that has not improved the best for 100 iterations restarts from
      // the kicked best tour (on d1291, 4 CPU-s: 0.07% against 1.44% with 1,000 and 0.59%
      // with 30).
      return {
        tenure: 10,
        maximum: Math.max(2, size),
        stagnation: 100,
        longTerm: 0,
        restartStrength: null,
      };
    case 'flip':
      return {
        tenure: quarter,
        maximum: Math.max(1, size - 1),
        stagnation: 10 * size,
        longTerm: 0,
        restartStrength: null,
      };
    case 'sampled':
      return {
        tenure: quarter,
        maximum: Math.max(1, size - 1),
        stagnation: 50,
        longTerm: 0,
        restartStrength: null,
      };
  }
}
