import { applyRecipe, carriedByHand } from '../core/train/recipe-shape';
import { HEAD_DEFAULTS, resolveSettings, type TrainSettings } from '../core/train/settings';
import { useBackbone } from './backbone';
import { continuedUndo, continueUndo, type ContinueUndoContext } from './continue-undo';
import { exportFor, trainedAt } from './model-store';
import { modelChanges, revivedModelUndo, startingPointNow, useModelInUse } from './model-in-use';
import type { ModelInUseContext } from './model-in-use-types';
import { useProject } from './project';
import type { ProjectUndoContext } from './project-undo-context';
import { currentProject } from './project-generations';
import { reviveModelUndo } from './saved-model-undo';
import { rateUndo, withUnset, type SavedSettingsBack, type SettingsUndoStores } from './saved-settings-undos';
import type { PageTrained } from './trained-stash';
import { isRunning, useTraining } from './training';
import { frozeUndo } from './training-undos';
import { offerUndo } from './undo';

/**
 * The coordinator's part that makes undos across stores (state/coordinator.ts wires it): Continue
 * training's, the found learning rate's, the stash a replaced project's undo holds, and the undos
 * the autosave stored, rebuilt after a reload.
 */

/** the head recipe a setting left unset stands for (core/train/settings.ts HEAD_DEFAULTS) */
const AUTO = HEAD_DEFAULTS.recipe;

/** Continue training from a model (`ModelInUseContext.continuing`), with its undo. */
export const continueFrom: ModelInUseContext['continuing'] = (start, adopt) => {
  const { settings, result, resultStored, lastRunShown, notKept } = useTraining.getState();
  const { hiddenUnits, unfreeze, frozenBlocks, recipe, cropMode } = settings;
  const before = {
    // the automatic recipe by name: put back unset, the key is lost in JSON (a project zip, the record
    // written as the page leaves), and settings with no recipe that hold values typed since read as
    // an earlier version's, trained by hand (core/train/settings-repair.ts)
    settings: { hiddenUnits, unfreeze, frozenBlocks, recipe: recipe ?? AUTO, cropMode },
    result,
    resultStored,
    lastRunShown,
    notKept,
    backboneId: useBackbone.getState().loaded?.id ?? null,
    start: startingPointNow(),
  };
  // the point it makes, told as the model-in-use store keeps it: its model's name and the import's
  // id, read before a whole model's backbone, adopted, may take that model's place
  const { importId } = useModelInUse.getState().model ?? {};
  const made = { modelName: start.modelName, ...(importId && { importId }) };
  adopt?.();
  // the classes it knows are there to drop images on (a class it does not know is a new one)
  const added = useProject.getState().addMissingClasses(start.labels);
  useTraining.getState().continueFrom(start.hiddenUnits, useModelInUse.getState().model?.cropMode);
  offerUndo(continueUndo(made, before, added, continueUndoContext));
};

/** The learning-rate finder's rate put in the settings (`LrSuggestionContext.useRate`), with its undo. */
export function applyFoundRate(learningRate: number): void {
  const training = useTraining.getState();
  const { settings } = training;
  // the automatic head recipe picks its own rate: a rate chosen here is a hand recipe, as typing it
  // is, while blocks train too (frozen again, the backbone's head would otherwise drop the rate).
  // It starts from what the recipe chose for the run shown, as "Set by hand" does: the manual
  // defaults swapped a linear head for a hidden layer of 512 with the rate (83.3% → 66.7%)
  const chosen = resolveSettings(settings).recipe === 'auto' ? training.result?.recipe?.chosen : undefined;
  const after: Partial<TrainSettings> = {
    ...(chosen && carriedByHand(settings, chosen)),
    learningRate,
    recipe: 'manual',
  };
  // the automatic recipe by name, as Continue's undo keeps it; each field the switch fills, as it was
  const before: Partial<TrainSettings> = {
    ...withUnset(settings, Object.keys(after)),
    recipe: settings.recipe ?? AUTO,
  };
  training.updateSettings(after);
  const switched = before.recipe !== useTraining.getState().settings.recipe;
  if (before.learningRate === learningRate && !switched) return;
  // under the automatic recipe the run trained at the recipe's rate, not the field's hidden default
  const was = switched && chosen ? applyRecipe(settings, chosen).learningRate : before.learningRate;
  // the rate typed before (and the automatic recipe it may have left) is offered back, after a reload too
  const saved: SavedSettingsBack = {
    kind: 'settings-back',
    what: 'rate',
    // a cleared field is NaN: "(was NaN)" said nothing to a person
    label: `Learning rate set to ${learningRate} (${Number.isFinite(was) ? `was ${was}` : 'the field was empty'}${switched ? ' with the automatic head recipe' : ''})`,
    before,
    after: { ...after, recipe: useTraining.getState().settings.recipe },
    made: currentProject(),
  };
  offerUndo(rateUndo(saved, settingsStores));
}

/** A model or settings undo the autosave stored, rebuilt after a reload (`ProjectUndoContext.revive`). */
export const reviveUndo: ProjectUndoContext['revive'] = (saved) =>
  saved.kind !== 'settings-back'
    ? reviveModelUndo(saved, revivedModelUndo)
    : saved.what === 'freeze'
      ? frozeUndo(saved, settingsStores)
      : saved.what === 'rate'
        ? rateUndo(saved, settingsStores)
        : continuedUndo(saved, continueUndoContext);

/**
 * The model answering Try it, if trained here, as storage keeps one: its export (built
 * once and shared with the downloads), its results and the run history, for a replacement's undo to
 * hold where storage could not (state/project-replace.ts).
 */
export function pageTrained(): Promise<PageTrained> | null {
  const { result, runs } = useTraining.getState();
  // trained here: the worker holds the run's own model to export (one read back is storage's zip)
  if (!result || useModelInUse.getState().model?.kind !== 'trained') return null;
  const loaded = useBackbone.getState().loaded;
  // asked now, before the page is cleared; the new project is in place before it settles, the toast's words after (they say whether it held)
  return exportFor(result).then((bundle) => ({
    saved: {
      zip: bundle.zip,
      result,
      savedAt: trainedAt(result),
      // a graph-model backbone's run exports its head alone: it answers once that backbone is back
      headOnly: !bundle.files['model.json'],
      ...(loaded && { backboneId: loaded.id }),
    },
    runs,
  }));
}

/** what the settings undos (state/saved-settings-undos.ts) read and change */
const settingsStores: SettingsUndoStores & { loadedBackboneId(): string | null } = {
  running: () => isRunning(useTraining.getState().status),
  settings: () => useTraining.getState().settings,
  updateSettings: (patch) => useTraining.getState().updateSettings(patch),
  loadedBackboneId: () => useBackbone.getState().loaded?.id ?? null,
};

const continueUndoContext: ContinueUndoContext = {
  running: () => isRunning(useTraining.getState().status),
  modelChanges,
  settings: () => useTraining.getState().settings,
  classes: () => useProject.getState().classes,
  removeClass: (id) => useProject.getState().removeClass(id),
  loadedBackboneId: () => useBackbone.getState().loaded?.id ?? null,
  selectBackbone: (id) => useBackbone.getState().select(id),
  updateSettings: (settings) => useTraining.getState().updateSettings(settings),
  result: () => useTraining.getState().result,
  showResult({ result, resultStored, lastRunShown, notKept }) {
    if (useTraining.getState().showKept(result, resultStored)) useTraining.setState({ lastRunShown, notKept });
  },
  point: startingPointNow,
  putStartingPoint: (start) => useModelInUse.getState().putStartingPoint(start),
};
