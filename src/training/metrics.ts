// Classification metrics: accuracy and the confusion matrix.

/**
 * The confusion matrix of `classes` classes: entry [actual][predicted] counts the samples of
 * class `actual` predicted as `predicted`.
 */
export function confusionMatrix(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: number,
): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < actual.length; i++) {
    const row = matrix[actual[i] as number];
    const p = predicted[i] as number;
    if (row !== undefined && p >= 0 && p < classes) row[p] = (row[p] as number) + 1;
  }
  return matrix;
}

/** The fraction of samples on the diagonal of a confusion matrix (NaN when it is empty). */
export function accuracyOf(matrix: readonly (readonly number[])[]): number {
  let total = 0;
  let correct = 0;
  matrix.forEach((row, i) =>
    row.forEach((count, j) => {
      total += count;
      if (i === j) correct += count;
    }),
  );
  return total === 0 ? NaN : correct / total;
}
