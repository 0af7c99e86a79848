import { create } from 'zustand';
import { allBackbones } from '../core/backbones/registry';
import { studioWorker } from '../worker/client';
import type { ImportedInfo, TrainSummary } from '../worker/protocol';
import type { ModelInfo } from './model-in-use';
import {
  forgetImportedModel,
  loadImportedModel,
  keepPreviousModel,
  loadPreviousModel,
  storedModelInfo,
  swapWithPrevious,
  type SavedModel,
} from './model-store';
import { storeContext } from './store-context';
import { measuredOn } from './run-record';
import { waitsForItsBackbone } from './stored-import';

/** The model a run replaced, still in storage: enough to say which it is. */
export interface OtherModel {
  valAccuracy: number;
  validationImages: number;
  savedAt: string;
  classes: string[];
  /** the backbone it was trained on (null in records older than that fact): it runs on no other */
  backboneId: string | null;
  /** the split it was validated on (TrainSummary's; absent: before split version 2) */
  split?: number;
  /** the images its figure was measured on, and which validation images (run-record.ts measuredOn) */
  images?: { train: number; val: number };
  valSet?: string;
}

/** What going back to the other model asks of the other stores (wired by state/coordinator.ts). */
export interface OtherModelContext {
  running(): boolean;
  loadedBackboneId(): string | null;
  selectBackbone(id: string): Promise<void>;
  /** the model now last in storage is the one in use: its results on the page, it answers Try it */
  show(result: TrainSummary, model: ModelInfo): void;
}

export const otherModelContext = storeContext<OtherModelContext>('other-model');

interface OtherModelState {
  other: OtherModel | null;
  swapping: boolean;
  error: string | null;
  /** a switch took the offer off the page (its backbone loaded): the offer takes the focus back once shown again */
  refocus: boolean;
  focusTaken(): void;
  /** another result is on the page: what was offered may not be the model beside it any more */
  resultChanged(): void;
  /** reads what is kept beside the last model (after a run's save, a reload, a project replaced) */
  refresh(): Promise<void>;
  /** the kept model and the one in use change places (again, to go forward) */
  switchToOther(): Promise<void>;
}

/**
 * The model before the last one. A run replaced the model in use, its results and its stored
 * copy with no way back, even when it did worse; the worker now keeps the one it replaced
 * (core/storage/model-writer.ts), and this offers it back, as Create ML keeps each model source.
 */
export const useOtherModel = create<OtherModelState>((set, get) => ({
  other: null,
  swapping: false,
  error: null,
  refocus: false,
  focusTaken: () => set({ refocus: false }),

  // (a switch to the other model keeps its offer, and so the focus on its button, until it reads the new one)
  resultChanged: () => set((s) => (s.swapping ? {} : { other: null, error: null })),

  async refresh() {
    try {
      const kept = await loadPreviousModel();
      set({
        other: kept
          ? {
              valAccuracy: kept.result.valAccuracy,
              validationImages: kept.result.images.val,
              savedAt: kept.savedAt,
              classes: kept.result.classes,
              backboneId: kept.backboneId ?? null,
              split: kept.result.split,
              ...measuredOn(kept.result),
            }
          : null,
      });
    } catch {
      set({ other: null });
    }
  },

  async switchToOther() {
    const ctx = otherModelContext.get();
    if (get().swapping || ctx.running()) return;
    set({ swapping: true, error: null });
    try {
      const kept = await loadPreviousModel();
      if (!kept) throw new Error('it is no longer in this browser’s storage');
      // its head was trained on that backbone's features (a head-only model does not even load
      // without it): that backbone comes first (another backbone's results leave the page meanwhile)
      const backbone = kept.backboneId;
      if (backbone && backbone !== ctx.loadedBackboneId()) {
        if (!allBackbones().some((b) => b.id === backbone))
          throw new Error('the backbone it was trained on is no longer listed in this browser');
        set({ refocus: true });
        await ctx.selectBackbone(backbone);
        if (ctx.loadedBackboneId() !== backbone) throw new Error('the backbone it was trained on could not be loaded');
      }
      // an imported model answering now leaves storage with the switch: read first, to be offered
      // back. A head-only one waiting for another backbone stays (picking that backbone brings it back)
      const stored = await loadImportedModel();
      const left = stored && !waitsForItsBackbone(stored, ctx.loadedBackboneId()) ? stored : undefined;
      // storage first, in one transaction: refused (a full disk), nothing changed, and the worker
      // still answers with the model the page shows (swapped after the worker's import, the page kept
      // this model's name and results while Try it and the downloads answered with the other)
      if (!(await swapWithPrevious())) throw new Error('it is no longer in this browser’s storage');
      let info: ImportedInfo;
      try {
        info = await studioWorker().importModel(kept.zip);
      } catch (err) {
        // the model in use stays: so does its place in storage
        await swapWithPrevious().catch((e: Error) =>
          console.warn(`The model in use was not put back in storage: ${e.message}`),
        );
        throw err;
      }
      // the model in use is a trained one again: a reload brings it back, not one imported before
      if (left)
        await forgetImportedModel().catch((err: Error) =>
          console.warn(`The imported model was not forgotten: ${err.message}`),
        );
      ctx.show(kept.result, storedModelInfo(kept, info, left));
      // the offer then reads the model now beside it, once (state/coordinator.ts: on the result's change)
      set({ swapping: false });
    } catch (err) {
      set({ swapping: false, refocus: false, error: `The other model could not be used: ${(err as Error).message}` });
      // it may have gone from storage meanwhile
      await get().refresh();
    }
  },
}));

/**
 * The model before the last one an opened project zip carried: kept at once, as the last one is (an
 * undo of the open stashes what is stored, so nothing may land after it), and offered once the last
 * one is in place, as after a reload. Not kept (storage full), it is not offered: the reason is logged.
 */
export async function adoptProjectPrevious(saved: SavedModel, lastInPlace: Promise<unknown>): Promise<void> {
  await keepPreviousModel(saved);
  await lastInPlace.catch(() => undefined);
  await useOtherModel.getState().refresh();
}
