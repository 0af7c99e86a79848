import type { TrainSettings } from '../core/train/settings';
import type { TrainSummary } from '../worker/protocol';
import type { StoredStartingPoint } from './model-store';
import type { UndoOffer } from './undo';
import { NoLongerUndoable } from './undo-errors';
import { currentProject, sameProject } from './project-generations';
import { changedSince, type SavedSettingsBack } from './saved-settings-undos';

/** What "Continue training this model" changes, as it was before the click. */
export interface BeforeContinuing {
  /** the head's size, the freeze choices, the head recipe and the crop (the settings the click sets) */
  settings: Pick<TrainSettings, 'hiddenUnits' | 'unfreeze' | 'frozenBlocks' | 'recipe' | 'cropMode'>;
  /** the results the click hid, with how they were shown */
  result: TrainSummary | null;
  /** whether the result's downloads come from storage: a run's model storage refused is only in the worker */
  resultStored: boolean;
  lastRunShown: boolean;
  notKept: string | null;
  backboneId: string | null;
  /** the starting point before it (another Continue's), with its head */
  start: StoredStartingPoint | null;
}

/** What the undo needs of the stores (state/coordinator.ts hands it over). */
export interface ContinueUndoContext {
  running(): boolean;
  /** counts the models that came to answer (a run's, an import, a replaced project's none) */
  modelChanges(): number;
  classes(): readonly { id: string; images: readonly unknown[] }[];
  removeClass(id: string): void;
  loadedBackboneId(): string | null;
  selectBackbone(id: string): Promise<void>;
  settings(): TrainSettings;
  updateSettings(settings: Partial<TrainSettings>): void;
  result(): TrainSummary | null;
  showResult(before: BeforeContinuing & { result: TrainSummary }): void;
  putStartingPoint(start: StoredStartingPoint | null): Promise<void>;
}

/** continues offered back, newest last: only the newest can be undone (each undo makes the one before it the newest) */
const offered: number[] = [];
let counter = 0;

/** the settings Continue sets */
const SET = ['hiddenUnits', 'unfreeze', 'frozenBlocks', 'recipe', 'cropMode'] as const;

/**
 * Continuing an imported model overwrites the head's size and the freeze choices, hides the
 * results on the page, adds the model's classes and may load its backbone: the undo puts each
 * back. It is refused once work was built on it: another model answering since (a run, an
 * import, another project) or a later Continue still offered; the classes it added go only while
 * still empty.
 */
export function continueUndo(
  modelName: string,
  before: BeforeContinuing,
  added: string[],
  ctx: ContinueUndoContext,
): UndoOffer<{ kind: 'continue' } | SavedSettingsBack> {
  const changes = ctx.modelChanges();
  const now = ctx.settings();
  const saved: SavedSettingsBack = {
    kind: 'settings-back',
    what: 'continue',
    label: `Continuing ${modelName}`,
    before: before.settings,
    after: Object.fromEntries(SET.map((k) => [k, now[k]])),
    made: currentProject(),
    backboneId: before.backboneId,
    added,
  };
  const offer = undoing(saved, before.start, ctx, {
    check() {
      if (ctx.modelChanges() !== changes) throw new NoLongerUndoable('Another model has answered since.');
    },
    // the results hidden by the click come back; picked again, a backbone brings back its own
    done(other) {
      if (!other && before.result && ctx.result() === null) ctx.showResult({ ...before, result: before.result });
    },
  });
  // stored with what it gives back, so a reload can still undo it (continuedUndo); not one that
  // replaced another Continue's starting point, a head's weights, too big for the stored undo list
  return before.start ? { ...offer, saved: { kind: 'continue' } } : offer;
}

/**
 * A Continue's undo revived after a reload, from its description: the settings, the classes it added
 * and its starting point go back (the model's results a reload shows anyway). Refused, as the
 * settings undos are, once a field it set was changed since or while a run uses them.
 */
export function continuedUndo(saved: SavedSettingsBack, ctx: ContinueUndoContext): UndoOffer<SavedSettingsBack> {
  return undoing(saved, null, ctx, {
    check() {
      if (changedSince(saved, ctx.settings())) throw new Error('The settings were changed since.');
    },
  });
}

function undoing(
  saved: SavedSettingsBack,
  start: StoredStartingPoint | null,
  ctx: ContinueUndoContext,
  also: { check(): void; done?(otherBackbone: boolean): void },
): UndoOffer<SavedSettingsBack> {
  const mine = ++counter;
  offered.push(mine);
  const forget = () => {
    const at = offered.indexOf(mine);
    if (at >= 0) offered.splice(at, 1);
  };
  return {
    label: saved.label,
    saved,
    heldImages: [],
    async undo() {
      sameProject(saved.made);
      if (ctx.running()) throw new Error('A run is using these settings: undo when it has ended.');
      also.check();
      if (offered.at(-1) !== mine) throw new Error('A later Continue training came after it: undo that one first.');
      const backbone = saved.backboneId ?? null;
      const other = backbone !== null && ctx.loadedBackboneId() !== backbone;
      // the backbone first: loading another one resets the freeze choices the settings then restore
      if (other) {
        await ctx.selectBackbone(backbone);
        if (ctx.loadedBackboneId() !== backbone) throw new Error('The backbone in use before could not be loaded.');
      }
      await ctx.putStartingPoint(start);
      const added = saved.added ?? [];
      for (const c of ctx.classes()) if (added.includes(c.id) && c.images.length === 0) ctx.removeClass(c.id);
      ctx.updateSettings(saved.before);
      also.done?.(other);
      forget();
    },
    finalise: forget,
  };
}
