import type { TrainSettings } from '../core/train/settings';
import { fineTuneOptions } from '../core/train/settings';

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
  epochs: { label: 'Epochs', min: 1, max: 1000, int: true },
  learningRate: { label: 'Learning rate', min: 0, max: 1, aboveMin: true },
  batchSize: { label: 'Batch size', min: 1, max: 1024, int: true },
  hiddenUnits: { label: 'Hidden units', min: 0, max: 4096, int: true },
  dropout: { label: 'Dropout', min: 0, max: 0.95 },
  weightDecay: { label: 'Weight decay', min: 0, max: 1 },
  valSplit: { label: 'Validation split', min: 0.05, max: 0.9 },
  seed: { label: 'Seed', min: 0, max: 2 ** 31 - 1, int: true },
  earlyStopPatience: { label: 'Early-stopping patience', min: 0, max: 1000, int: true },
  augmentViews: { label: 'Augmented views', min: 0, max: 16, int: true },
  backboneLrScale: { label: 'Backbone learning rate', min: 0, max: 10 },
  warmupEpochs: { label: 'Warm-up epochs', min: 0, max: 100, int: true },
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
