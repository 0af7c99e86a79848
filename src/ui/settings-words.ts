import { fmt } from './format';

/**
 * Hints under training settings, in the words of someone who has not met the terms: the field's
 * label keeps the term ("Validation split", "Augmented views per image"), the hint says what it does.
 */

/** what the validation split holds out, as a share of each class (stratified: core/data/split.ts) */
export function valSplitHint(split: number): string {
  if (!Number.isFinite(split) || split <= 0 || split >= 1)
    return 'the share of each class held out to measure accuracy';
  return `${Math.round(split * 100)}% of each class held out: never trained on, the accuracy is measured on it`;
}

/**
 * What augmented views cost and do. `passes`: the extra forward passes they take (NaN while the
 * validation split is being typed); `fineTuning`: the passes run the frozen layers only.
 */
export function augmentHint(views: number, passes: number, fineTuning: boolean): string {
  if (!(views > 0)) return 'off: training sees each image as it is';
  const what = 'mirrored, cropped and recoloured copies of each training image';
  if (!Number.isFinite(passes)) return what;
  // paid once: each epoch trains on one copy per image, from the cache
  return `${what}: ${fmt(passes)} more ${fineTuning ? 'passes through the frozen layers' : 'backbone passes'}, once`;
}

/**
 * One line under each field the manual recipe trains as set (Teachable Machine puts a "?" by its
 * three): what the knob does, in the words of someone who has not trained a network before.
 */
export const MANUAL_HINTS = {
  epochs: 'passes over all the training images',
  learningRate: 'how big each step is: too big jumps about, too small crawls',
  batchSize: 'images per step',
  hiddenUnits: '0 for a linear head, else one hidden layer this wide',
  dropout: 'hidden units left out at random each step, against overfitting',
  weightDecay: 'pulls the weights towards zero, against overfitting',
  earlyStopPatience: 'epochs without improvement before training stops',
} as const;

/**
 * The batch size's line: a batch as large as the training split takes them all in one step, which
 * the number alone hid (the automatic recipe's 1024, set by hand for 24 training images).
 * `train`: the training images a run would take (NaN while the split is being typed).
 */
export function batchHint(batch: number, train: number): string {
  if (!(train > 0) || !(batch >= train)) return MANUAL_HINTS.batchSize;
  return `images per step: all ${fmt(train)} training images at once`;
}

/** the Train step's folded settings, which the layer map's line on a fine-tuning run's head opens */
export const TRAINING_SETTINGS_ID = 'training-settings';
