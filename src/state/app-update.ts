import { create } from 'zustand';
import { leaveOnPurpose } from './leave-guard';
import { storeContext } from './store-context';

/**
 * A new version of the studio, installed by the service worker while this page runs. It waits
 * (the open page keeps loading its own version's chunks, wasm and workers from the cache) until
 * the person reloads from the banner: an update that activated by itself would take those files
 * from under the page, and one left waiting reached nobody who keeps the tab or the app open.
 */
export interface AppUpdateContext {
  /** a run is under way: the reload waits for its end (a reload mid-run leaves an interrupted run) */
  running(): boolean;
  /** the writes in progress (the autosave, the last run's model) end first */
  settleWrites(): Promise<void>;
  /** why a reload now would lose work (images still being added, a project zip being written, the autosave failing), or null */
  unsaved(): string | null;
}

export const appUpdateContext = storeContext<AppUpdateContext>('app-update');

interface AppUpdateState {
  /** a new version waits */
  ready: boolean;
  /** the page is saving, then reloading into it */
  reloading: boolean;
  /** why the reload waits */
  waiting: string | null;
  /** it waits for work a reload could lose: the person may reload anyway */
  risky: boolean;
}

export const useAppUpdate = create<AppUpdateState>(() => ({
  ready: false,
  reloading: false,
  waiting: null,
  risky: false,
}));

let activate: ((reload: boolean) => Promise<void>) | null = null;

/** The service worker installed a new version; `update` activates it and reloads the page. */
export function updateReady(update: (reload: boolean) => Promise<void>): void {
  activate = update;
  useAppUpdate.setState({ ready: true });
}

/**
 * The person asked for the new version: once no run is going and the project is saved, the page
 * reloads into it. `anyway`: they were told what a reload now could lose, and chose to.
 */
export async function reloadIntoUpdate(anyway = false): Promise<void> {
  const ctx = appUpdateContext.get();
  if (!activate) return;
  if (ctx.running()) {
    useAppUpdate.setState({ waiting: 'A run is under way: update once it has ended (or Stop it).', risky: false });
    return;
  }
  useAppUpdate.setState({ reloading: true, waiting: null, risky: false });
  try {
    await ctx.settleWrites();
    const unsaved = anyway ? null : ctx.unsaved();
    if (unsaved) {
      useAppUpdate.setState({ reloading: false, waiting: `${unsaved}.`, risky: true });
      return;
    }
    leaveOnPurpose();
    await activate(true);
  } catch (err) {
    leaveOnPurpose(false);
    useAppUpdate.setState({ reloading: false, waiting: `The update could not start: ${(err as Error).message}` });
  }
}
