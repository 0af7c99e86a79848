import { CROP_MODES } from '../data/crop';
import { DEFAULT_SETTINGS, LR_SCHEDULES, validateSettings, type TrainSettings } from './settings';

type Kind = 'number' | 'boolean' | 'list' | 'choice';

/** Every setting a project stores: what it holds, the choices it allows, and its name in the form. */
const FIELDS: Record<keyof TrainSettings, { label: string; kind: Kind; choices?: readonly string[] }> = {
  epochs: { label: 'Epochs', kind: 'number' },
  batchSize: { label: 'Batch size', kind: 'number' },
  learningRate: { label: 'Learning rate', kind: 'number' },
  hiddenUnits: { label: 'Hidden units', kind: 'number' },
  dropout: { label: 'Dropout', kind: 'number' },
  weightDecay: { label: 'Weight decay', kind: 'number' },
  valSplit: { label: 'Validation split', kind: 'number' },
  seed: { label: 'Seed', kind: 'number' },
  cropMode: { label: 'Crop', kind: 'choice', choices: CROP_MODES },
  classWeights: { label: 'Class weights', kind: 'boolean' },
  unfreeze: { label: 'Trainable backbone blocks', kind: 'number' },
  frozenBlocks: { label: 'Blocks kept frozen', kind: 'list' },
  augmentViews: { label: 'Augmented views', kind: 'number' },
  backboneLrScale: { label: 'Backbone learning rate', kind: 'number' },
  warmupEpochs: { label: 'Warm-up epochs', kind: 'number' },
  lrSchedule: { label: 'Learning-rate schedule', kind: 'choice', choices: LR_SCHEDULES },
  earlyStopPatience: { label: 'Early-stopping patience', kind: 'number' },
  recipe: { label: 'Head recipe', kind: 'choice', choices: ['auto', 'manual'] },
  featureNorm: { label: 'Feature normalisation', kind: 'choice', choices: ['none', 'standardise'] },
};

function fits(key: keyof TrainSettings, value: unknown): boolean {
  const field = FIELDS[key];
  if (field.choices) return field.choices.includes(value as string);
  if (field.kind === 'list') return Array.isArray(value) && value.every((v) => typeof v === 'string');
  if (typeof value !== field.kind) return false;
  // the ranges are validateSettings' own, checked on this one value among the defaults
  return validateSettings({ ...DEFAULT_SETTINGS, [key]: value }).length === 0;
}

/**
 * Saved settings as a run can use them, and the names of those that were not valid and went back
 * to their defaults. The form stores what is typed, as it is typed (an emptied field is NaN, null
 * once in JSON): refusing the record for it lost the whole project on the next reload. Settings
 * this version does not know are kept as they are.
 */
export function repairSettings(saved: Record<string, unknown>): { settings: TrainSettings; reset: string[] } {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const reset: (keyof TrainSettings)[] = [];
  for (const [name, value] of Object.entries(saved)) {
    const key = name as keyof TrainSettings;
    if (!(key in FIELDS)) out[name] = value;
    else if (value === undefined) continue;
    else if (fits(key, value)) out[key] = value;
    else reset.push(key);
  }
  let settings = out as unknown as TrainSettings;
  // each value fits alone, so what is left is how they go together: the frozen blocks inside the trainable top
  if (validateSettings(settings).length && settings.frozenBlocks?.length) {
    settings = { ...settings, frozenBlocks: [] };
    reset.push('frozenBlocks');
  }
  if (validateSettings(settings).length) {
    reset.push(...(Object.keys(FIELDS) as (keyof TrainSettings)[]).filter((k) => k in settings && !reset.includes(k)));
    settings = { ...DEFAULT_SETTINGS };
  }
  return { settings, reset: reset.map((k) => FIELDS[k].label) };
}
