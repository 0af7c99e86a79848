/**
 * Every localStorage key the studio uses, and the only code that touches localStorage. Values are
 * JSON; reading never throws (absent, unparsable or blocked storage reads as null), and a write
 * says whether it was kept (storage full or blocked: false).
 */
export const LOCAL_KEYS = {
  /** the project record written as the page went away (state/persist.ts) */
  pendingRecord: 'transfer-studio-pending-record',
  /** the pending undos written with it */
  pendingUndo: 'transfer-studio-pending-undo',
  /** when the page last went away: a reload gives a pending undo its time away back */
  pageLeftAt: 'transfer-studio-page-left-at',
  /** the last calibration's plan per job (state/backend-plan.ts) */
  backendPlan: 'transfer-studio-backend-plan',
  /** the user's backend pick */
  backendChoice: 'transfer-studio-backend-choice',
  /** the camera last started by choice on this device (state/webcam.ts) */
  camera: 'transfer-studio-camera',
  /** whether the live view is mirrored on this device, per facing: {front, back} (state/webcam-mirror.ts) */
  mirror: 'transfer-studio-mirror',
  /** the class the webcam records into, for the next visit (state/webcam.ts) */
  captureClass: 'transfer-studio-capture-class',
  /** a timed recording's countdown and length in seconds, {delay, duration} (state/webcam.ts) */
  timedCapture: 'transfer-studio-timed-capture',
  /** specs of the backbones people brought (state/custom-backbone.ts) */
  customBackbones: 'transfer-studio-custom-backbones',
  /** which project the page holds, by number, so a deletion's undo goes only into its own (state/project-undo.ts) */
  projectGeneration: 'transfer-studio-project-generation',
  /** "Larger charts" in the Train step, a preference of this device (state/chart-size.ts) */
  largerCharts: 'transfer-studio-larger-charts',
} as const;

export type LocalKey = keyof typeof LOCAL_KEYS;

export function readLocal(key: LocalKey): unknown {
  try {
    return JSON.parse(localStorage.getItem(LOCAL_KEYS[key]) ?? 'null');
  } catch {
    return null;
  }
}

/** Writes (or, for null, removes) a value; false when storage refused it. */
export function writeLocal(key: LocalKey, value: unknown): boolean {
  try {
    if (value === null || value === undefined) localStorage.removeItem(LOCAL_KEYS[key]);
    else localStorage.setItem(LOCAL_KEYS[key], JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
