import type { EpochMetrics } from '../core/train/epochs';
import { short } from './chart-scale';

/**
 * Said under the charts when the run trained with an L2 penalty: its train loss leaves the penalty
 * out (core/train/step.ts), which a Keras user, whose loss holds it, would otherwise not know.
 * Empty for a run without one, and for a history kept before the penalty was recorded.
 */
export function penaltyText(epochs: readonly EpochMetrics[]): string {
  const last = epochs.at(-1);
  if (last?.penalty === undefined) return '';
  return `Train loss leaves out the L2 penalty on the head's weights (${short(last.penalty)} in the last epoch), so it compares with the validation loss.`;
}
