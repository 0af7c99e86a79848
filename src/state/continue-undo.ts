import type { TrainSettings } from '../core/train/settings';
import type { TrainSummary } from '../worker/protocol';
import type { UndoOffer } from './undo';

/** What "Continue training this model" changes, as it was before the click. */
export interface BeforeContinuing {
  settings: TrainSettings;
  result: TrainSummary | null;
  backboneId: string | null;
  classIds: Set<string>;
}

/** What the undo needs of the stores (state/coordinator.ts hands it over). */
export interface ContinueUndoContext {
  running(): boolean;
  classes(): readonly { id: string; images: readonly unknown[] }[];
  removeClass(id: string): void;
  loadedBackboneId(): string | null;
  selectBackbone(id: string): Promise<void>;
  replaceSettings(settings: TrainSettings): void;
  result(): TrainSummary | null;
  showResult(result: TrainSummary): void;
  startFromScratch(): void;
}

/**
 * Continuing an imported model overwrites the head's size and the freeze choices, hides the
 * results on the page, adds the model's classes and may load its backbone: the undo puts each
 * back, except what the person has built on since (a class they added images to, a new run's results).
 */
export function continueUndo(
  modelName: string,
  before: BeforeContinuing,
  ctx: ContinueUndoContext,
): UndoOffer<{ kind: 'continue' }> {
  return {
    label: `Continuing ${modelName}`,
    // not rebuilt after a reload: the starting point is stored, and "Start from scratch instead" stays
    saved: { kind: 'continue' },
    heldImages: [],
    async undo() {
      if (ctx.running()) throw new Error('A run is using these settings: undo when it has ended.');
      ctx.startFromScratch();
      for (const c of ctx.classes()) if (!before.classIds.has(c.id) && c.images.length === 0) ctx.removeClass(c.id);
      // the backbone first: loading another one resets the freeze choices the settings then restore
      const backbone = before.backboneId;
      const other = backbone !== null && ctx.loadedBackboneId() !== backbone;
      if (other) await ctx.selectBackbone(backbone);
      ctx.replaceSettings(before.settings);
      // the results hidden by the click come back; picked again, a backbone brings back its own
      if (!other && before.result && ctx.result() === null) ctx.showResult(before.result);
    },
    finalise: () => undefined,
  };
}
