import type { FirstModel } from '../state/training';
import type { TrainSummary } from '../worker/protocol';
import { indistinguishable } from '../core/train/interval';
import { pct } from './percent';

/**
 * What the Evaluate step says of a two-phase run's first model: when it was ready, on which images
 * (a part, or all of them), and whether it is the model kept or the full model went past it.
 */
export function firstModelSentence(first: FirstModel, result: TrainSummary, improving: boolean): string {
  const { partOf, images } = first;
  const head = `First model (plain features, ${first.epochs.length} epochs)`;
  const on = partOf
    ? ` on ${images.val} of ${partOf.val} validation images, trained on ${images.train} of ${partOf.train} training images`
    : '';
  if (improving)
    return `${head}, ready ${first.seconds.toFixed(1)} s after Train: ${pct(first.valAccuracy)}${on}; it answers Try it while the full model (augmented views) trains.`;
  const kept = result.phase === 'first';
  // stopped while the rest of the images were read: the kept figure is the part's, not every image's
  const partial = kept && !!partOf && result.images.val < partOf.val;
  // on every validation image: the kept first model's own figure, or the one the full model's run measured
  const onAll = partOf && !partial ? (kept ? result.valAccuracy : result.firstOnAllVal) : undefined;
  const end = partial
    ? `it is kept: the run was stopped before the other images were read, so its figures rest on ${result.images.val} of ${partOf.val} validation images`
    : kept
      ? result.stopped
        ? 'it is kept: the run was stopped before a better one'
        : // the full model failed (the Train step says why): the first model is the run's model
          'it is kept: the full model failed (see Train), so this one answers'
      : `the full model (augmented views) below reached ${pct(result.valAccuracy)}`;
  return `${head}: ${pct(first.valAccuracy)} after ${first.seconds.toFixed(1)} s${on}${onAll != null ? `; ${pct(onAll)} on all ${result.images.val}` : ''}; ${end}.${kept || onAll == null ? '' : behind(onAll, result)}`;
}

/**
 * When the full model ends below the quick first model on the same validation images: whether
 * those images can tell the two apart, and what to try when they can. A person saw the figure drop
 * from the first model's to the full one's with no word on it.
 */
function behind(firstOnAll: number, result: TrainSummary): string {
  const n = result.images.val;
  if (firstOnAll <= result.valAccuracy) return '';
  if (indistinguishable({ accuracy: firstOnAll, n }, { accuracy: result.valAccuracy, n }))
    return ` The first model did a little better on these ${n} images, by less than they can tell apart.`;
  return ` The first model did clearly better on these ${n} images: its kind of head (a hidden layer with dropout, which the automatic recipe does not try) may suit them; Head recipe "manual" in Training settings trains one on every image.`;
}
