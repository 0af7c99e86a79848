import { useEffect, useRef } from 'react';
import { CROP_MODES, type CropMode } from '../core/data/crop';
import { augmentViewsFor, fineTuneOptions, resolveSettings, type TrainSettings } from '../core/train/settings';
import { autoRecipeHint } from '../core/train/recipe-shape';
import { usePlannedTrainCount } from './useProjectSoon';
import { useTraining } from '../state/training';
import { augmentHint, TRAINING_SETTINGS_ID, valSplitHint } from './settings-words';
import { holdInView } from './hold-in-view';
import { byHand, recipeChoice, settingsErrors, settingsWarnings, type FieldKey } from './settings-rules';
import { ChoiceField, NumberField, NumberFields, type NumericKey } from './settings-fields';
import { RecipeFieldset } from './RecipeFieldset';
import { matchesNow } from './media-query';
import { NARROW_QUERY } from './narrow';

/** What every run uses, whichever the head recipe. */
const GENERAL: { key: NumericKey; step: string }[] = [
  { key: 'valSplit', step: '0.05' },
  { key: 'seed', step: '1' },
];

/**
 * Where the two columns put the charts beside the preview (workspace.css): the only layout whose
 * charts the open settings push off the screen.
 */
const BESIDE_PREVIEW = '(min-width: 1180px)';
const besidePreview = () => typeof matchMedia === 'function' && matchMedia(BESIDE_PREVIEW).matches;

const inSight = (el: Element) => {
  const box = el.getBoundingClientRect();
  return box.bottom > 0 && box.top < (el.ownerDocument.defaultView?.innerHeight ?? 0);
};

/**
 * Holds what the reader looks at below the settings where it is on screen as they fold or open: the
 * focused control of the Train step below them (Train, Stop), else Train itself, so the status line,
 * progress and charts under it stay put. With the focus elsewhere (the step bar's sticky link, the
 * preview) nothing was held: the run's end opened the settings over the charts being watched and
 * pushed them off the screen (the browser's scroll anchoring kept the settings' top in place).
 * Settings already out of sight are left to that anchoring.
 */
function holdWhatIsRead(settings: HTMLElement) {
  const panel = settings.parentElement;
  const focused = settings.ownerDocument.activeElement;
  const below = (el: Element | null | undefined): el is Element =>
    !!el &&
    !!panel?.contains(el) &&
    !settings.contains(el) &&
    !!(settings.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) &&
    inSight(el);
  const anchor = below(focused) ? focused : panel?.querySelector('.run-train');
  if (below(anchor)) holdInView(anchor);
}

/**
 * Folds the settings while a run locks them, where the two columns put the live charts beside the
 * preview (there they fit the screen only folded), and opens them again afterwards if they were
 * open: what the reader looks at below them is held in place (holdWhatIsRead). On a phone's width
 * they sit under Train (TrainPanel) and fold for good as a run starts: open, their fourteen fields
 * kept the run's charts screens down, during the run and after it; their summary, right under the
 * status line, opens them again. Between the two nothing folds: the charts are under the settings
 * anyway, and the fold only made the page jump.
 */
function useFoldWhile(fold: boolean) {
  const ref = useRef<HTMLDetailsElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (fold) {
      wasOpen.current = el.open && besidePreview();
      if (!el.open || !(wasOpen.current || matchesNow(NARROW_QUERY))) return;
      holdWhatIsRead(el);
      el.open = false;
    } else if (wasOpen.current) {
      holdWhatIsRead(el);
      el.open = true;
      wasOpen.current = false;
    }
  }, [fold]);
  return ref;
}

/** `disabled` locks the fields (a run or a sweep uses them); `fold` folds them away too (a run only: train-panel-rules.ts settingsLock). */
export function SettingsForm({ disabled, fold }: { disabled: boolean; fold: boolean }) {
  const settings = useTraining((s) => s.settings);
  const updateSettings = useTraining((s) => s.updateSettings);
  const resolved = resolveSettings(settings);
  const set = (patch: Partial<TrainSettings>) => updateSettings(byHand(patch));
  const errors = settingsErrors(settings);
  const count = Object.keys(errors).length;
  const folded = useFoldWhile(fold);
  const auto = resolved.recipe === 'auto';
  // the manual recipe starts from what the automatic one chose for the run shown (as Set by hand does)
  const chosenBefore = useTraining((s) => s.result?.recipe?.chosen);
  return (
    <details className="settings" id={TRAINING_SETTINGS_ID} ref={folded}>
      <summary>
        Training settings
        {count > 0 && <span className="error"> · {count} to fix</span>}
      </summary>
      <div className="settings-grid">
        <label className="field recipe-field">
          Head recipe
          <select
            disabled={disabled || settings.unfreeze > 0}
            value={resolved.recipe}
            aria-label="Head recipe"
            aria-describedby="recipe-hint"
            onChange={(e) => updateSettings(recipeChoice(settings, e.target.value as 'auto' | 'manual', chosenBefore))}
          >
            <option value="auto">automatic (cross-validated)</option>
            <option value="manual">manual (the fields below)</option>
          </select>
          <span className="hint" id="recipe-hint">
            {auto
              ? autoRecipeHint(settings)
              : settings.unfreeze > 0
                ? 'fine-tuning trains the fields below as set'
                : 'trains exactly the fields below'}
          </span>
        </label>
        <NumberFields
          fields={GENERAL}
          settings={settings}
          errors={errors}
          disabled={disabled}
          hints={{ valSplit: valSplitHint(settings.valSplit) }}
          set={set}
        />
        <ChoiceField
          label="Crop"
          value={settings.cropMode}
          choices={CROP_MODES}
          text={(m) => (m === 'center' ? 'centre crop' : m === 'squash' ? 'squash' : 'pad')}
          disabled={disabled}
          onChoice={(cropMode: CropMode) => set({ cropMode })}
        />
        <AugmentField disabled={disabled} error={errors.augmentViews} />
        <label className="field checkbox">
          <input
            type="checkbox"
            disabled={disabled}
            checked={settings.classWeights}
            onChange={(e) => set({ classWeights: e.target.checked })}
          />
          Balance classes (class weights)
        </label>
        <RecipeFieldset disabled={disabled} errors={errors} set={set} />
        {settings.unfreeze > 0 && <FineTuneFields disabled={disabled} errors={errors} />}
      </div>
    </details>
  );
}

/**
 * Cached augmented views (mirror, 90% crop, then random resized crops with colour jitter). Their
 * cost is paid once, in backbone passes, so that is what the hint counts.
 */
function AugmentField({ disabled, error }: { disabled: boolean; error?: string }) {
  const settings = useTraining((s) => s.settings);
  const updateSettings = useTraining((s) => s.updateSettings);
  const train = usePlannedTrainCount(settings.valSplit);
  const views = augmentViewsFor(settings);
  const passes = train * (Number.isFinite(views) ? views : 0);
  return (
    <NumberField
      label="Augmented views per image"
      rule="augmentViews"
      step="1"
      disabled={disabled}
      error={error}
      value={views}
      onValue={(v) => updateSettings({ augmentViews: v })}
      hint={augmentHint(views, passes, settings.unfreeze > 0)}
    />
  );
}

const FINE_TUNE: ['backboneLrScale' | 'warmupEpochs', string, string][] = [
  ['backboneLrScale', "Backbone learning rate (× head's)", '0.05'],
  ['warmupEpochs', 'Head-only warm-up epochs', '1'],
];

/** Knobs that only matter when backbone blocks train (set in the layer map). */
function FineTuneFields({ disabled, errors }: { disabled: boolean; errors: Partial<Record<FieldKey, string>> }) {
  const settings = useTraining((s) => s.settings);
  const updateSettings = useTraining((s) => s.updateSettings);
  const ft = fineTuneOptions(settings);
  const warnings = settingsWarnings(settings);
  return (
    <fieldset className="settings-grid">
      <legend>
        Fine-tuning ({settings.unfreeze} backbone block{settings.unfreeze > 1 ? 's' : ''})
      </legend>
      {FINE_TUNE.map(([key, label, step]) => (
        <NumberField
          key={key}
          label={label}
          rule={key}
          step={step}
          disabled={disabled}
          error={errors[key]}
          hint={warnings[key]}
          value={ft[key]}
          onValue={(v) => updateSettings({ [key]: v })}
        />
      ))}
    </fieldset>
  );
}
