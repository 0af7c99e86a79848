import { storeContext } from './store-context';
import type { TrainingState } from './training-types';

/**
 * The browser asks before a close or reload that would lose work. A reload within ~0.4 s of
 * "Training finished" (1000 images: the export is built and written after the words) lost the
 * finished model, and the next visit offered the run's last checkpoint, often "after epoch 1 of N";
 * a model storage refused lives in the worker only, and images still coming in are read from the
 * dropped files. Not asked during a run: a reload then leaves a checkpoint the next visit resumes.
 */
export interface LeaveGuardContext {
  /** why leaving now would lose work other than a model being written (images still coming in, the autosave failing), or null */
  unsaved(): string | null;
}

export const leaveGuardContext = storeContext<LeaveGuardContext>('leave-guard');

/** a model only the worker holds: storage refused it, and the worker drops it with the page (or the backbone it was built on) */
export const unkept = (s: Pick<TrainingState, 'result' | 'notKept' | 'resultStored'>) =>
  s.result !== null && s.notKept !== null && !s.resultStored;

/** the results' model zip was downloaded (Export) */
export const zipDownloaded = (s: Pick<TrainingState, 'result' | 'downloaded'>) =>
  s.result !== null && s.downloaded === s.result;

/** a model only the worker holds whose zip was not downloaded either: closing the page loses it for good */
export const lostOnLeave = (s: Pick<TrainingState, 'result' | 'notKept' | 'resultStored' | 'downloaded'>) =>
  unkept(s) && !zipDownloaded(s);

export const UNKEPT_ON_LEAVE =
  'The trained model is not kept in this browser’s storage: download it first (Export, in the Deploy step) to keep it';
export const MODEL_WRITING = 'The trained model is still being written to this browser’s storage';

let writing: Promise<unknown> | null = null;
let onPurpose = false;

/** a finished run's model on its way to storage (useTraining's modelKept): leaving waits for it */
export function modelWriting(kept: Promise<unknown>): void {
  writing = kept;
  const done = () => {
    if (writing === kept) writing = null;
  };
  void kept.then(done, done);
}

/** why closing or reloading the page now would lose work, or null */
export function leavingLoses(): string | null {
  return writing ? MODEL_WRITING : (leaveGuardContext.peek()?.unsaved() ?? null);
}

/**
 * The page reloads itself (another tab took the project, the person chose an update): nothing to
 * ask. `false`: that reload did not happen (the update could not start), so leaving asks again.
 */
export function leaveOnPurpose(on = true): void {
  onPurpose = on;
}

type Events = Pick<Window, 'addEventListener' | 'removeEventListener'>;

/** asks before leaving while leavingLoses() says why; returns the way to stop asking */
export function guardLeaving(target: Events = window): () => void {
  const ask = (e: BeforeUnloadEvent) => {
    if (onPurpose || !leavingLoses()) return;
    // the browser says its own words ("Leave site? Changes you made may not be saved."); both are needed across browsers
    e.preventDefault();
    e.returnValue = '';
  };
  target.addEventListener('beforeunload', ask);
  return () => target.removeEventListener('beforeunload', ask);
}
