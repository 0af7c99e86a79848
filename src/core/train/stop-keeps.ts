/** A model's figures on the validation images both models were judged on. */
export interface OnVal {
  accuracy: number;
  /** absent: results kept before the loss was recorded */
  loss?: number;
}

/**
 * Whether Stop keeps a run's first model over its full model stopped short. The better accuracy
 * wins; at equal accuracy (a small validation set often ties) the lower loss does: a full model
 * stopped in its first epochs can get as many right while hardly more sure than a guess ("seven
 * (50%)" on the camera's three), where the first model had trained its epochs to the end.
 */
export function stopKeepsFirst(first: OnVal, final: OnVal): boolean {
  if (first.accuracy !== final.accuracy) return first.accuracy > final.accuracy;
  return first.loss !== undefined && final.loss !== undefined && first.loss < final.loss;
}
