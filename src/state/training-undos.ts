import { listed } from '../core/listed';
import { changedSettings, type TrainSettings } from '../core/train/settings';
import { plannedEpochs, type InterruptedRun } from '../core/train/interrupted';
import { forgetInterruptedIf } from './model-store';
import { forgetSetAside, putBackSetAside } from './saved-interrupted-undo';
import { currentProject, sameProject } from './project-generations';
import { forgetPutAside, type SavedSettingsUndo } from './saved-undo';
import type { SavedSettingsBack } from './saved-settings-undos';
import type { UndoOffer } from './undo';
import { NoLongerUndoable } from './undo-errors';

/**
 * The training store's undos (state/training.ts offers them): each takes back one click that
 * threw work away, and is refused once newer work stands in its place.
 */
export type TrainingUndo = UndoOffer<{ kind: 'interrupted-run' | 'settings' } | SavedSettingsBack>;

/** What the undos read and change of the training store. */
export interface TrainingUndoContext {
  /** a run is warming, extracting or training */
  running(): boolean;
  /** runs started in this visit: one started since an undo was offered wrote its checkpoints over the one it gives back */
  runsStarted(): number;
  settings(): TrainSettings;
  interrupted(): InterruptedRun | null;
  loadedBackboneId(): string | null;
  updateSettings(patch: Partial<TrainSettings>): void;
  stop(): void;
  /** offered only on an idle page (a reload's offer) */
  restoreInterrupted(run: InterruptedRun): void;
  /**
   * offered again whatever the status, after the run that took its place ended; `notKept`: why
   * storage refused its checkpoint (a reload would lose it), absent: as it was
   */
  showInterrupted(run: InterruptedRun, notKept?: string | null): void;
}

/** "Freeze whole backbone" cleared these: the undo gives them back on the same backbone, unless blocks were unfrozen again. */
export function freezeUndo(
  before: Pick<TrainSettings, 'unfreeze' | 'frozenBlocks'> & { backboneId: string | null },
  ctx: FreezeUndoContext,
): TrainingUndo {
  const { backboneId, unfreeze, frozenBlocks } = before;
  // stored whole: the autosave stores the frozen settings at once, and a reload kept nothing to give back
  return frozeUndo(
    {
      kind: 'settings-back',
      what: 'freeze',
      label: 'Froze the whole backbone',
      before: { unfreeze, frozenBlocks },
      after: { unfreeze: 0 },
      // a new or opened project since has settings of its own: these blocks are the replaced one's
      made: currentProject(),
      backboneId,
    },
    ctx,
  );
}

type FreezeUndoContext = Pick<TrainingUndoContext, 'running' | 'loadedBackboneId' | 'settings' | 'updateSettings'>;

/** The freeze's undo from its description: made at the click, or revived after a reload (state/saved-settings-undos.ts). */
export function frozeUndo(saved: SavedSettingsBack, ctx: FreezeUndoContext): UndoOffer<SavedSettingsBack> {
  return {
    label: saved.label,
    saved,
    project: saved.made,
    heldImages: [],
    undo() {
      sameProject(saved.made);
      if (ctx.running()) throw new Error('A run is using these settings: undo when it has ended.');
      // block numbers belong to one backbone
      if (ctx.loadedBackboneId() !== saved.backboneId) throw new Error('Another backbone is loaded now.');
      if (ctx.settings().unfreeze !== 0) throw new Error('Blocks were unfrozen again since.');
      ctx.updateSettings(saved.before);
    },
    finalise: () => undefined,
  };
}

/** "Discard interrupted run": its checkpoint stays in storage while the undo is offered (a reload meanwhile offers the run again). */
export function discardUndo(run: InterruptedRun, ctx: TrainingUndoContext): TrainingUndo {
  const runs = ctx.runsStarted();
  // its run was trained on this project's images: undone after New or Open project, it came into that one
  const made = currentProject();
  const shown = () => ctx.interrupted()?.savedAt === run.savedAt;
  return {
    label: 'Discarded the interrupted run',
    saved: { kind: 'interrupted-run' },
    project: made,
    heldImages: [],
    undo() {
      sameProject(made);
      // its project put back brought its checkpoint back, and the page offers the run again already
      if (shown()) return;
      // not "idle": a Resume stopped or failed before it offered the run again leaves the page stopped
      // or failed, and nothing has taken the checkpoint's place
      if (ctx.running() || ctx.runsStarted() !== runs || ctx.interrupted())
        throw new NoLongerUndoable('a run has started since, and its checkpoints took its place');
      ctx.showInterrupted(run);
    },
    // a run started since keeps its own checkpoint in the same place; one offered again (its
    // project put back) needs its checkpoint for a reload
    finalise: () => (shown() ? undefined : forgetInterruptedIf(run.savedAt)),
  };
}

/**
 * A new run took the interrupted run's place: the undo stops that run (never a later one), waits
 * for it to end wholly and offers the interrupted one again, its checkpoint stored once more. Its
 * checkpoint waits in storage meanwhile (state/saved-interrupted-undo.ts), where a reload finds it.
 */
export function setAsideUndo(
  run: InterruptedRun,
  newRun: { isLatest(): boolean; ended(): Promise<void> },
  ctx: TrainingUndoContext,
): TrainingUndo {
  return {
    label: `Started a new run in place of the interrupted one (epoch ${run.checkpoint.epoch} of ${plannedEpochs(run)})`,
    saved: { kind: 'interrupted-run' },
    heldImages: [],
    async undo() {
      // what that run trained before it stopped is kept, as a stopped run's model is
      if (ctx.running()) {
        if (!newRun.isLatest()) throw new Error('Another run has started since: stop it first.');
        ctx.stop();
      }
      await newRun.ended();
      if (ctx.running() || ctx.interrupted()) throw new Error('Another run has started since.');
      await putBackSetAside(run, ctx);
    },
    // kept aside in storage until now, so a reload during the new run could still give it back
    finalise: () => forgetSetAside(run.savedAt),
  };
}

/**
 * Resume put the interrupted run's own settings in place of the edits made since (the hint named
 * them): the undo gives the edits back once the resumed run has ended, unless settings changed
 * since. They are stored until the undo is taken or made final (state/saved-undo.ts): `reloaded`,
 * offered by the page a reload brought during the run or its toast.
 */
export function resumeUndo(saved: SavedSettingsUndo, ctx: TrainingUndoContext, reloaded = false): TrainingUndo {
  const { edited, resumed, made, savedAt } = saved;
  const changes = listed(changedSettings(resumed, edited));
  return {
    label: reloaded
      ? `Resume training put your changes to ${changes} aside: they can come back`
      : `The resumed run has ended: your changes to ${changes} can come back`,
    // a plain settings undo, as state/project-undo.ts's revival skips it: these come back through loadPutAside
    saved: { kind: 'settings' },
    project: made,
    heldImages: [],
    async undo() {
      sameProject(made);
      if (ctx.running()) throw new Error('A run is using the settings: undo when it has ended.');
      if (changedSettings(resumed, ctx.settings()).length) throw new Error('The settings were changed since.');
      ctx.updateSettings(edited);
      await forgetPutAside(savedAt);
    },
    finalise: () => forgetPutAside(savedAt),
  };
}
