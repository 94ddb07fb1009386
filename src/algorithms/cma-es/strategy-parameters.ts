// CMA-ES's default strategy parameters for a dimension and a population size (Hansen 2016, "The
// CMA Evolution Strategy: A Tutorial", arXiv:1604.00772, eq. 48-56 and Table 1), with the
// negative ("active") recombination weights of its section 3.
/** The constants of one CMA-ES run: they depend only on the dimension n and lambda. */
export interface StrategyParameters {
  /** Dimension n. */
  dimension: number;
  /** Population size (lambda). */
  populationSize: number;
  /** Parents (mu): the best half. */
  parents: number;
  /** Recombination weights of all lambda ranks: mu positive ones summing to 1, then negative ones. */
  weights: number[];
  /** Variance-effective selection mass of the positive weights (mu_eff). */
  effectiveMass: number;
  /** Learning rate of the step-size path (c_sigma). */
  stepSizeLearningRate: number;
  /** Damping of the step-size update (d_sigma). */
  stepSizeDamping: number;
  /** Learning rate of the covariance path (c_c). */
  pathLearningRate: number;
  /** Rank-one update rate (c_1). */
  rankOneRate: number;
  /** Rank-mu update rate (c_mu). */
  rankMuRate: number;
  /** Expected length of an n-dimensional standard normal vector (chi_n). */
  expectedNormLength: number;
}

/** lambda = 4 + floor(3 ln n), the default population size. */
export function defaultPopulationSize(dimension: number): number {
  return 4 + Math.floor(3 * Math.log(dimension));
}

/** All the constants for dimension `n` and population size `lambda` (at least 2). */
export function strategyParameters(n: number, lambda: number): StrategyParameters {
  const mu = Math.floor(lambda / 2);
  const raw: number[] = [];
  for (let i = 1; i <= lambda; i++) raw.push(Math.log((lambda + 1) / 2) - Math.log(i));
  const positive = raw.slice(0, mu);
  const negative = raw.slice(mu);
  const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
  const sumSquares = (xs: number[]): number => xs.reduce((s, x) => s + x * x, 0);
  const effectiveMass = sum(positive) ** 2 / sumSquares(positive);
  const negativeMass = negative.length > 0 ? sum(negative) ** 2 / sumSquares(negative) : 0;

  const rankOneRate = 2 / ((n + 1.3) ** 2 + effectiveMass);
  const rankMuRate = Math.min(
    1 - rankOneRate,
    (2 * (effectiveMass - 2 + 1 / effectiveMass)) / ((n + 2) ** 2 + effectiveMass),
  );
  const stepSizeLearningRate = (effectiveMass + 2) / (n + effectiveMass + 5);
  const stepSizeDamping =
    1 + 2 * Math.max(0, Math.sqrt((effectiveMass - 1) / (n + 1)) - 1) + stepSizeLearningRate;
  const pathLearningRate = (4 + effectiveMass / n) / (n + 4 + (2 * effectiveMass) / n);

  // Negative weights are scaled so that they cannot make the covariance indefinite (alpha bounds).
  const negativeScale = Math.min(
    1 + rankOneRate / rankMuRate,
    1 + (2 * negativeMass) / (effectiveMass + 2),
    (1 - rankOneRate - rankMuRate) / (n * rankMuRate),
  );
  const positiveSum = sum(positive);
  const negativeSum = -sum(negative);
  const weights = raw.map((w) =>
    w >= 0 ? w / positiveSum : negativeSum > 0 ? (negativeScale * w) / negativeSum : 0,
  );
  return {
    dimension: n,
    populationSize: lambda,
    parents: mu,
    weights,
    effectiveMass,
    stepSizeLearningRate,
    stepSizeDamping,
    pathLearningRate,
    rankOneRate,
    rankMuRate,
    expectedNormLength: Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n)),
  };
}
