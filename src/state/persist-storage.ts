import { studioWorker } from '../worker/client';

/**
 * What the autosave asks of the browser's storage beyond its own writes. Unless the site's data is
 * persistent, a browser may clear it when the disk runs low (Chrome, Firefox), after seven days
 * without a visit (Safari), or as a private window closes: the page asks once for it to be kept,
 * and says so while it is not.
 */

type StorageManagerish = Partial<Pick<StorageManager, 'estimate' | 'persist' | 'persisted'>>;
const storage = (): StorageManagerish | undefined =>
  (globalThis as { navigator?: { storage?: StorageManagerish } }).navigator?.storage;

/** How much the origin uses of its quota (null: the browser does not say). */
export async function storageUse(): Promise<{ used: number; quota: number } | null> {
  const est = await Promise.resolve(storage()?.estimate?.()).catch(() => undefined);
  return est?.quota ? { used: est.usage ?? 0, quota: est.quota } : null;
}

let asking: Promise<unknown> | null = null;

/**
 * Asks the browser, once per page, to keep the site's data. Chromium answers silently (from how
 * the site is used); Firefox may ask the person, so nothing waits for the answer.
 */
export function askToKeep(): void {
  asking ??= (async () => {
    const s = storage();
    if (!(await s?.persisted?.())) await s?.persist?.();
  })().catch(() => undefined);
}

/** Whether the browser keeps the site's data when space runs low (null: it cannot say); after the ask, if one is out. */
export async function isKept(): Promise<boolean | null> {
  await asking;
  try {
    return (await storage()?.persisted?.()) ?? null;
  } catch {
    return null;
  }
}

/** the feature rows were dropped since the last save that fitted everything: dropping them again frees nothing */
let featuresDropped = false;

/**
 * Drops the worker's stored feature rows (up to 64 MB of the same quota; training extracts them
 * again) so the person's images fit, and keeps it from storing more until everything fits. Once
 * per spell of full storage; true when it was done. Only the stored rows: the features in the
 * worker's memory stay (clearing them mid-run failed the run).
 */
export async function dropFeatureRows(): Promise<boolean> {
  if (featuresDropped) return false;
  featuresDropped = true;
  try {
    await studioWorker().storeFeatures(false);
    return true;
  } catch {
    return false;
  }
}

/** Everything fitted: the worker may store rows again, and should storage fill up again they may go again. */
export const everythingFitted = (): void => {
  if (!featuresDropped) return;
  featuresDropped = false;
  void studioWorker()
    .storeFeatures(true)
    .catch(() => undefined);
};
