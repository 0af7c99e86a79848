import { onPart } from '../../state/run-record';

/** What the Evaluate step's status reads: the model on the page's validation figure, and a test folder's. */
export interface EvaluateFigures {
  /** the result shown's validation accuracy ("83.3%"), null when none */
  valAccuracy: string | null;
  /**
   * that result is a two-phase run's first model (plain features), handed over mid-run while the full
   * one trains, or kept when the full one stopped short of it
   */
  firstModel: boolean;
  /** a first model judged on part of the validation images: "16/24" */
  firstPart?: string;
  running: boolean;
  /** a test folder's figure ("80.0% test"), null when none worth showing */
  tested: string | null;
  /** words will follow (the images changed since): "val.", as beside a test figure, so they fit */
  followed?: boolean;
}

/**
 * The Evaluate step's few words in the step bar. A first model's figure is marked as its own: mid-run
 * "83.3% validation" read as the run's final result while the full model still trained.
 */
export function evaluateStepWords({
  valAccuracy,
  firstModel,
  firstPart,
  running,
  tested,
  followed,
}: EvaluateFigures): string {
  if (!valAccuracy) return tested ?? (running ? 'after this run' : 'no run yet');
  // on part of the images, said: "100.0% val. (first model)" stood beside Evaluate's 95.8% on all of them
  const val = firstModel
    ? `${valAccuracy} val.${firstPart ? ` on ${firstPart}` : ''} (first model)`
    : tested || followed
      ? `${valAccuracy} val.`
      : `${valAccuracy} validation`;
  return tested ? `${val} · ${tested}` : val;
}

/**
 * "16/24" when a first model's figure is on part of the validation images (read by then), else
 * undefined. Short: a step's status is one line, cut with an ellipsis where it runs longer
 */
export function firstPartWords(
  result: { phase?: string; images: { val: number }; partOf?: { val: number } } | null,
): string | undefined {
  return result?.phase === 'first' && onPart(result) ? `${result.images.val}/${result.partOf!.val}` : undefined;
}
