import type { TrainSettings } from '../core/train/settings';
import type { TrainSummary } from '../worker/protocol';
import type { StoredStartingPoint } from './model-store';
import type { UndoOffer } from './undo';
import { NoLongerUndoable } from './undo-errors';

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
  updateSettings(settings: BeforeContinuing['settings']): void;
  result(): TrainSummary | null;
  showResult(before: BeforeContinuing & { result: TrainSummary }): void;
  putStartingPoint(start: StoredStartingPoint | null): Promise<void>;
}

/** continues offered back, newest last: only the newest can be undone (each undo makes the one before it the newest) */
const offered: number[] = [];
let counter = 0;

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
): UndoOffer<{ kind: 'continue' }> {
  const mine = ++counter;
  offered.push(mine);
  const changes = ctx.modelChanges();
  const forget = () => {
    const at = offered.indexOf(mine);
    if (at >= 0) offered.splice(at, 1);
  };
  return {
    label: `Continuing ${modelName}`,
    // not rebuilt after a reload: the starting point is stored, and "Start from scratch instead" stays
    saved: { kind: 'continue' },
    heldImages: [],
    async undo() {
      if (ctx.running()) throw new Error('A run is using these settings: undo when it has ended.');
      if (ctx.modelChanges() !== changes) throw new NoLongerUndoable('Another model has answered since.');
      if (offered.at(-1) !== mine) throw new Error('A later Continue training came after it: undo that one first.');
      const backbone = before.backboneId;
      const other = backbone !== null && ctx.loadedBackboneId() !== backbone;
      // the backbone first: loading another one resets the freeze choices the settings then restore
      if (other) {
        await ctx.selectBackbone(backbone);
        if (ctx.loadedBackboneId() !== backbone) throw new Error('The backbone in use before could not be loaded.');
      }
      await ctx.putStartingPoint(before.start);
      for (const c of ctx.classes()) if (added.includes(c.id) && c.images.length === 0) ctx.removeClass(c.id);
      ctx.updateSettings(before.settings);
      // the results hidden by the click come back; picked again, a backbone brings back its own
      if (!other && before.result && ctx.result() === null) ctx.showResult({ ...before, result: before.result });
      forget();
    },
    finalise: forget,
  };
}
