/** confusion[actual][predicted] counts */
export type ConfusionMatrix = number[][];

export function confusionMatrix(
  actual: readonly number[],
  predicted: readonly number[],
  numClasses: number,
): ConfusionMatrix {
  const m = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  actual.forEach((a, i) => m[a][predicted[i]]++);
  return m;
}

export function accuracy(m: ConfusionMatrix): number {
  let right = 0;
  let all = 0;
  m.forEach((row, i) => row.forEach((n, j) => ((all += n), i === j && (right += n))));
  return all ? right / all : 0;
}

export interface ClassMetrics {
  /** support: validation images of this class */
  count: number;
  /** recall, i.e. the fraction of this class's images predicted as it */
  accuracy: number;
  /** 0 when the class was never predicted (`predicted` 0): undefined then, and shown as such */
  precision: number;
  f1: number;
  /** validation images predicted as this class (results kept before it was recorded lack it) */
  predicted?: number;
}

/** Precision has no value for a class the model never predicted (0 of 0): said, not shown as 0%. */
export const neverPredicted = (m: ClassMetrics): boolean => m.predicted === 0;

export function perClassMetrics(m: ConfusionMatrix): ClassMetrics[] {
  return m.map((row, i) => {
    const count = row.reduce((a, b) => a + b, 0);
    const predicted = m.reduce((sum, r) => sum + r[i], 0);
    const recall = count ? row[i] / count : 0;
    const precision = predicted ? row[i] / predicted : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { count, accuracy: recall, precision, f1, predicted };
  });
}

export function argmaxRows(probs: Float32Array | number[], numClasses: number): number[] {
  const out: number[] = [];
  for (let r = 0; r * numClasses < probs.length; r++) {
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (probs[r * numClasses + c] > probs[r * numClasses + best]) best = c;
    out.push(best);
  }
  return out;
}
