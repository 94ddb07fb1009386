// Gradient clipping by value and by global norm, in place on the flat gradient buffer.
import type { FloatArray } from './optimizers/optimizer.js';

/** Clamps every gradient component to [-limit, limit] (PyTorch clip_grad_value_). */
export function clipByValue(gradients: FloatArray, limit: number): void {
  for (let i = 0; i < gradients.length; i++) {
    const g = gradients[i] as number;
    if (g > limit) gradients[i] = limit;
    else if (g < -limit) gradients[i] = -limit;
  }
}

/**
 * Scales the gradient to global L2 norm maxNorm when above it, with PyTorch's coefficient
 * maxNorm / (norm + 1e-6) (clip_grad_norm_).
 */
export function clipByNorm(gradients: FloatArray, maxNorm: number): void {
  let sum = 0;
  for (let i = 0; i < gradients.length; i++) sum += (gradients[i] as number) ** 2;
  const coefficient = maxNorm / (Math.sqrt(sum) + 1e-6);
  if (coefficient >= 1) return;
  for (let i = 0; i < gradients.length; i++) gradients[i] = (gradients[i] as number) * coefficient;
}
