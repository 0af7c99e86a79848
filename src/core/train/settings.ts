import type { CropMode } from '../data/crop';

export const LR_SCHEDULES = ['constant', 'cosine', 'one-cycle'] as const;
export type LrSchedule = (typeof LR_SCHEDULES)[number];

/**
 * What the automatic head recipe fixes or chooses itself (recipe.ts applyRecipe): set by hand in the
 * studio's form or on the CLI, one switches a head-only run to the manual recipe, since otherwise the
 * value would silently do nothing. The views count is not one: the recipe trains on as many cached
 * views as it says.
 */
export const RECIPE_CHOSEN = [
  'epochs',
  'learningRate',
  'batchSize',
  'hiddenUnits',
  'dropout',
  'weightDecay',
  'lrSchedule',
  'earlyStopPatience',
  'featureNorm',
] as const satisfies readonly (keyof TrainSettings)[];

/** Everything a training run depends on; the studio and the CLI share these defaults. */
export interface TrainSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** units of the hidden dense layer; 0 trains a linear head */
  hiddenUnits: number;
  dropout: number;
  /** L2 penalty on head kernels */
  weightDecay: number;
  valSplit: number;
  seed: number;
  cropMode: CropMode;
  /** weight the loss by inverse class frequency so small classes count as much as big ones */
  classWeights: boolean;
  /** top backbone blocks to train (fine-tuning); 0 trains the head only */
  unfreeze: number;
  /** fine-tuning: blocks inside the unfrozen top that stay frozen (single-block toggles) */
  frozenBlocks?: string[];
  /** extra cached augmented views per training image (default augmentViewsFor: depends on unfreeze) */
  augmentViews?: number;
  /** fine-tuning: backbone learning rate as a fraction of the head's */
  backboneLrScale?: number;
  /** fine-tuning: first epochs train the head only, so a random head does not wreck pretrained blocks */
  warmupEpochs?: number;
  /** learning rate over the epochs; default constant for the head, cosine after warm-up when fine-tuning */
  lrSchedule?: LrSchedule;
  /** stop after this many epochs without a lower loss on the inner split and restore the best epoch; 0 = off */
  earlyStopPatience?: number;
  /**
   * head-only: 'auto' trains a linear head on standardised features and the augmented views, its
   * L2 and epochs chosen by k-fold cross-validation on the training images (train/recipe.ts);
   * 'manual' trains exactly the fields set here
   */
  recipe?: 'auto' | 'manual';
  /** standardise features with the training rows' statistics (folded into the exported head) */
  featureNorm?: 'none' | 'standardise';
}

/** Each setting's name as the settings form shows it (the form's labels, and what a repaired record names). */
export const SETTING_LABELS: Readonly<Record<keyof TrainSettings, string>> = Object.freeze({
  epochs: 'Epochs',
  batchSize: 'Batch size',
  learningRate: 'Learning rate',
  hiddenUnits: 'Hidden units',
  dropout: 'Dropout',
  weightDecay: 'Weight decay',
  valSplit: 'Validation split',
  seed: 'Seed',
  cropMode: 'Crop',
  classWeights: 'Class weights',
  unfreeze: 'Trainable backbone blocks',
  frozenBlocks: 'Blocks kept frozen',
  augmentViews: 'Augmented views',
  backboneLrScale: 'Backbone learning rate',
  warmupEpochs: 'Warm-up epochs',
  lrSchedule: 'Learning-rate schedule',
  earlyStopPatience: 'Early-stopping patience',
  recipe: 'Head recipe',
  featureNorm: 'Feature normalisation',
});

/**
 * The settings `now` sets otherwise than `then`, by their form labels. Absent, undefined and an
 * empty list read alike, and a list is a set (the kept-frozen blocks in another order are the same).
 */
export function changedSettings(then: TrainSettings, now: TrainSettings): string[] {
  const keys = Object.keys(SETTING_LABELS) as (keyof TrainSettings)[];
  const norm = (v: unknown) => JSON.stringify(Array.isArray(v) ? (v.length ? [...v].sort() : null) : (v ?? null));
  const same = (k: keyof TrainSettings) => norm(then[k]) === norm(now[k]);
  return keys.filter((k) => !same(k)).map((k) => SETTING_LABELS[k]);
}

/**
 * Defaults used when unfreeze > 0 and the user did not choose. Measured on sign-language-digits,
 * v1 α0.25, unfreeze 2, seed 1 (wasm, 2 cores), 40 epochs of about 5 s: backbone at lr/10 underfits
 * under Adam 1e-3 with cosine decay (val 0.94 after 30 epochs), lr/3.3 gives 0.965, lr/2 0.975,
 * equal rates 0.975-0.985. lr/2 keeps the pretrained blocks moving slower than the new head (the
 * discriminative rates of fastai's fine_tune) at no cost in accuracy. Four cached views (mirror,
 * 90% crop, two random resized crops with colour jitter) cost one prefix pass each per training image.
 */
export const FINETUNE_DEFAULTS = Object.freeze({
  epochs: 40,
  augmentViews: 4,
  backboneLrScale: 0.5,
  warmupEpochs: 2,
});

/** The most epochs a run trains, and so the longest warm-up (the form and the engine share it). */
export const MAX_EPOCHS = 1000;

/** Upper bound on unfreeze when the backbone's block count is not known yet (MobileNetV2 has 19). */
export const MAX_UNFREEZE = 19;

/**
 * Head-only default. Two cached views (mirror, 90% centre crop), one picked at random per image and
 * epoch, measured with the head defaults below (wasm, seeds 1-5 on imagenette, 1-3 on
 * sign-language-digits): imagenette v2 α0.35 0.970 → 0.968 (noise), sign-language v1 α0.25
 * 0.928 → 0.942, v2 α0.35 0.942 → 0.955. Costs one more backbone pass per training image and view.
 */
export const HEAD_AUGMENT_VIEWS = 2;

/** Head-only defaults for the knobs whose default depends on the mode (see resolveSettings). */
export const HEAD_DEFAULTS = Object.freeze({
  augmentViews: HEAD_AUGMENT_VIEWS,
  lrSchedule: 'constant' as LrSchedule,
  // watched on an inner split of the training images (manual recipes; the automatic one picks epochs by CV)
  earlyStopPatience: 10,
  recipe: 'auto' as 'auto' | 'manual',
});

/**
 * The settings a run trains with: the user's choices, with every knob left unset given its
 * default for the mode (head only or fine-tuning). The studio, the CLI and both training loops
 * call this one function, so the same choices train the same way everywhere.
 */
export function resolveSettings(s: TrainSettings): TrainSettings {
  const fineTune = s.unfreeze > 0;
  return {
    ...s,
    augmentViews: s.augmentViews ?? (fineTune ? FINETUNE_DEFAULTS.augmentViews : HEAD_DEFAULTS.augmentViews),
    lrSchedule: s.lrSchedule ?? (fineTune ? 'cosine' : HEAD_DEFAULTS.lrSchedule),
    // fine-tuning keeps its measured behaviour (README table: fixed epochs) unless patience is asked for
    earlyStopPatience: s.earlyStopPatience ?? (fineTune ? 0 : HEAD_DEFAULTS.earlyStopPatience),
    backboneLrScale: s.backboneLrScale ?? FINETUNE_DEFAULTS.backboneLrScale,
    warmupEpochs: s.warmupEpochs ?? FINETUNE_DEFAULTS.warmupEpochs,
    // fine-tuning trains the head with the backbone: the automatic head recipe is for head-only runs
    recipe: fineTune ? 'manual' : (s.recipe ?? HEAD_DEFAULTS.recipe),
    // the blocks and the head train on raw features (finetune/ never standardises): recorded as such
    featureNorm: fineTune ? 'none' : (s.featureNorm ?? 'none'),
  };
}

/** Augmented views a run uses: the user's choice, else the default for head-only or fine-tuning. */
export function augmentViewsFor(s: TrainSettings): number {
  return resolveSettings(s).augmentViews!;
}

/** The fine-tuning knobs with their defaults filled in. */
export function fineTuneOptions(s: TrainSettings) {
  const r = resolveSettings(s);
  return { backboneLrScale: r.backboneLrScale!, warmupEpochs: r.warmupEpochs! };
}

export const DEFAULT_SETTINGS: Readonly<TrainSettings> = Object.freeze({
  epochs: 60,
  batchSize: 32,
  learningRate: 0.001,
  // Measured (wasm, mean over seeds 1-5 imagenette / 1-3 sign-language, no augmentation): hidden 128,
  // dropout 0.3 gave imagenette v2 0.948, sign-language v1 0.920, v2 0.938; hidden 512, dropout 0.5
  // gave 0.970, 0.928, 0.942. Hidden 1024 or weight decay 1e-3 were no better; label smoothing worse.
  hiddenUnits: 512,
  dropout: 0.5,
  weightDecay: 0.0001,
  valSplit: 0.2,
  seed: 1,
  cropMode: 'center',
  classWeights: true,
  unfreeze: 0,
  // earlyStopPatience, augmentViews, lrSchedule, recipe: by mode, in resolveSettings
});

/**
 * What a head trains with before the automatic recipe has chosen (a two-phase run's first model):
 * the studio's defaults for the fields the recipe sets, not values typed earlier under the manual
 * recipe, which the form says the automatic one sets itself.
 */
export function beforeRecipe(s: TrainSettings): TrainSettings {
  const out: TrainSettings = { ...s };
  for (const key of RECIPE_CHOSEN) {
    if (key in DEFAULT_SETTINGS) Object.assign(out, { [key]: DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS] });
    else delete out[key];
  }
  // the knobs filled in by mode (early stopping, schedule, features) get their head-only defaults again
  return resolveSettings(out);
}

/**
 * Checks user-entered settings and says exactly what is wrong. `blockCount` (backboneBlocks(b).length)
 * bounds unfreeze once the backbone is known; graph backbones have 0 blocks.
 */
export function validateSettings(s: TrainSettings, blockCount = MAX_UNFREEZE): string[] {
  const problems: string[] = [];
  const int = (v: number, name: string, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max)
      problems.push(`${name} must be a whole number from ${min} to ${max}`);
  };
  int(s.epochs, 'Epochs', 1, MAX_EPOCHS);
  int(s.batchSize, 'Batch size', 1, 1024);
  int(s.hiddenUnits, 'Hidden units', 0, 4096);
  int(s.seed, 'Seed', 0, 2 ** 31 - 1);
  if (blockCount === 0 && s.unfreeze !== 0)
    problems.push('This backbone cannot be fine-tuned (it is a graph model); unfreeze must be 0');
  else int(s.unfreeze, 'Unfreeze (backbone blocks to train)', 0, blockCount);
  if (s.frozenBlocks !== undefined) {
    if (!Array.isArray(s.frozenBlocks) || s.frozenBlocks.some((b) => typeof b !== 'string'))
      problems.push('Frozen blocks must be a list of block names');
    else if (s.unfreeze > 0 && s.frozenBlocks.length >= s.unfreeze)
      problems.push('Keep at least one of the unfrozen blocks trainable, or freeze the whole backbone');
  }
  if (s.augmentViews !== undefined) int(s.augmentViews, 'Augmented views', 0, 16);
  // the fine-tuning knobs only while blocks train: a head-only run never reads them, and the form
  // hides them then (a half-typed warm-up left behind blocked Train with a field no longer shown)
  if (s.unfreeze > 0 && s.warmupEpochs !== undefined) int(s.warmupEpochs, 'Warm-up epochs', 0, MAX_EPOCHS);
  if (s.unfreeze > 0 && s.backboneLrScale !== undefined && !(s.backboneLrScale >= 0 && s.backboneLrScale <= 10)) {
    problems.push('Backbone learning-rate scale must be from 0 to 10');
  }
  if (s.earlyStopPatience !== undefined) int(s.earlyStopPatience, 'Early-stopping patience', 0, 1000);
  if (s.lrSchedule !== undefined && !LR_SCHEDULES.includes(s.lrSchedule)) {
    problems.push(`Learning-rate schedule must be one of ${LR_SCHEDULES.join(', ')}`);
  }
  if (!(s.learningRate > 0 && s.learningRate <= 1)) problems.push('Learning rate must be above 0 and at most 1');
  if (!(s.dropout >= 0 && s.dropout < 1)) problems.push('Dropout must be from 0 to below 1');
  if (!(s.weightDecay >= 0 && s.weightDecay <= 1)) problems.push('Weight decay must be from 0 to 1');
  if (!(s.valSplit > 0 && s.valSplit < 1)) problems.push('Validation split must be above 0 and below 1');
  return problems;
}
