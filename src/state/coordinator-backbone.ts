import type { FreezeChoice } from '../core/project/record';
import type { BackboneInfo } from '../worker/protocol';
import { useBackbone } from './backbone';
import { useInsight } from './dataset-insight';
import { isFinding, useLrSuggestion } from './lr-suggestion';
import { modelChanges, useModelInUse } from './model-in-use';
import { backboneSwitched, modelChanged, type SetAsideContext } from './model-set-aside';
import { loadImportedModel, loadSavedModel } from './model-store';
import { useOtherModel } from './other-model';
import { restoreAfterFailedLoad, restoreModelInUse, restoreStartingPoint } from './restore-trained';
import { isRunning, useTraining } from './training';
import { dismissUndo, offerUndo } from './undo';

/**
 * The coordinator's part that follows the backbone (state/coordinator.ts wires it): a project's
 * own backbone as it loads, each backbone's freeze choice, and what a newly loaded backbone means
 * for the settings, the model in use and the starting point.
 */

/** Once the backbone has loaded: its id; null if it failed to. */
export function backboneSettled(): Promise<string | null> {
  return new Promise((resolve) => {
    const check = (s: { status: string; loaded: BackboneInfo | null }) => {
      if (s.status !== 'ready' && s.status !== 'error') return false;
      resolve(s.status === 'ready' ? (s.loaded?.id ?? null) : null);
      return true;
    };
    if (check(useBackbone.getState())) return;
    const stop = useBackbone.subscribe((s) => check(s) && stop());
  });
}

/** The backbone a project being opened (or given back by an undo) was made with, until it has loaded. */
let projectBackbone: string | null = null;

/**
 * A project comes with its backbone: chosen, and loaded unless none has loaded yet (the picker
 * loads the choice then). Only chosen, the picker showed the project's backbone while the one
 * before it stayed loaded and trained the next run.
 */
export function followProjectBackbone(id: string): void {
  const backbone = useBackbone.getState();
  if (backbone.status === 'idle') return backbone.markSelected(id);
  if (backbone.selected === id && backbone.loaded?.id === id) return;
  projectBackbone = id;
  void backbone.select(id);
}

/** each backbone's freeze choice when another was picked (kept with the project) */
export const freezeChoices = new Map<string, FreezeChoice>();
/**
 * The backbone the freeze settings in place were chosen on: a project's own, which comes with them,
 * then each one loaded (null: not known; the one the worker held before a load stands for it). Read
 * from the one held before, a project whose own backbone failed to load gave its choice, block
 * names and all, to the backbone picked next (nothing held) or to the previous project's.
 */
let freezeOwner: string | null = null;
export function freezeSettingsOf(backboneId: string | null): void {
  freezeOwner = backboneId;
}
/** the autosave's hook: a choice noted after the backbone load, past the save its pick started */
let freezeChoiceNoted: (() => void) | null = null;
export function onFreezeChoice(changed: () => void): () => void {
  freezeChoiceNoted = changed;
  return () => {
    if (freezeChoiceNoted === changed) freezeChoiceNoted = null;
  };
}

/**
 * A backbone was loaded (another one, or the same again on another backend): training starts over.
 * `stayed`: the one the worker held, picked again after another failed, was not replaced.
 */
export function backboneLoaded(
  before: BackboneInfo | null,
  loaded: BackboneInfo,
  adopted = false,
  stayed = false,
): void {
  const training = useTraining.getState();
  const pending = projectBackbone;
  const fromProject = pending === loaded.id;
  // a load started before the project came (the first visit's default backbone, slow to arrive)
  // ends first: the settings are the project's, for the backbone still to load, and stay as they are
  const overtaken = pending !== null && !fromProject && useBackbone.getState().selected === pending;
  if (!overtaken) projectBackbone = null;
  // Another backbone picked by hand has other blocks: head-only training, or the freeze choice made
  // on that backbone earlier in this visit (picking a backbone back and forth lost it). The same
  // backbone again (a backend switch, a restored project) and a project's own backbone keep the
  // freeze choice where it still fits.
  const owner = freezeOwner ?? before?.id ?? null;
  if (overtaken) {
    // nothing to adjust: the project's backbone loads next
  } else if (owner !== null && owner !== loaded.id && !fromProject) {
    const { unfreeze, frozenBlocks } = training.settings;
    freezeChoices.set(owner, { unfreeze, frozenBlocks: frozenBlocks ?? [] });
    freezeChoiceNoted?.();
    const earlier = freezeChoices.get(loaded.id);
    training.updateSettings(
      earlier && earlier.unfreeze <= loaded.blocks.length ? earlier : { unfreeze: 0, frozenBlocks: [] },
    );
  } else if (training.settings.unfreeze > loaded.blocks.length)
    training.updateSettings({ unfreeze: 0, frozenBlocks: [] });
  if (!overtaken) freezeOwner = loaded.id;
  // the first backbone in: after a failed first load, what the start could not restore without it
  if (!before) {
    void backboneSwitched(setAsideContext(), loaded.id, null);
    return restoreAfterFailedLoad();
  }
  // the worker kept the model trained on it too
  if (stayed) return;
  // the worker dropped the model trained on the previous backbone, and a head-only import made for it
  // waits in storage for it too (a whole imported model answers on any backbone)
  const shown = useModelInUse.getState();
  const importLeft =
    before.id !== loaded.id && shown.model?.kind === 'imported' && shown.model.headOnlyFor === before.id;
  const kept = importLeft ? Promise.resolve(shown.importNotKept === null) : training.modelKept();
  training.backboneReplaced(before.id !== loaded.id);
  useModelInUse.getState().backboneReplaced(loaded.id);
  const stored = before.id === loaded.id ? null : readStored();
  // Continue loaded it with its own model in place: a model stored for this backbone (an earlier run
  // on it) read back would replace that one and leave Continue nothing to undo
  if (!adopted) bringBackStoredModel(stored ? storedModelFor(stored, loaded.id) : kept);
  // the model shown went with the backbone before, silently: said, with the way back. A project's own
  // backbone (its undo is the project's), Continue's (its own undo) and the one "Use that model
  // instead" loads for the model before (offered back the same way) leave none to offer
  const other = adopted || fromProject || overtaken || useOtherModel.getState().swapping;
  const left = other ? null : { from: before.id, kept };
  if (stored) void backboneSwitched(setAsideContext(stored), loaded.id, left);
  // a starting point kept for this backbone (one a reload or an opened project left waiting) is put in place
  void restoreStartingPoint();
}

/**
 * The same backbone on another backend (a switch, a calibration): the model it had comes back from
 * storage, as after a reload, instead of leaving the user nothing to try until they retrain. The
 * backbone a saved model (or an imported head-only one) was made on, picked again: it comes back.
 */
const bringBackStoredModel = (inStorage: Promise<boolean>): void =>
  void inStorage.then((stored) => (stored ? restoreModelInUse() : undefined));

/** the models kept in storage, read once per backbone change */
const readStored = () => Promise.all([loadSavedModel(), loadImportedModel()]);

const storedModelFor = (stored: ReturnType<typeof readStored>, backboneId: string): Promise<boolean> =>
  stored.then(
    ([saved, imported]) => saved?.backboneId === backboneId || imported?.headOnlyFor === backboneId,
    () => false,
  );

/** why the backbone cannot change now, in an undo's words (the picker's are its own: ui/BackbonePicker.tsx) */
function backboneBusy(): string | null {
  if (isRunning(useTraining.getState().status) || useBackbone.getState().locked)
    return 'Training is running: undo once it has stopped.';
  const insight = useInsight.getState();
  const job = isFinding(useLrSuggestion.getState())
    ? 'the learning-rate finder'
    : insight.health.status === 'running'
      ? 'the health check'
      : insight.embedding.status === 'running'
        ? 'the feature map'
        : null;
  return job && `The backbone cannot change while ${job} runs on it: undo once it has finished.`;
}

/** each model change is watched once: one answering since the model was set aside takes its place */
let watching = false;

/** `stored`: the read the load made already (the first load reads its own) */
function setAsideContext(stored?: ReturnType<typeof readStored>): SetAsideContext {
  const ctx: SetAsideContext = {
    loadedId: () => useBackbone.getState().loaded?.id ?? null,
    storedOn: () =>
      (stored ?? readStored()).then(([saved, imported]) => {
        // once: an undo later reads storage as it is then
        stored = undefined;
        // an imported model answers over the trained one (restoreModelInUse): a head-only one waits
        // for its backbone, a whole one for none
        return imported ? imported.headOnlyFor : saved?.backboneId;
      }),
    modelChanges,
    busy: backboneBusy,
    select: (id) => useBackbone.getState().select(id),
    loadError: () => useBackbone.getState().error,
    offerUndo,
    dismissUndo: (id) => void dismissUndo(id),
  };
  if (!watching) {
    watching = true;
    useModelInUse.subscribe(() => modelChanged(ctx));
  }
  return ctx;
}
