// One generation of differential evolution on vectors: the trial vectors (each with the F and CR
// it used) and the one-to-one survivor selection that feeds the archive and the F/CR learning.
import type { Rng } from '../../core/rng.js';
import { repairTrial } from '../operators/de-bounds.js';
import { writeCrossover } from '../operators/de-crossover.js';
import { DONOR_COUNT, usesArchive, writeDonors, writeMutant } from '../operators/de-mutation.js';
import {
  sampleCrossoverRate,
  sampleDifferentialWeight,
  type SuccessMemory,
  type Successes,
} from './adaptation.js';
import type { DifferentialEvolutionParams } from './params.js';
import { bestRanked } from '../operators/ranking.js';
import { addToArchive } from './population.js';
import { releaseVector, takeNumberList, takeVector, takeVectorList } from './vector-pool.js';

/** The evolving population, in the vector embedding of the space (plain data). */
export interface PopulationState {
  vectors: number[][];
  values: number[];
  archive: number[][];
  memory: SuccessMemory;
}

/** A generation's trial vectors, with the F and CR each one used. */
export interface TrialBatch {
  vectors: number[][];
  differentialWeights: number[];
  crossoverRates: number[];
}

/** Archive capacity for a population of `size`. */
export function archiveCapacity(params: DifferentialEvolutionParams, size: number): number {
  return usesArchive(params.strategy) ? Math.round(params.archiveRate * size) : 0;
}

// Working memory reused across trials and generations (never part of the state): a generation
// then allocates no trial vector and, mostly, no list (see vector-pool.ts).
const scratch = {
  donorIndices: new Int32Array(8),
  mutant: new Float64Array(0),
  successes: {
    count: 0,
    differentialWeights: [] as number[],
    crossoverRates: [] as number[],
    improvements: [] as number[],
  } satisfies Successes,
  vectors: {
    current: [] as number[],
    best: [] as number[],
    pbest: [] as number[],
    donors: [] as number[][],
  },
};

function mutantBuffer(dimension: number): Float64Array {
  if (scratch.mutant.length !== dimension) scratch.mutant = new Float64Array(dimension);
  return scratch.mutant;
}

/** One trial vector per population member, inside [lower, upper]. */
export function makeTrials(
  population: PopulationState,
  params: DifferentialEvolutionParams,
  lower: readonly number[],
  upper: readonly number[],
  rng: Rng,
): TrialBatch {
  const { vectors, values, archive, memory } = population;
  const size = vectors.length;
  const pBestCount = Math.min(size, Math.max(2, Math.round(params.pBestRate * size)));
  const ranking = bestRanked(values, pBestCount);
  const best = vectors[ranking[0] as number] as number[];
  const archiveSize = usesArchive(params.strategy) ? archive.length : 0;
  const donorCount = DONOR_COUNT[params.strategy];
  const fixedWeight = classicWeight(params, rng);
  const { strategy, crossover, boundHandling, variant } = params;
  const pickPbest = strategy === 'current-to-pbest/1';
  const dimension = lower.length;
  const mutant = mutantBuffer(dimension);
  const indices = scratch.donorIndices;
  const parts = scratch.vectors;
  parts.best = best;
  parts.donors.length = donorCount;
  const batch: TrialBatch = {
    vectors: takeVectorList(size, vectors[0] as number[]),
    differentialWeights: takeNumberList(size),
    crossoverRates: takeNumberList(size),
  };
  for (let i = 0; i < size; i++) {
    let weight: number;
    let rate: number;
    if (variant === 'classic') {
      weight = fixedWeight;
      rate = params.crossoverRate;
    } else {
      const slot = variant === 'jade' ? 0 : rng.int(memory.differentialWeights.length);
      rate = sampleCrossoverRate(memory.crossoverRates[slot] ?? null, rng);
      weight = sampleDifferentialWeight(memory.differentialWeights[slot] as number, rng);
    }
    const current = vectors[i] as number[];
    writeDonors(indices, donorCount, i, size, archiveSize, rng);
    for (let k = 0; k < donorCount; k++) {
      const index = indices[k] as number;
      parts.donors[k] = (index < size ? vectors[index] : archive[index - size]) as number[];
    }
    parts.current = current;
    parts.pbest = pickPbest ? (vectors[ranking[rng.int(pBestCount)] as number] as number[]) : best;
    writeMutant(mutant, strategy, parts, weight);
    const trial = takeVector(dimension);
    writeCrossover(trial, crossover, current, mutant, rate, rng);
    batch.vectors[i] = repairTrial(trial, current, lower, upper, boundHandling, rng);
    batch.differentialWeights[i] = weight;
    batch.crossoverRates[i] = rate;
  }
  return batch;
}

// F of the classic variant: fixed, or dithered once per generation as SciPy does.
function classicWeight(params: DifferentialEvolutionParams, rng: Rng): number {
  if (params.variant !== 'classic') return 0;
  const weight = params.differentialWeight;
  return typeof weight === 'number' ? weight : rng.uniform(weight[0], weight[1]);
}

/**
 * One-to-one survivor selection: a trial replaces its parent when its value is finite and no
 * worse (a failed trial, Infinity, never does). A strictly better trial sends the parent to the
 * archive and counts as a success for the F/CR learning.
 */
export function selectSurvivors(
  population: PopulationState,
  trials: TrialBatch,
  trialValues: readonly number[],
  archiveLimit: number,
  rng: Rng,
): Successes {
  // Reused across generations: the caller reads it before the next selection.
  const successes = scratch.successes;
  let count = 0;
  const { vectors, values, archive } = population;
  for (let i = 0; i < vectors.length; i++) {
    const value = trialValues[i] as number;
    const parentValue = values[i] as number;
    const trial = trials.vectors[i] as number[];
    // NaN and Infinity (failed trials) never survive.
    if (!Number.isFinite(value) || !(value <= parentValue)) {
      releaseVector(trial);
      continue;
    }
    const parent = vectors[i] as number[];
    if (value < parentValue) {
      releaseVector(addToArchive(archive, parent, archiveLimit, rng));
      setEntry(successes.differentialWeights, count, trials.differentialWeights[i] as number);
      setEntry(successes.crossoverRates, count, trials.crossoverRates[i] as number);
      setEntry(successes.improvements, count, parentValue - value);
      count++;
    } else {
      releaseVector(parent);
    }
    vectors[i] = trial;
    values[i] = value;
  }
  successes.count = count;
  return successes;
}

// list[index] = value with index <= list.length: appending keeps the list packed.
function setEntry(list: number[], index: number, value: number): void {
  if (index < list.length) list[index] = value;
  else list.push(value);
}
