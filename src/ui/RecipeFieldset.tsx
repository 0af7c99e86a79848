import { useEffect, useId, useRef, useState } from 'react';
import { LR_SCHEDULES, resolveSettings, type LrSchedule, type TrainSettings } from '../core/train/settings';
import { useTraining } from '../state/training';
import { recipeDecided, type DecidedKey } from './recipe-decided';
import { NumberField, NumberFields, ChoiceField, type NumericKey, type Unset } from './settings-fields';
import { recipeChoice, switchedByTyping, type FieldKey } from './settings-rules';
import { batchHint, MANUAL_HINTS } from './settings-words';
import { usePlannedTrainCount } from './useProjectSoon';

/** What the automatic head recipe fixes or chooses itself (recipe.ts applyRecipe). */
const RECIPE_FIELDS: { key: NumericKey & DecidedKey; step: string }[] = [
  { key: 'epochs', step: '1' },
  { key: 'learningRate', step: '0.0001' },
  { key: 'batchSize', step: '1' },
  { key: 'hiddenUnits', step: '1' },
  { key: 'dropout', step: '0.05' },
  { key: 'weightDecay', step: '0.0001' },
];

/**
 * The fields a head recipe decides. Under the automatic recipe they read as a compact list of what
 * it sets (its plan, or what the run shown used), with one button to set them by hand: eight empty
 * boxes saying "auto" read as a broken form. Each is still its labelled input, whose value typed in
 * switches to the manual recipe (settings-rules.ts byHand). That switch is said where it was typed,
 * with a way back: the manual recipe trains every field as shown (a hidden layer of 512, dropout 0.5),
 * not the linear head the automatic recipe had shown, and only hidden words said so.
 */
export function RecipeFieldset({
  disabled,
  errors,
  set,
}: {
  disabled: boolean;
  errors: Partial<Record<FieldKey, string>>;
  set(patch: Partial<TrainSettings>): void;
}) {
  const settings = useTraining((s) => s.settings);
  const updateSettings = useTraining((s) => s.updateSettings);
  const result = useTraining((s) => s.result);
  const latest = useTraining((s) => s.lastRunShown);
  const resolved = resolveSettings(settings);
  const auto = resolved.recipe === 'auto';
  const train = usePlannedTrainCount(settings.valSplit);
  const noteId = useId();
  const box = useRef<HTMLFieldSetElement>(null);
  const focusFirst = useRef(false);
  const focusByHand = useRef(false);
  // a value typed switched the automatic recipe to manual (not Set by hand, nor the select: chosen)
  const [switched, setSwitched] = useState(false);
  if (switched && auto) setSwitched(false);
  // "Set by hand" unmounts with the automatic recipe: the focus goes on to the first field it opened.
  // "Back to automatic" unmounts with the manual one: the focus goes to Set by hand, in its place
  useEffect(() => {
    if (auto ? !focusByHand.current : !focusFirst.current) return;
    focusFirst.current = focusByHand.current = false;
    box.current?.querySelector<HTMLElement>(auto ? '.recipe-by-hand' : 'input')?.focus();
  }, [auto]);
  const decided = auto ? recipeDecided(result) : null;
  const unset = (key: DecidedKey): Unset => (decided ? { note: noteId, shows: decided.values[key] } : undefined);
  const byHand = () => {
    focusFirst.current = true;
    updateSettings(recipeChoice(settings, 'manual', result?.recipe?.chosen));
  };
  // what was typed stays in its field for the manual recipe; the automatic one chooses its own again
  const backToAuto = () => {
    focusByHand.current = true;
    updateSettings(recipeChoice(settings, 'auto'));
  };
  // a value typed switches to manual from where Set by hand starts (what the run shown trained
  // with): typed after a run, the other fields fell back to the manual defaults and trained another head
  const typed = (patch: Partial<TrainSettings>) => {
    if (!switchedByTyping(settings, patch)) return set(patch);
    setSwitched(true);
    set({ ...recipeChoice(settings, 'manual', result?.recipe?.chosen), ...patch });
  };
  return (
    <fieldset ref={box} className={auto ? 'recipe-set' : 'settings-grid'}>
      <legend>{auto ? 'Automatic recipe' : settings.unfreeze > 0 ? 'Training' : 'Manual recipe'}</legend>
      {decided && (
        <div className="recipe-lead">
          <p className="hint recipe-note" id={noteId} data-testid={decided.fromRun ? 'recipe-chosen' : undefined}>
            {decided.fromRun
              ? `${latest ? 'What the last run' : 'What the model shown'} trained with, chosen by the automatic recipe.`
              : 'Chosen for each run by the automatic recipe.'}
            <span className="visually-hidden"> Typing a value sets them by hand (the manual recipe).</span>
          </p>
          <button type="button" className="recipe-by-hand" disabled={disabled} onClick={byHand}>
            Set by hand
          </button>
        </div>
      )}
      {/* there before its words come, so that they are read out as they come */}
      <div className="recipe-switched" role="status">
        {switched && !auto && (
          <>
            <p className="recipe-switched-note">
              Switched to the manual recipe: the run trains every field below as shown, not what the automatic recipe
              chooses for this dataset.
            </p>
            <button type="button" disabled={disabled} onClick={backToAuto}>
              Back to automatic
            </button>
          </>
        )}
      </div>
      <NumberFields
        fields={RECIPE_FIELDS}
        settings={settings}
        errors={errors}
        disabled={disabled}
        // (only the recipe's own fields are listed)
        unset={(key) => unset(key as DecidedKey)}
        // under the automatic recipe the fields read as a compact list of what it set: no hints there
        hints={auto ? undefined : { ...MANUAL_HINTS, batchSize: batchHint(settings.batchSize, train) }}
        set={typed}
      />
      <ChoiceField
        label="Learning-rate schedule"
        value={settings.lrSchedule ?? (settings.unfreeze > 0 ? 'cosine' : 'constant')}
        choices={LR_SCHEDULES}
        disabled={disabled}
        unset={unset('lrSchedule')}
        onChoice={(lrSchedule: LrSchedule) => typed({ lrSchedule })}
      />
      <NumberField
        // the automatic recipe's list says "off" in words: the "(0 = off)" is the manual field's help
        label={auto ? 'Early-stopping patience' : 'Early-stopping patience (0 = off)'}
        rule="earlyStopPatience"
        step="1"
        disabled={disabled}
        unset={unset('earlyStopPatience')}
        error={errors.earlyStopPatience}
        hint={auto ? undefined : MANUAL_HINTS.earlyStopPatience}
        value={resolved.earlyStopPatience ?? 0}
        onValue={(v) => typed({ earlyStopPatience: v })}
      />
    </fieldset>
  );
}
