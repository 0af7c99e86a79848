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
import { holdInView } from './hold-in-view';
import {
  byHand,
  recipeChoice,
  recipeChosenText,
  RULES,
  settingsErrors,
  settingsWarnings,
  type FieldKey,
} from './settings-rules';

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

/**
 * What a field the automatic recipe decides shows while that recipe is chosen: no value, since the
 * run never reads it (`note` is the id of the words saying so).
 */
type Unset = { note: string } | undefined;

/** A labelled number input whose error shows under it as soon as the value is wrong. */
function NumberField(props: {
  label: string;
  value: number;
  step: string;
  rule: FieldKey;
  error?: string;
  disabled: boolean;
  hint?: ReactNode;
  unset?: Unset;
  onValue(v: number): void;
}) {
  const id = useId();
  const r = RULES[props.rule];
  // a wrong value still shows, with its error, so it can be put right
  const unset = props.error ? undefined : props.unset;
  const described =
    [props.error && `${id}-error`, unset?.note, props.hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
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
        placeholder={unset ? 'auto' : undefined}
        value={unset || Number.isNaN(props.value) ? '' : props.value}
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
  unset?: Unset;
  set(patch: Partial<TrainSettings>): void;
}) {
  return props.fields.map((f) => (
    <NumberField
      key={f.key}
      label={RULES[f.key].label}
      rule={f.key}
      step={f.step}
      disabled={props.disabled}
      unset={props.unset}
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
  unset?: Unset;
  onChoice(choice: T): void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        disabled={props.disabled}
        value={props.unset ? '' : props.value}
        aria-describedby={props.unset?.note}
        onChange={(e) => props.onChoice(e.target.value as T)}
      >
        {props.unset && (
          <option value="" disabled>
            auto
          </option>
        )}
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
 * open: what the reader looks at below them is held in place (holdWhatIsRead). In one column
 * nothing folds: the charts are under the settings anyway, and the fold only made the page jump.
 */
function useFoldWhile(fold: boolean) {
  const ref = useRef<HTMLDetailsElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (fold) {
      wasOpen.current = el.open && besidePreview();
      if (!wasOpen.current) return;
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
  const noteId = useId();
  const unset = auto ? { note: noteId } : undefined;
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
          <legend>{auto ? 'Automatic recipe' : settings.unfreeze > 0 ? 'Training' : 'Manual recipe'}</legend>
          {auto && <RecipeNote id={noteId} />}
          <NumberFields
            fields={RECIPE_FIELDS}
            settings={settings}
            errors={errors}
            disabled={disabled}
            unset={unset}
            set={set}
          />
          <ChoiceField
            label="Learning-rate schedule"
            value={settings.lrSchedule ?? (settings.unfreeze > 0 ? 'cosine' : 'constant')}
            choices={LR_SCHEDULES}
            disabled={disabled}
            unset={unset}
            onChoice={(lrSchedule: LrSchedule) => set({ lrSchedule })}
          />
          <NumberField
            label="Early-stopping patience (0 = off)"
            rule="earlyStopPatience"
            step="1"
            disabled={disabled}
            unset={unset}
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
 * Under the automatic recipe: why the fields it decides hold no value, and what the run shown
 * trained with instead, read from its result (what Evaluate's recipe report says it chose). The
 * fields showed the manual recipe's values under the heading "Chosen by the automatic recipe", and
 * read as that choice.
 */
function RecipeNote({ id }: { id: string }) {
  const result = useTraining((s) => s.result);
  const latest = useTraining((s) => s.lastRunShown);
  const chosen = recipeChosenText(result);
  return (
    <>
      <p className="hint recipe-note" id={id}>
        Not used: chosen per run by the automatic recipe. Type a value to set these by hand instead (the manual recipe).
      </p>
      {chosen && (
        <p className="recipe-chosen" data-testid="recipe-chosen">
          <strong>{latest ? 'Last run chose:' : 'The model shown chose:'}</strong> {chosen}
        </p>
      )}
    </>
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
