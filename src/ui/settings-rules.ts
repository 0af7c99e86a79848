import type { TrainSettings } from '../core/train/settings';
import { carriedByHand, type HeadRecipe } from '../core/train/recipe-shape';
import {
  DEFAULT_SETTINGS,
  fineTuneOptions,
  MAX_EPOCHS,
  RECIPE_CHOSEN,
  resolveSettings,
  SETTING_LABELS,
} from '../core/train/settings';

export type FieldKey =
  | 'epochs'
  | 'batchSize'
  | 'learningRate'
  | 'hiddenUnits'
  | 'dropout'
  | 'weightDecay'
  | 'valSplit'
  | 'seed'
  | 'earlyStopPatience'
  | 'augmentViews'
  | 'backboneLrScale'
  | 'warmupEpochs';

interface Rule {
  label: string;
  min: number;
  max: number;
  /** whole numbers only */
  int?: boolean;
  /** the bound itself is not allowed (learning rate 0) */
  aboveMin?: boolean;
}

/**
 * What each settings field accepts, checked as it is typed. The ranges are the form's: the
 * validation split stops at 0.9 (0.99 would leave almost nothing to train on).
 */
export const RULES: Record<FieldKey, Rule> = {
  epochs: { label: SETTING_LABELS.epochs, min: 1, max: MAX_EPOCHS, int: true },
  learningRate: { label: SETTING_LABELS.learningRate, min: 0, max: 1, aboveMin: true },
  batchSize: { label: SETTING_LABELS.batchSize, min: 1, max: 1024, int: true },
  hiddenUnits: { label: SETTING_LABELS.hiddenUnits, min: 0, max: 4096, int: true },
  dropout: { label: SETTING_LABELS.dropout, min: 0, max: 0.95 },
  weightDecay: { label: SETTING_LABELS.weightDecay, min: 0, max: 1 },
  valSplit: { label: SETTING_LABELS.valSplit, min: 0.05, max: 0.9 },
  seed: { label: SETTING_LABELS.seed, min: 0, max: 2 ** 31 - 1, int: true },
  earlyStopPatience: { label: SETTING_LABELS.earlyStopPatience, min: 0, max: 1000, int: true },
  augmentViews: { label: SETTING_LABELS.augmentViews, min: 0, max: 16, int: true },
  backboneLrScale: { label: SETTING_LABELS.backboneLrScale, min: 0, max: 10 },
  warmupEpochs: { label: SETTING_LABELS.warmupEpochs, min: 0, max: MAX_EPOCHS, int: true },
};

/** The message for one value, or null when it is fine. */
export function fieldError(key: FieldKey, value: number | undefined): string | null {
  const r = RULES[key];
  if (value === undefined) return null;
  if (!Number.isFinite(value)) return `${r.label}: enter a number`;
  if (r.int && !Number.isInteger(value)) return `${r.label} must be a whole number`;
  if (r.aboveMin ? value <= r.min : value < r.min)
    return `${r.label} must be ${r.aboveMin ? 'above' : 'at least'} ${r.min}`;
  if (value > r.max) return `${r.label} must be at most ${r.max}`;
  return null;
}

/** Every field's problem for these settings (the fine-tuning fields only when blocks train). */
export function settingsErrors(s: TrainSettings): Partial<Record<FieldKey, string>> {
  const ft = fineTuneOptions(s);
  const values: Partial<Record<FieldKey, number | undefined>> = {
    epochs: s.epochs,
    learningRate: s.learningRate,
    batchSize: s.batchSize,
    hiddenUnits: s.hiddenUnits,
    dropout: s.dropout,
    weightDecay: s.weightDecay,
    valSplit: s.valSplit,
    seed: s.seed,
    earlyStopPatience: s.earlyStopPatience,
    augmentViews: s.augmentViews,
    ...(s.unfreeze > 0 ? { backboneLrScale: ft.backboneLrScale, warmupEpochs: ft.warmupEpochs } : {}),
  };
  const errors: Partial<Record<FieldKey, string>> = {};
  for (const [key, value] of Object.entries(values) as [FieldKey, number | undefined][]) {
    const e = fieldError(key, value);
    if (e) errors[key] = e;
  }
  return errors;
}

/**
 * What is allowed but likely not meant, by field. A warm-up as long as the run is cut by the
 * fine-tuning loop (finetune/train.ts), so the blocks still train in the last epoch: said here, as
 * a warning only, since a head-only run never reads the warm-up.
 */
export function settingsWarnings(s: TrainSettings): Partial<Record<FieldKey, string>> {
  const { warmupEpochs } = fineTuneOptions(s);
  if (s.unfreeze <= 0 || fieldError('warmupEpochs', warmupEpochs) || fieldError('epochs', s.epochs)) return {};
  if (warmupEpochs < s.epochs) return {};
  const epochs = (n: number) => `${n} epoch${n === 1 ? '' : 's'}`;
  return {
    warmupEpochs: `Warm-up (${epochs(warmupEpochs)}) takes the whole run (${epochs(s.epochs)}): the backbone blocks train in the last epoch only. Set fewer warm-up epochs or more epochs.`,
  };
}

const RECIPE_KEYS: readonly string[] = RECIPE_CHOSEN;

/**
 * A change typed into the form: one of the fields the automatic head recipe sets itself
 * (settings.ts RECIPE_CHOSEN) switches to the manual recipe, while blocks train too, as the CLI's
 * flags do: typed while fine-tuning, the fields were silently unused once the backbone was frozen
 * again, the automatic recipe choosing them instead.
 */
export const byHand = (patch: Partial<TrainSettings>): Partial<TrainSettings> =>
  Object.keys(patch).some((k) => RECIPE_KEYS.includes(k)) ? { ...patch, recipe: 'manual' } : patch;

/**
 * Whether this change typed into the form switches the automatic recipe to the manual one (byHand):
 * the form says so where it was typed, since the manual recipe then trains every field as shown (a
 * hidden layer of 512 by default), not the linear head the automatic recipe showed.
 */
export const switchedByTyping = (s: TrainSettings, patch: Partial<TrainSettings>): boolean =>
  resolveSettings(s).recipe === 'auto' && byHand(patch).recipe === 'manual';

/**
 * The change the Head recipe select (or Set by hand) makes. Choosing the manual recipe with the
 * automatic recipe's choice for the run shown (`chosen`) fills the fields not typed before with what
 * that run trained with. Choosing the automatic recipe puts each field it chooses
 * that is wrong back to its default (its mode's default when it has no fixed one). Left wrong, they
 * held Train under a recipe that replaces them, and fixing one switched back to manual (byHand).
 * Not checking them under the automatic recipe instead would let wrong values reach what reads the
 * fields as set (the GPU warm-up's batch size and hidden units, the planned epochs, the run's
 * record, a saved project's repair) and train as soon as blocks are unfrozen.
 */
export function recipeChoice(
  s: TrainSettings,
  recipe: 'auto' | 'manual',
  chosen?: HeadRecipe | null,
): Partial<TrainSettings> {
  if (recipe === 'manual') {
    // what the automatic recipe chose for the run shown is the starting point by hand
    return chosen ? { ...carriedByHand(s, chosen), recipe } : { recipe };
  }
  const errors = settingsErrors(s);
  const patch: Partial<TrainSettings> = { recipe };
  for (const key of RECIPE_KEYS) {
    if (!(key in errors)) continue;
    Object.assign(patch, { [key]: DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS] });
  }
  return patch;
}
