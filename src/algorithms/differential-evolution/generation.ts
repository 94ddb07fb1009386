// One generation of differential evolution on vectors: the trial vectors (each with the F and CR
// it used) and the one-to-one survivor selection that feeds the archive and the F/CR learning.
import type { Rng } from '../../core/rng.js';
import { repairTrial } from '../operators/de-bounds.js';
import { differentialCrossover } from '../operators/de-crossover.js';
import { DONOR_COUNT, chooseDonors, mutantVector, usesArchive } from '../operators/de-mutation.js';
import {
  sampleCrossoverRate,
  sampleDifferentialWeight,
  type SuccessMemory,
  type Successes,
} from './adaptation.js';
import type { DifferentialEvolutionParams } from './params.js';
import { addToArchive, rankByValue } from './population.js';

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
  const ranking = rankByValue(values);
  const best = vectors[ranking[0] as number] as number[];
  const pBestCount = Math.min(size, Math.max(2, Math.round(params.pBestRate * size)));
  const archiveSize = usesArchive(params.strategy) ? archive.length : 0;
  const donorCount = DONOR_COUNT[params.strategy];
  const fixedWeight = classicWeight(params, rng);
  const batch: TrialBatch = { vectors: [], differentialWeights: [], crossoverRates: [] };
  for (let i = 0; i < size; i++) {
    let weight: number;
    let rate: number;
    if (params.variant === 'classic') {
      weight = fixedWeight;
      rate = params.crossoverRate;
    } else {
      const slot = params.variant === 'jade' ? 0 : rng.int(memory.differentialWeights.length);
      rate = sampleCrossoverRate(memory.crossoverRates[slot] ?? null, rng);
      weight = sampleDifferentialWeight(memory.differentialWeights[slot] as number, rng);
    }
    const current = vectors[i] as number[];
    const donors = chooseDonors(donorCount, i, size, archiveSize, rng).map((k) =>
      k < size ? (vectors[k] as number[]) : (archive[k - size] as number[]),
    );
    const pbest =
      params.strategy === 'current-to-pbest/1'
        ? (vectors[ranking[rng.int(pBestCount)] as number] as number[])
        : best;
    const mutant = mutantVector(params.strategy, { current, best, pbest, donors }, weight);
    const trial = differentialCrossover(params.crossover, current, mutant, rate, rng);
    batch.vectors.push(repairTrial(trial, current, lower, upper, params.boundHandling, rng));
    batch.differentialWeights.push(weight);
    batch.crossoverRates.push(rate);
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
  const successes: Successes = { differentialWeights: [], crossoverRates: [], improvements: [] };
  const { vectors, values, archive } = population;
  for (let i = 0; i < vectors.length; i++) {
    const value = trialValues[i] as number;
    const parentValue = values[i] as number;
    if (!Number.isFinite(value) || !(value <= parentValue)) continue;
    if (value < parentValue) {
      addToArchive(archive, vectors[i] as number[], archiveLimit, rng);
      successes.differentialWeights.push(trials.differentialWeights[i] as number);
      successes.crossoverRates.push(trials.crossoverRates[i] as number);
      successes.improvements.push(parentValue - value);
    }
    vectors[i] = trials.vectors[i] as number[];
    values[i] = value;
  }
  return successes;
}
