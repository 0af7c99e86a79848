import { useEffect, useId, useRef, type ReactNode } from 'react';
import { CROP_MODES, type CropMode } from '../core/data/crop';
import {
  augmentViewsFor,
  fineTuneOptions,
  LR_SCHEDULES,
  resolveSettings,
  type LrSchedule,
  type TrainSettings,
} from '../core/train/settings';
import { autoRecipeHint } from '../core/train/recipe-shape';
import { useImageCountSoon } from './useProjectSoon';
import { useTraining } from '../state/training';
import { fmt } from './format';
import { byHand, recipeChoice, RULES, settingsErrors, settingsWarnings, type FieldKey } from './settings-rules';

type NumericKey = FieldKey & keyof TrainSettings;

/** What every run uses, whichever the head recipe. */
const GENERAL: { key: NumericKey; step: string }[] = [
  { key: 'valSplit', step: '0.05' },
  { key: 'seed', step: '1' },
];

/** What the automatic head recipe fixes or chooses itself (recipe.ts applyRecipe). */
const RECIPE_FIELDS: { key: NumericKey; step: string }[] = [
  { key: 'epochs', step: '1' },
  { key: 'learningRate', step: '0.0001' },
  { key: 'batchSize', step: '1' },
  { key: 'hiddenUnits', step: '1' },
  { key: 'dropout', step: '0.05' },
  { key: 'weightDecay', step: '0.0001' },
];

/** A labelled number input whose error shows under it as soon as the value is wrong. */
function NumberField(props: {
  label: string;
  value: number;
  step: string;
  rule: FieldKey;
  error?: string;
  disabled: boolean;
  hint?: ReactNode;
  onValue(v: number): void;
}) {
  const id = useId();
  const r = RULES[props.rule];
  const described = [props.error && `${id}-error`, props.hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        step={props.step}
        min={r.min}
        max={r.max}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described}
        value={Number.isNaN(props.value) ? '' : props.value}
        onChange={(e) => props.onValue(e.target.valueAsNumber)}
      />
      {props.error && (
        <span className="field-error" id={`${id}-error`}>
          {props.error}
        </span>
      )}
      {props.hint && (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
    </div>
  );
}

function NumberFields(props: {
  fields: { key: NumericKey; step: string }[];
  settings: TrainSettings;
  errors: Partial<Record<FieldKey, string>>;
  disabled: boolean;
  set(patch: Partial<TrainSettings>): void;
}) {
  return props.fields.map((f) => (
    <NumberField
      key={f.key}
      label={RULES[f.key].label}
      rule={f.key}
      step={f.step}
      disabled={props.disabled}
      error={props.errors[f.key]}
      value={props.settings[f.key] as number}
      onValue={(v) => props.set({ [f.key]: v } as Partial<TrainSettings>)}
    />
  ));
}

/** A labelled select of one setting's choices. */
function ChoiceField<T extends string>(props: {
  label: string;
  value: T;
  choices: readonly T[];
  text?: (choice: T) => string;
  disabled: boolean;
  onChoice(choice: T): void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        disabled={props.disabled}
        value={props.value}
        onChange={(e) => props.onChoice(e.target.value as T)}
      >
        {props.choices.map((c) => (
          <option key={c} value={c}>
            {props.text ? props.text(c) : c}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Folds the settings while a run locks them, so the live charts fit the screen beside the preview,
 * and opens them again afterwards if they were open.
 */
function useFoldWhile(fold: boolean) {
  const ref = useRef<HTMLDetailsElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (fold) {
      wasOpen.current = el.open;
      el.open = false;
    } else if (wasOpen.current) {
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
  return (
    <details className="settings" ref={folded}>
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
            onChange={(e) => updateSettings(recipeChoice(settings, e.target.value as 'auto' | 'manual'))}
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
        <NumberFields fields={GENERAL} settings={settings} errors={errors} disabled={disabled} set={set} />
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
        <fieldset className={auto ? 'settings-grid recipe-set' : 'settings-grid'}>
          <legend>
            {auto
              ? // these values are not what the full model trains with: a user read 60 epochs and 512 units
                // under a run whose recipe chose a linear head and 50 epochs (pipeline.ts: a run with views
                // trains a quick first model on them first)
                augmentViewsFor(settings) > 0
                ? 'Chosen by the automatic recipe for the full model (the quick first model trains with these, in fewer epochs): change one to set them by hand'
                : 'Chosen by the automatic recipe: change one to set them by hand'
              : settings.unfreeze > 0
                ? 'Training'
                : 'Manual recipe'}
          </legend>
          <NumberFields fields={RECIPE_FIELDS} settings={settings} errors={errors} disabled={disabled} set={set} />
          <ChoiceField
            label="Learning-rate schedule"
            value={settings.lrSchedule ?? (settings.unfreeze > 0 ? 'cosine' : 'constant')}
            choices={LR_SCHEDULES}
            disabled={disabled}
            onChoice={(lrSchedule: LrSchedule) => set({ lrSchedule })}
          />
          <NumberField
            label="Early-stopping patience (0 = off)"
            rule="earlyStopPatience"
            step="1"
            disabled={disabled}
            error={errors.earlyStopPatience}
            value={resolved.earlyStopPatience ?? 0}
            onValue={(v) => set({ earlyStopPatience: v })}
          />
        </fieldset>
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
  const images = useImageCountSoon();
  const views = augmentViewsFor(settings);
  const passes = Math.round(images * (1 - settings.valSplit)) * (Number.isFinite(views) ? views : 0);
  const what = settings.unfreeze > 0 ? 'frozen-layer passes' : 'backbone passes';
  return (
    <NumberField
      label="Augmented views per image"
      rule="augmentViews"
      step="1"
      disabled={disabled}
      error={error}
      value={views}
      onValue={(v) => updateSettings({ augmentViews: v })}
      hint={
        views > 0
          ? // (no count while the validation split is being typed: "+NaN")
            `${Number.isFinite(passes) ? `+${fmt(passes)} ${what} once, then cached; ` : ''}each epoch sees one random view per image`
          : 'off: training sees each image as it is'
      }
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
