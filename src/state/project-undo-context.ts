import type { ProjectRecord } from '../core/project/record';
import { studioWorker } from '../worker/client';
import type { ProjectState } from './project';
import { sameProject } from './project-generations';
import type { SavedUndo } from './saved-undo';
import { storeContext } from './store-context';
import type { PageTrained } from './trained-stash';
import type { UndoOffer } from './undo';

// What the project's undoable edits (state/project-undo.ts) and its replacement
// (state/project-replace.ts) need of the stores, and the pieces both use.

export type FileOf = (id: string) => File | undefined;

/** What the undoable edits need of the stores (wired by state/coordinator.ts). */
export interface ProjectUndoContext {
  /** the project store as it is now: its classes, lock and edits (putBack for undos) */
  project(): ProjectState;
  offerUndo(offer: UndoOffer<SavedUndo>, ms?: number): string;
  /** the replaced project's training and model leave the page (they were stashed first) */
  clearTrained(): void;
  /** state/persist.ts: the project as a record, a record put back, and the stored model and runs restored */
  currentRecord(): ProjectRecord;
  applyRecord(record: ProjectRecord, fileOf: FileOf): { missing: number };
  restoreTrained(held?: PageTrained): void;
  /** the page's model trained here, its results and runs, for an undo to hold (its export may take a while); null: none */
  pageTrained(): Promise<PageTrained> | null;
  /** stored image files by id, and the undos that were pending when the restored record was saved */
  storedFiles(ids: string[]): Promise<Map<string, File>>;
  loadSavedUndos(): unknown;
  /** a run that just finished is still writing its model (and then forgets its checkpoint) */
  modelKept(): Promise<unknown>;
  /** Continue training reading a model, in words (state/model-in-use.ts continuingNow), or null */
  continuing(): string | null;
  /**
   * A model or settings undo the autosave stored, rebuilt after a reload with the stores it changes
   * (state/saved-model-undo.ts, state/saved-settings-undos.ts)
   */
  revive(saved: Exclude<SavedUndo, { kind: 'remove' | 'move' | 'add' | 'replace' }>): UndoOffer<SavedUndo>;
}

export const projectUndoContext = storeContext<ProjectUndoContext>('project-undo');
export const stores = projectUndoContext.get;
export const clearTrained = () => stores().clearTrained();
export const offerUndo = (offer: UndoOffer<SavedUndo>, ms?: number) => stores().offerUndo(offer, ms);

/**
 * Deleted images leave the worker too: their cached features and blobs would otherwise stay.
 * Called when a deletion becomes final, not when it is made: until then an undo brings the
 * features back with the images.
 */
export function forgetInWorker(ids: string[]) {
  if (ids.length)
    void studioWorker()
      .forget(ids)
      .catch(() => undefined);
}

export { plural } from '../core/data/problems';

/**
 * The project an undo edits, as it is now: refused when another project is on the page, or a run is
 * using this one (`busy`: said in its place of the lock's own words).
 */
export function editableNow(made: number, project: () => ProjectState, busy?: string): ProjectState {
  sameProject(made);
  const now = project();
  if (now.locked) throw new Error(busy ?? now.locked);
  return now;
}
