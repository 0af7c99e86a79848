import type { FreezeChoice } from '../core/project/record';
import type { BackboneInfo } from '../worker/protocol';
import { useBackbone } from './backbone';
import { useModelInUse } from './model-in-use';
import { loadImportedModel, loadSavedModel } from './model-store';
import { restoreAfterFailedLoad, restoreModelInUse, restoreStartingPoint } from './restore-trained';
import { useTraining } from './training';

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
  if (!before) return restoreAfterFailedLoad();
  // the worker kept the model trained on it too
  if (stayed) return;
  // the worker dropped the model trained on the previous backbone
  const kept = training.modelKept();
  training.backboneReplaced(before.id !== loaded.id);
  useModelInUse.getState().backboneReplaced(loaded.id);
  // Continue loaded it with its own model in place: a model stored for this backbone (an earlier run
  // on it) read back would replace that one and leave Continue nothing to undo
  if (!adopted) bringBackStoredModel(before.id === loaded.id ? kept : storedModelFor(loaded.id));
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

const storedModelFor = (backboneId: string): Promise<boolean> =>
  Promise.all([loadSavedModel(), loadImportedModel()]).then(
    ([saved, imported]) => saved?.backboneId === backboneId || imported?.headOnlyFor === backboneId,
    () => false,
  );
