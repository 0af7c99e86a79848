import type { EpochMetrics } from '../core/train/epochs';
import { readValue } from './chart-scale';

/**
 * Said under the charts when the run trained with an L2 penalty: its train loss leaves the penalty
 * out (core/train/step.ts), which a Keras user, whose loss holds it, would otherwise not know.
 * Empty for a run without one, and for a history kept before the penalty was recorded.
 */
export function penaltyText(epochs: readonly EpochMetrics[]): string {
  const last = epochs.at(-1);
  if (last?.penalty === undefined) return '';
  return `Train and validation loss are measured alike: the train loss leaves out the penalty that keeps the head's weights small (L2 weight decay, ${readValue('short', last.penalty)} in the last epoch).`;
}
