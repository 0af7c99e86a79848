import { create } from 'zustand';
import { isKept, storageUse } from './persist-storage';

/** What the page shows of the autosave (state/persist.ts): its state, its words, the storage it uses. */
export interface PersistState {
  status: 'idle' | 'restoring' | 'saving' | 'saved' | 'error';
  error: string | null;
  savedImages: number;
  usage: { used: number; quota: number } | null;
  /** why the run history could not be stored (the page still charts it): said beside the autosave's own line */
  runsNotKept: string | null;
  /** the last save was refused for space (the bar offers to try again once space is freed) */
  full: boolean;
  /** whether the browser keeps the project when space runs low (null: it cannot say) */
  kept: boolean | null;
  /**
   * What a restore or an opened project could not bring back (its model, its run history): a line of
   * its own, as the autosave's line is rewritten by the next save (the message went within a second)
   */
  restoreNote: string | null;
}

export const usePersistence = create<PersistState>(() => ({
  status: 'idle',
  error: null,
  savedImages: 0,
  usage: null,
  runsNotKept: null,
  full: false,
  kept: null,
  restoreNote: null,
}));

/** the storage used and whether the browser keeps it, as the bar shows them */
export async function refreshUsage() {
  const usage = await storageUse();
  if (usage) usePersistence.setState({ usage });
  usePersistence.setState({ kept: await isKept() });
}
