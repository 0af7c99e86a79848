import type { FirstModel } from '../state/training';
import type { TrainSummary } from '../worker/protocol';
import { indistinguishable } from '../core/train/interval';
import { pct } from './percent';

/**
 * What the Evaluate step says of a two-phase run's first model, in two parts. `main`: its one
 * figure beside the full model's, on the same validation images where it can be (or that it is the
 * model kept, or answers Try it while the full one trains). `detail`: which images it trained on.
 * One sentence holding all of it ("80.0% after 7.9 s on 15 of 40 validation images, trained on 69
 * of 160 training images; 72.5% on all 40") was hard to read at a glance.
 */
export function firstModelWords(
  first: FirstModel,
  result: TrainSummary,
  improving: boolean,
): { main: string; detail: string } {
  const { partOf, images } = first;
  const head = `Quick first model (ready ${first.seconds.toFixed(1)} s after Train${partOf ? ', trained on part of the images' : ''})`;
  const own = partOf
    ? `${pct(first.valAccuracy)} on ${images.val} of ${partOf.val} validation images`
    : `${pct(first.valAccuracy)} on all ${images.val} validation images`;
  const n = first.epochs.length;
  const trained = `The first model trained for ${n} epoch${n === 1 ? '' : 's'} on ${
    partOf ? `${images.train} of ${partOf.train}` : `all ${images.train}`
  } training images, without augmented views`;
  if (improving)
    return {
      main: `${head}: ${own}. It answers Try it while the full model (augmented views) trains.`,
      detail: `${trained}.`,
    };
  const kept = result.phase === 'first';
  // stopped while the rest of the images were read: the kept figure is the part's, not every image's
  if (kept && partOf && result.images.val < partOf.val)
    return {
      main: `${head}, kept: ${pct(result.valAccuracy)} on ${result.images.val} of ${partOf.val} validation images. The run was stopped before the other images were read, so this figure rests on those ${result.images.val} alone.`,
      detail: `${trained}.`,
    };
  // on every validation image: the kept first model's own figure, or the one the full model's run measured
  const onAll = partOf ? (kept ? result.valAccuracy : result.firstOnAllVal) : undefined;
  const figure = onAll != null ? `${pct(onAll)} on all ${result.images.val} validation images` : own;
  // one figure for the first model: its score on the part read by then, said after it, read as a
  // second score for the same model beside the full one ("72.0% on all 25 … it scored 80.0%")
  const detail = `${trained}.`;
  if (kept)
    return {
      main: `${head}, kept: ${figure}; ${
        result.stopped
          ? 'the run was stopped before a better one'
          : // the full model failed (the Train step says why): the first model is the run's model
            'the full model failed (see Train), so this one answers'
      }.`,
      detail,
    };
  // a first model measured on part of the images beside a full one on all of them: said, as they differ
  const full = `Full model (augmented views): ${pct(result.valAccuracy)}${onAll == null && partOf ? ` on all ${result.images.val}` : ''}.`;
  // trained on every image, the first model was judged on the full model's validation images already:
  // 100% then 83.3% on the same 6 images went by without a word
  const firstOnSame = partOf ? onAll : first.valAccuracy;
  return { main: `${head}: ${figure}. ${full}${firstOnSame == null ? '' : behind(firstOnSame, result)}`, detail };
}

/** The first model's line as one string: what the page shows, its two parts in order. */
export function firstModelSentence(first: FirstModel, result: TrainSummary, improving: boolean): string {
  const { main, detail } = firstModelWords(first, result, improving);
  return `${main} ${detail}`;
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
  // set by hand, the two differ in the augmented views (and the first one's fewer epochs) alone
  if (result.settings?.recipe === 'manual')
    return ` The first model did clearly better on these ${n} images: the augmented views did not help them; try "Augmented views per image" 0 in Training settings.`;
  return ` The first model did clearly better on these ${n} images: its kind of head (a hidden layer with dropout, which the automatic recipe does not try) may suit them; Head recipe "manual" in Training settings trains one on every image.`;
}
