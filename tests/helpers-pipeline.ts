import { FeatureCache } from '../src/core/features/cache';
import { trainPipeline, type TrainOutcome } from '../src/core/pipeline';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { fakeBackbone, solidImage } from './helpers';

/** Images for the pipeline tests that train a head on the stand-in backbone, and runs of them. */

/** Images `c<label>-<i>`, `counts[label]` of class `label`. */
export const imagesPerClass = (counts: number[]) =>
  counts.flatMap((n, label) => Array.from({ length: n }, (_, i) => ({ id: `c${label}-${i}`, label })));

const classOf = (id: string) => Number(id[1]);
const indexOf = (id: string) => Number(id.split('-')[1]);

/** An image of imagesPerClass: its red says its class, its green its index. */
export const decodeRedByClass = async (id: string) =>
  solidImage(8, 8, [classOf(id) * 100, (indexOf(id) * 37) % 256, 10]);

/** An image of imagesPerClass: red rising and blue falling with its class, its green its index. */
const decodeRedBlueByClass = async (id: string) =>
  solidImage(8, 8, [classOf(id) * 100, (indexOf(id) * 23) % 256, 200 - classOf(id) * 60]);

/** Three classes of ten images, decoded by decodeRedBlueByClass. */
export const threeClassesOfTen = {
  classes: ['a', 'b', 'c'],
  images: imagesPerClass([10, 10, 10]),
  decode: decodeRedBlueByClass,
};

/** A short manual run that never stops early. */
export const shortRunSettings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  recipe: 'manual',
  epochs: 3,
  augmentViews: 2,
  batchSize: 8,
  earlyStopPatience: 0,
};

/**
 * A two-phase run (shortRunSettings, images decoded by decodeRedByClass) whose first model trains
 * on the smallest stratified sample; `stopAtPlan`: Stop is pressed as the full model's epochs are
 * about to begin. `first()`: the first model it handed over.
 */
export function firstModelOnSample(classes: string[], images: { id: string; label: number }[], stopAtPlan = false) {
  let first: TrainOutcome | null = null;
  let stop = false;
  const backbone = fakeBackbone();
  const done = trainPipeline({
    classes,
    images,
    settings: shortRunSettings,
    backbone,
    cache: new FeatureCache(),
    decode: decodeRedByClass,
    // no wait: the first model goes ahead on the smallest sample
    firstModelBudget: { seconds: 0, minTrainPerClass: 2, minValPerClass: 1, finishWithinSeconds: 0 },
    onFirstModel: (f) => (first = f),
    onEvent: (e) => void (e.type === 'plan' && stopAtPlan && (stop = true)),
    shouldStop: () => stop,
  });
  return { backbone, done, first: () => first as unknown as TrainOutcome };
}
