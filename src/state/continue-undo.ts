import type { TrainSettings } from '../core/train/settings';
import type { TrainSummary } from '../worker/protocol';
import type { StoredStartingPoint } from './model-store';
import type { UndoOffer } from './undo';
import { NoLongerUndoable } from './undo-errors';
import { currentProject, sameProject } from './project-generations';
import { forgetHeldAfter, heldKey, holdForUndo, loadHeld, nameHeld } from './saved-model-undo';
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
  /** the starting point in use (after a reload none until it is read back, once its backbone loads) */
  point(): StoredStartingPoint | null;
  putStartingPoint(start: StoredStartingPoint | null): Promise<void>;
}

/** The starting point a Continue makes, told by its model's name and import. */
export type MadePoint = NonNullable<SavedSettingsBack['point']>;

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
  made: MadePoint,
  before: BeforeContinuing,
  added: string[],
  ctx: ContinueUndoContext,
): UndoOffer<SavedSettingsBack> {
  const changes = ctx.modelChanges();
  const now = ctx.settings();
  // the starting point it replaced (another Continue's) is a head's weights, too big for the
  // description: held in storage for a reload until the undo is taken or made final
  const key = before.start && heldKey('start');
  const saved: SavedSettingsBack = {
    kind: 'settings-back',
    what: 'continue',
    label: `Continuing ${made.modelName}`,
    before: before.settings,
    after: Object.fromEntries(SET.map((k) => [k, now[k]])),
    made: currentProject(),
    backboneId: before.backboneId,
    added,
    point: made,
    ...(key && { held: key }),
  };
  return undoing(saved, ctx, {
    start: async () => before.start,
    holding: key && before.start ? holdForUndo(key, before.start) : undefined,
    check() {
      if (ctx.modelChanges() !== changes) throw new NoLongerUndoable('Another model has answered since.');
    },
    // the results hidden by the click come back; picked again, a backbone brings back its own
    done(other) {
      if (!other && before.result && ctx.result() === null) ctx.showResult({ ...before, result: before.result });
    },
  });
}

/**
 * A Continue's undo revived after a reload, from its description: the settings, the classes it added
 * and the starting point before it (none, or another Continue's, read back from where it is held)
 * go back (the model's results a reload shows anyway). Refused, as the settings undos are, once a
 * field it set was changed since or while a run uses them, and for good once another starting
 * point took the place of its own.
 */
export function continuedUndo(saved: SavedSettingsBack, ctx: ContinueUndoContext): UndoOffer<SavedSettingsBack> {
  const { held, point } = saved;
  if (held) nameHeld(held);
  return undoing(saved, ctx, {
    async start() {
      if (!held) return null;
      const start = await loadHeld<StoredStartingPoint>(held);
      if (!start) throw new NoLongerUndoable('it is no longer in this browser’s storage');
      return start;
    },
    check() {
      if (changedSince(saved, ctx.settings())) throw new Error('The settings were changed since.');
      // none in place yet: the reload's own is still being read back (state/restore-trained.ts)
      const now = ctx.point();
      if (point && now && (now.modelName !== point.modelName || now.importId !== point.importId))
        throw new NoLongerUndoable('Another starting point is in place since.');
    },
  });
}

function undoing(
  saved: SavedSettingsBack,
  ctx: ContinueUndoContext,
  also: {
    /** the starting point the undo puts back (none: from scratch) */
    start(): Promise<StoredStartingPoint | null>;
    /** the page that offered it: its hold of that point, for a reload */
    holding?: Promise<unknown>;
    check(): void;
    done?(otherBackbone: boolean): void;
  },
): UndoOffer<SavedSettingsBack> {
  const mine = ++counter;
  offered.push(mine);
  const forgetHeld = saved.held ? forgetHeldAfter(saved.held, also.holding) : async () => undefined;
  const forget = async () => {
    const at = offered.indexOf(mine);
    if (at >= 0) offered.splice(at, 1);
    await forgetHeld();
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
      // read before anything changes: a point no longer held refuses it with nothing half put back
      const start = await also.start();
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
      await forget();
    },
    finalise: forget,
  };
}
