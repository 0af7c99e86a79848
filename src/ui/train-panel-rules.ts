/** The Train step's decisions besides what holds Train (train-blockers.ts), kept pure so they can be tested in Node. */

/** The id of Find learning rate (LrFinder.tsx), where the focus goes when Train cannot take it. */
export const FINDER_BUTTON_ID = 'lr-find';

/** Train's words while the learning-rate finder holds it (the finder trains on the same worker). */
export const FINDING_HINT = 'The learning-rate finder is running: Stop it or wait for its curve.';

/**
 * What an empty chart says. Only a run under way waits: a run stopped or failed before its first
 * epoch left the charts up (its batches are charted) and kept "Waiting for the first epoch…" forever.
 */
export function chartWaiting(what: 'epoch' | 'batch', running: boolean): string {
  if (running) return `Waiting for the first ${what}…`;
  return what === 'epoch' ? 'No epoch finished in this run.' : 'No batches were recorded for this run.';
}

export type FocusTarget = 'train' | 'stop' | 'finder' | 'blockers';

/**
 * Where the focus goes from the button a run or a sweep has just disabled (Train as one starts, Stop
 * as it ends), rather than drop to the page. Train disabled at the end (the settings or the data
 * hold it) sends it to Find learning rate, else to the list of what holds Train.
 */
export function focusAfter(
  active: boolean,
  enabled: { train: boolean; stop: boolean; finder: boolean },
): FocusTarget | null {
  if (active) return enabled.stop ? 'stop' : null;
  if (enabled.train) return 'train';
  return enabled.finder ? 'finder' : 'blockers';
}

/**
 * The ids of what says why Train is disabled: the finder's hint and the list of what holds it. A
 * run says itself in the status line and Stop.
 */
export function trainDescribedBy(s: { running: boolean; finding: boolean; blocked: boolean }): string | undefined {
  if (s.running) return undefined;
  const ids = [s.finding && 'train-finding', s.blocked && 'train-blocked'].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/**
 * The training settings while something uses them: a run and a sweep both lock them, only a run
 * folds them away (for its charts); a sweep folded them and opened them again moments later.
 */
export const settingsLock = (running: boolean, finding: boolean) => ({ disabled: running || finding, fold: running });
