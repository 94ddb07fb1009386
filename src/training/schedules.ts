// Learning-rate schedules, evaluated once per epoch as PyTorch's schedulers are stepped: step
// decay (StepLR), exponential decay (ExponentialLR), cosine annealing (CosineAnnealingLR,
// Loshchilov & Hutter 2017), each after an optional linear warmup (LinearLR, Goyal et al. 2017).

/** A learning-rate schedule. */
export interface LearningRateSchedule {
  /** @defaultValue "constant" */
  type: 'constant' | 'step' | 'exponential' | 'cosine';
  /** step: epochs between decays. @defaultValue 30 */
  stepSize: number;
  /** step and exponential: the decay factor. @defaultValue 0.1 (step), 0.95 (exponential) */
  gamma?: number;
  /** cosine: the learning rate reached at the last epoch. @defaultValue 0 */
  minLearningRate: number;
  /** Epochs of linear warmup before the schedule starts. @defaultValue 0 */
  warmupEpochs: number;
  /** Warmup starts at this fraction of the learning rate. @defaultValue 1/3 (PyTorch LinearLR) */
  warmupStartFactor: number;
}

/** The default schedule: a constant learning rate. */
export const DEFAULT_SCHEDULE: LearningRateSchedule = {
  type: 'constant',
  stepSize: 30,
  minLearningRate: 0,
  warmupEpochs: 0,
  warmupStartFactor: 1 / 3,
};

/**
 * The learning rate of 0-based `epoch` out of `epochs`, for base rate `base`. During warmup it
 * rises linearly from warmupStartFactor * base to base; the schedule then counts epochs from the
 * end of the warmup (cosine anneals over the remaining epochs).
 */
export function scheduledLearningRate(
  schedule: LearningRateSchedule,
  base: number,
  epoch: number,
  epochs: number,
): number {
  const warmup = schedule.warmupEpochs;
  if (epoch < warmup) {
    const start = schedule.warmupStartFactor;
    return base * (start + ((1 - start) * epoch) / warmup);
  }
  const e = epoch - warmup;
  switch (schedule.type) {
    case 'constant':
      return base;
    case 'step':
      return base * (schedule.gamma ?? 0.1) ** Math.floor(e / schedule.stepSize);
    case 'exponential':
      return base * (schedule.gamma ?? 0.95) ** e;
    case 'cosine': {
      const span = Math.max(1, epochs - warmup);
      const low = schedule.minLearningRate;
      return low + ((base - low) * (1 + Math.cos((Math.PI * Math.min(e, span)) / span))) / 2;
    }
  }
}
