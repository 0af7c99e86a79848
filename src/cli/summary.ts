import { SPLIT_VERSION } from '../core/data/train-val';
import type { TrainOutcome } from '../core/pipeline';
import { describeRecipe } from '../core/train/recipe-shape';
import type { TrainSettings } from '../core/train/settings';

/** The --json contract: keys other tools read. Add freely, never rename. */
export interface RunSummary {
  backbone: string;
  backend: string;
  classes: string[];
  images: { train: number; val: number };
  /** validation accuracy of the delivered model */
  valAccuracy: number;
  /** 95% Wilson score interval of valAccuracy */
  valAccuracyInterval: [number, number];
  /** mean cross-entropy of the delivered model on the validation images */
  valLoss?: number;
  /** how the validation images were chosen (2: by file name, webcam holds whole; runs of two versions validate on different images) */
  split: number;
  /** the automatic head recipe: what 3-fold cross-validation on the training images chose (null when manual) */
  recipe: {
    chosen: string;
    /** what the head's logits are divided by (temperature scaling fitted on the folds, folded into the model; 1: none) */
    temperature: number;
    folds: number;
    seconds: number;
    table: { recipe: string; cvAccuracy: number; cvLoss: number }[];
  } | null;
  perClassAccuracy: Record<string, number>;
  perClass: Record<string, { count: number; accuracy: number; precision: number; f1: number; predicted?: number }>;
  confusion: number[][];
  seconds: { extract: number; train: number; total: number };
  epochs: number;
  /** early stopping: the epoch whose weights the model holds (null when off) */
  bestEpoch: number | null;
  history: TrainOutcome['history'];
  /** images that could not be decoded during training (ids are `<class>/<file>`) */
  skipped: TrainOutcome['skipped'];
  /** entries of the dataset folder that were never read (nested folders, files not images by their extension, …): path relative to the dataset folder, a folder's ending in '/' */
  datasetSkipped: { path: string; reason: string }[];
  settings: TrainSettings;
}

export function summarise(
  backboneId: string,
  backend: string,
  o: TrainOutcome,
  settings: TrainSettings,
  totalSeconds: number,
  datasetSkipped: RunSummary['datasetSkipped'] = [],
): RunSummary {
  return {
    backbone: backboneId,
    backend,
    classes: o.classes,
    images: o.images,
    valAccuracy: o.valAccuracy,
    valAccuracyInterval: o.valAccuracyInterval,
    ...(o.valLoss !== undefined && { valLoss: o.valLoss }),
    split: SPLIT_VERSION,
    recipe: o.recipe
      ? {
          chosen: describeRecipe(o.recipe.chosen),
          temperature: o.recipe.chosen.temperature ?? 1,
          folds: o.recipe.folds,
          seconds: o.recipe.seconds,
          table: o.recipe.table.map((r) => ({
            recipe: describeRecipe(r.recipe),
            cvAccuracy: r.accuracy,
            cvLoss: r.loss,
          })),
        }
      : null,
    perClassAccuracy: Object.fromEntries(o.classes.map((c, i) => [c, o.perClass[i].accuracy])),
    perClass: Object.fromEntries(o.classes.map((c, i) => [c, o.perClass[i]])),
    confusion: o.confusion,
    seconds: { ...o.seconds, total: totalSeconds },
    epochs: o.history.length,
    bestEpoch: o.bestEpoch ?? null,
    history: o.history,
    skipped: o.skipped,
    datasetSkipped,
    // what the delivered model was trained with (the automatic recipe's choice filled in)
    settings: o.settings ?? settings,
  };
}

/** The summary on stdout: the accuracy, its interval and each class's accuracy. */
export const summaryText = (s: RunSummary): string =>
  `${s.backbone} on ${s.images.train}+${s.images.val} images (${s.classes.length} classes): ` +
  `validation accuracy ${s.valAccuracy.toFixed(4)} (95% interval ${s.valAccuracyInterval.map((x) => x.toFixed(3)).join('-')}) in ${s.seconds.total.toFixed(1)} s\n` +
  s.classes.map((c) => `  ${c}: ${s.perClassAccuracy[c].toFixed(3)}`).join('\n') +
  '\n';
