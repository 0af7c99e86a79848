import { CROP_MODES } from '../data/crop';
import {
  DEFAULT_SETTINGS,
  LR_SCHEDULES,
  RECIPE_CHOSEN,
  resolveSettings,
  SETTING_LABELS,
  validateSettings,
  type TrainSettings,
} from './settings';

/** What each setting that is not a number holds: a yes/no, a list of names, or one of some choices. */
const KINDS: Partial<Record<keyof TrainSettings, 'boolean' | 'list' | readonly string[]>> = {
  cropMode: CROP_MODES,
  classWeights: 'boolean',
  frozenBlocks: 'list',
  lrSchedule: LR_SCHEDULES,
  recipe: ['auto', 'manual'],
  featureNorm: ['none', 'standardise'],
};

function fits(key: keyof TrainSettings, value: unknown, unfreeze = DEFAULT_SETTINGS.unfreeze): boolean {
  const kind = KINDS[key] ?? 'number';
  if (Array.isArray(kind)) return kind.includes(value as string);
  if (kind === 'list') return Array.isArray(value) && value.every((v) => typeof v === 'string');
  if (typeof value !== kind) return false;
  // the ranges are validateSettings' own, checked on this one value among the defaults and the
  // record's own unfreeze: the fine-tuning fields are checked only while blocks train, so among the
  // defaults (head only) a bad warm-up passed here, failed the whole record, and reset every setting
  return validateSettings({ ...DEFAULT_SETTINGS, unfreeze, [key]: value }).length === 0;
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
  const unfreeze = fits('unfreeze', saved.unfreeze) ? (saved.unfreeze as number) : DEFAULT_SETTINGS.unfreeze;
  for (const [name, value] of Object.entries(saved)) {
    const key = name as keyof TrainSettings;
    if (!(key in SETTING_LABELS)) out[name] = value;
    else if (value === undefined) continue;
    else if (fits(key, value, unfreeze)) out[key] = value;
    else reset.push(key);
  }
  let settings = out as unknown as TrainSettings;
  // each value fits alone, so what is left is how they go together: the frozen blocks inside the trainable top
  if (validateSettings(settings).length && settings.frozenBlocks?.length) {
    settings = { ...settings, frozenBlocks: [] };
    reset.push('frozenBlocks');
  }
  if (validateSettings(settings).length) {
    reset.push(
      ...(Object.keys(SETTING_LABELS) as (keyof TrainSettings)[]).filter((k) => k in settings && !reset.includes(k)),
    );
    settings = { ...DEFAULT_SETTINGS };
  }
  return { settings: fromBeforeRecipes(saved, settings), reset: reset.map((k) => SETTING_LABELS[k]) };
}

/**
 * Settings saved before the automatic head recipe existed: their runs trained with the values in
 * them, and one set by hand (hidden units 128, 20 epochs) would be silently replaced by the recipe's
 * choice. Such a record keeps the manual recipe; one holding only the head defaults of then (the
 * same as now) takes the automatic one, as a new project does.
 */
export function fromBeforeRecipes(saved: Record<string, unknown>, settings: TrainSettings): TrainSettings {
  if ('recipe' in saved) return settings;
  const defaults = resolveSettings({ ...DEFAULT_SETTINGS, unfreeze: 0 });
  const setByHand = RECIPE_CHOSEN.some((k) => k in saved && settings[k] !== undefined && settings[k] !== defaults[k]);
  return setByHand ? { ...settings, recipe: 'manual' } : settings;
}
