/** What the Evaluate step's status reads: the model on the page's validation figure, and a test folder's. */
export interface EvaluateFigures {
  /** the result shown's validation accuracy ("83.3%"), null when none */
  valAccuracy: string | null;
  /**
   * that result is a two-phase run's first model (plain features), handed over mid-run while the full
   * one trains, or kept when the full one stopped short of it
   */
  firstModel: boolean;
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
export function evaluateStepWords({ valAccuracy, firstModel, running, tested, followed }: EvaluateFigures): string {
  if (!valAccuracy) return tested ?? (running ? 'after this run' : 'no run yet');
  const val = firstModel
    ? `${valAccuracy} val. (first model)`
    : tested || followed
      ? `${valAccuracy} val.`
      : `${valAccuracy} validation`;
  return tested ? `${val} · ${tested}` : val;
}
