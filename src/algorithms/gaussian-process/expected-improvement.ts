// The logarithm of the expected improvement below `best` of a normal prediction (Jones, Schonlau &
// Welch 1998): EI = sd h((best - mean) / sd) with h(z) = z Phi(z) + phi(z). Its logarithm, so that
// candidates far out in the tail, where EI underflows, are still ranked (Ament et al. 2023,
// "Unexpected improvements to expected improvement").

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * erfc(x) for x >= 0 with a relative error below 1.2e-7 everywhere (Press et al., Numerical
 * Recipes, sec. 6.2, Chebyshev fit), written as exp(-x^2) times a correction so that callers can
 * take its logarithm in the far tail.
 */
function erfcScaledLog(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  return (
    Math.log(t) -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  );
}

/** log h(z), h(z) = z Phi(z) + phi(z) > 0. */
export function logExpectedImprovementFactor(z: number): number {
  if (z >= -1) {
    // No cancellation here: Phi(z) >= 0.16.
    const phi = Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
    const cdf =
      z >= 0
        ? 1 - 0.5 * Math.exp(erfcScaledLog(z / Math.SQRT2) - 0.5 * z * z)
        : 0.5 * Math.exp(erfcScaledLog(-z / Math.SQRT2) - 0.5 * z * z);
    return Math.log(z * cdf + phi);
  }
  const t = -z;
  const logPhi = -0.5 * t * t - LOG_SQRT_2PI;
  if (t > 8) {
    // h(-t) = phi(t) (1 - t R(t)) with R the Mills ratio; its asymptotic series to t^-8.
    const u = 1 / (t * t);
    return logPhi + Math.log(u * (1 - u * (3 - u * (15 - 105 * u))));
  }
  // Phi(-t) = erfc(t / sqrt 2) / 2 = phi(t) sqrt(pi / 2) exp(x^2) erfc(x), x = t / sqrt 2.
  const millsRatio = Math.sqrt(Math.PI / 2) * Math.exp(erfcScaledLog(t / Math.SQRT2));
  return logPhi + Math.log(1 - t * millsRatio);
}

/** log EI of a prediction with mean `mean` and standard deviation `sd` > 0 below `best`. */
export function logExpectedImprovement(mean: number, sd: number, best: number): number {
  return Math.log(sd) + logExpectedImprovementFactor((best - mean) / sd);
}
