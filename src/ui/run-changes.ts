import { AUTO_BATCH } from '../core/train/recipe-shape';
import { beforeRecipe, resolveSettings, type TrainSettings } from '../core/train/settings';
import { classRenames, dataChanges, type RunRecord } from '../state/run-record';

// The run table's words: what changed from the run before, and how long a run took.

const SHOWN: [keyof TrainSettings, string][] = [
  ['unfreeze', 'trainable blocks'],
  ['learningRate', 'lr'],
  ['epochs', 'epochs'],
  ['batchSize', 'batch'],
  ['hiddenUnits', 'units'],
  ['dropout', 'dropout'],
  ['weightDecay', 'weight decay'],
  ['augmentViews', 'views'],
  ['valSplit', 'validation split'],
  ['seed', 'seed'],
  ['cropMode', 'crop'],
  ['lrSchedule', 'schedule'],
  ['earlyStopPatience', 'patience'],
  ['classWeights', 'class weights'],
  ['frozenBlocks', 'blocks kept frozen'],
  ['backboneLrScale', 'backbone lr ×'],
  ['warmupEpochs', 'warm-up epochs'],
  ['recipe', 'head recipe'],
  ['featureNorm', 'feature scaling'],
];

/**
 * What differs from the run before: its data (backbone, classes, which images) and its settings
 * ("lr 0.001 → 0.0005"); the first run lists its own label.
 */
export function changed(run: RunRecord, before: RunRecord | undefined): string {
  if (!before) return run.label;
  // a rename is no other data (Evaluate compares the two), but it is a change the table says
  const data = [...dataChanges(run, before), ...classRenames(run, before)];
  // what each trained with, when both recorded it (the automatic recipe's own rate, head and L2,
  // which the form's fields did not say); else the settings asked for
  const [now, was] =
    run.trainedWith && before.trainedWith ? [run.trainedWith, before.trainedWith] : [run.settings, before.settings];
  const diffs = now && was ? settingChanges(resolveSettings(now), resolveSettings(was)) : null;
  if (!diffs) return data.length ? data.join(', ') : '—';
  const all = [...data, ...diffs];
  return all.length ? all.join(', ') : 'same data and settings';
}

const FINE_TUNING = new Set<keyof TrainSettings>(['frozenBlocks', 'backboneLrScale', 'warmupEpochs']);

// resolved: a knob left unset reads as the value it trained with, not "default"
const settingChanges = (now: TrainSettings, was: TrainSettings) =>
  SHOWN.filter(
    ([k]) =>
      // a head-only run never reads the fine-tuning knobs: a change to them between two is none
      !(FINE_TUNING.has(k) && now.unfreeze === 0 && was.unfreeze === 0) &&
      JSON.stringify(value(now, k)) !== JSON.stringify(value(was, k)),
  ).map(([k, name]) => `${name} ${shown(value(was, k), k)} → ${shown(value(now, k), k)}`);

// no list of blocks kept frozen is none kept
const value = (s: TrainSettings, k: keyof TrainSettings) => (k === 'frozenBlocks' ? (s.frozenBlocks ?? []) : s[k]);

/**
 * A value as the table writes it: the automatic recipe's batch is every training image (the recipe
 * report's "(all)"), not the "1024" that stands for it; standardised features are said so.
 */
const shown = (v: unknown, k?: keyof TrainSettings) =>
  k === 'batchSize' && v === AUTO_BATCH
    ? 'all'
    : k === 'featureNorm' && v === 'standardise'
      ? 'standardised'
      : Array.isArray(v)
        ? v.length
          ? v.join(' ')
          : 'none'
        : String(v ?? 'default');

/**
 * The settings asked for now that differ from those the shown run asked for ("trainable blocks 0 →
 * 2"): its results no longer answer for them. Empty when nothing differs or the run did not record
 * what it asked for.
 */
export function changedSinceRun(now: TrainSettings, run: RunRecord | undefined): string[] {
  return run?.settings
    ? settingChanges(...comparable(resolveSettings(now), resolveSettings(run.settings), run.trainedWith))
    : [];
}

/**
 * The settings now and the run's, as they bear on the next run. Both head-only under the automatic
 * recipe: the fields it chooses itself are none of the form's (Set by hand, then Back to automatic,
 * left its values in them, read as changed). The manual recipe after an automatic run: Set by hand
 * starts from what that run trained with (settings-rules.ts recipeChoice), so the fields are compared
 * with that, not with the fields it was asked with ("epochs 60 → 25" said of the fields holding the
 * run's own 25 epochs, and asked for a run that would train the same head again).
 */
function comparable(
  now: TrainSettings,
  was: TrainSettings,
  trainedWith?: TrainSettings,
): [TrainSettings, TrainSettings] {
  // resolved, the automatic recipe is a head-only run's (fine-tuning trains the fields as typed)
  if (now.recipe === 'auto' && was.recipe === 'auto') return [beforeRecipe(now), beforeRecipe(was)];
  if (now.recipe === 'manual' && was.recipe === 'auto' && trainedWith)
    return [now, { ...resolveSettings(trainedWith), recipe: 'manual' }];
  return [now, was];
}

export function duration(s?: number): string {
  if (s === undefined) return '—';
  // 59.96 s read "60.0 s"
  if (Math.round(s * 10) < 600) return `${s.toFixed(1)} s`;
  // rounded first: 119.6 s read "1 min 60 s"
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
