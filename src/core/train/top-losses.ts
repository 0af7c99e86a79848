export interface ValPrediction {
  id: string;
  /** true class index */
  label: number;
  predicted: number;
  /** softmax over the classes */
  probabilities: number[];
}

export interface RankedLoss extends ValPrediction {
  /** cross-entropy of this image: −log p(true class) */
  loss: number;
  /** probability the model gave its (wrong) prediction */
  confidence: number;
}

/**
 * The most confidently wrong validation images first: these are the likeliest mislabels (or the
 * hardest images), so they are what a person should look at before anything else.
 */
export function topLosses(predictions: readonly ValPrediction[], limit = 12): RankedLoss[] {
  return predictions
    .filter((p) => p.predicted !== p.label)
    .map((p) => ({
      ...p,
      loss: -Math.log(Math.max(p.probabilities[p.label] ?? 0, 1e-12)),
      confidence: p.probabilities[p.predicted] ?? 0,
    }))
    .sort((a, b) => b.loss - a.loss || b.confidence - a.confidence || a.id.localeCompare(b.id))
    .slice(0, limit);
}
