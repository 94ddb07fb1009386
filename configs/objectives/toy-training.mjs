// A toy objective for `kiln tune` with a user module: a smooth stand-in for "validation error
// after training", as a function of a log-scale learning rate, an optimizer, its momentum and a
// batch size. Replace it with your own async function from parameters to a number.
export default async function validationError({
  learningRate,
  optimizer,
  momentum = 0,
  batchSize,
}) {
  const best = { sgd: 0.1, adam: 0.003, rmsprop: 0.001 }[optimizer];
  const distance = Math.log10(learningRate / best);
  const momentumGap = optimizer === 'sgd' ? (momentum - 0.9) ** 2 : 0;
  const batchPenalty = 0.01 * Math.abs(Math.log2(batchSize / 64));
  return 0.05 + 0.1 * distance * distance + 0.2 * momentumGap + batchPenalty;
}
