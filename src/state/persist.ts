import { parseProjectRecord } from '../core/project/record';
import { openDatabase } from '../core/storage/databases';
import { nextSlice } from '../core/frame-slices';
import { STORAGE_PATIENCE_MS, within } from '../core/within';
import { isQuota, QUOTA, type PutOutcome, type StoredImage } from '../core/storage/image-files';
import { readLocal, writeLocal } from '../core/storage/local';
import { newer, takingTurns } from '../core/storage/save-order';
import { withTimeAwayBack } from './time-away';
import { holdsProjectLock, projectLost } from './one-tab';
import { keepRuns } from './model-store';
import { restoreTrained } from './restore-trained';
import { applyRecord, currentRecord, persistContext } from './page-record';
import { askToKeep, dropFeatureRows, everythingFitted } from './persist-storage';
import { refreshUsage, usePersistence } from './persist-status';
import { saveProblems, STORAGE_ANSWERS_LATE, STORAGE_SILENT_AT_START } from './persist-words';
import { FILES_PER_WRITE, META, putRecord, storeFiles, storeHeldOnly } from './persist-undos';

/**
 * The project autosaves to IndexedDB: image blobs once each (keyed by image id) and a small
 * record (classes, settings, backbone) on every change, so a reload or a closed tab restores the
 * page as it was. Quota errors keep what fits and say so; an image whose file storage refuses
 * for another reason (its data could not be read) is named, and the others are still written.
 */

const stores = persistContext.get;

const IMAGES = 'images';

export { usePersistence } from './persist-status';

const open = () => openDatabase('project');

/** the record written as the page went away (see startAutosave), if any */
const pendingRecord = () => readLocal('pendingRecord');

/** what the page says when storage would not open at start (null: it opened) */
let blockedAtStart: string | null = null;
/**
 * The stored project was never read (storage did not answer at start): the autosave must not write
 * this page's project over it, should storage answer later.
 */
let unread = false;

/** How long the start waits for storage (the same patience as New and Open project's). */
export const OPEN_WAIT_MS = STORAGE_PATIENCE_MS;

/** Storage, or a rejection once it has been silent for OPEN_WAIT_MS (the page starts either way). */
function openInTime(): Promise<Awaited<ReturnType<typeof open>>> {
  const opening = open();
  return within(opening, OPEN_WAIT_MS, () => {
    unread = true;
    // answering at last: the stored project is still there, untouched, for a reload to bring back
    void opening.then(
      () => {
        blockedAtStart = STORAGE_ANSWERS_LATE;
        usePersistence.setState({ status: 'error', error: blockedAtStart });
      },
      () => undefined,
    );
    return new Error('silent');
  });
}

/** Restores the last session's project, if any. Never throws: a broken store is reported and skipped. */
export async function restoreProject(): Promise<boolean> {
  usePersistence.setState({ status: 'restoring', restoreNote: null });
  blockedAtStart = null;
  unread = false;
  let raw: unknown = null;
  let d: Awaited<ReturnType<typeof open>>;
  try {
    d = await openInTime();
  } catch (err) {
    if (unread) {
      blockedAtStart = STORAGE_SILENT_AT_START;
      usePersistence.setState({ status: 'error', error: blockedAtStart });
      return false;
    }
    // a private window or blocked site data: nothing was saved, and nothing will be (it claimed a copy was kept)
    blockedAtStart = `This browser does not let the page store anything (a private window, or site data blocked: ${(err as Error).message}). Your work is not saved here: use "Download project (zip)" to keep it.`;
    usePersistence.setState({ status: 'error', error: blockedAtStart });
    return false;
  }
  // the restored record's files, once the page holds it: all a failed restore lets a save count as stored
  let own = new Set<string>();
  try {
    const pending = pendingRecord();
    raw = newer(await d.get(META, 'project'), pending);
    if (!raw) {
      usePersistence.setState({ status: 'idle' });
      // no project yet, but a model imported to try it answers again
      restoreTrained();
      return false;
    }
    const record = parseProjectRecord(raw);
    const files = new Map<string, File>();
    // read whole, two requests: one get per image kept the page blank 2 s at 10,000 (getAll: 0.4 s)
    const wanted = new Set(record.classes.flatMap((c) => c.images.map((im) => im.id)));
    const { store } = d.transaction(IMAGES);
    const [keys, rows] = await Promise.all([store.getAllKeys(), store.getAll()]);
    keys.forEach((k, i) => {
      const file = (rows[i] as StoredImage | undefined)?.file;
      if (wanted.has(String(k)) && file) files.set(String(k), file);
    });
    // Every stored file counts as saved, so the first save deletes those neither the record nor a
    // pending undo names (reviveUndos runs before the autosave starts): a save's deletions cut short
    // by the page going (New project over thousands of images) left files nothing ever named again.
    // Not without the project's lock: another tab on the same storage may have just written them.
    // Nor while a record that could not be read is kept (below), or storage would not say whether
    // one is: its images are among those files.
    const everyFile = holdsProjectLock() && !(await d.get(META, 'project-unreadable').catch(() => 'not known'));
    const { missing } = applyRecord(record, (id) => files.get(id));
    own = new Set(files.keys());
    restoreTrained();
    // storage that would not give the undo list back (an UnknownError, a closing connection) loses
    // the undos, not the project: it is restored, and the files those undos held stay (not known)
    const undos = pending && raw === pending ? readPendingUndo() : await d.get(META, 'undo').catch(() => null);
    undosAtRestore = withTimeAwayBack(undos, readLocal('pageLeftAt'));
    usePersistence.setState({
      status: missing ? 'error' : 'saved',
      error: missing
        ? `${missing} image${missing > 1 ? 's' : ''} of the saved project could not be found in browser storage and ${missing > 1 ? 'were' : 'was'} left out.`
        : null,
      savedImages: files.size,
    });
    // last: a restore that fails before here counts only the record's own files as stored (the catch)
    saved = new Set(everyFile && Array.isArray(undos) ? keys.map(String) : own);
    void refreshUsage();
    return true;
  } catch (err) {
    // no file an undo or the kept copy may hold is deleted, nor those of a record the page never took
    saved = own;
    // the next autosave writes over the record: a copy stays, so what could not be read is not lost
    const copied = raw
      ? await d
          .put(META, raw, 'project-unreadable')
          .then(() => true)
          .catch(() => false)
      : false;
    usePersistence.setState({
      status: 'error',
      error: `The saved project could not be restored: ${(err as Error).message}${copied ? ' (a copy of it is kept in browser storage)' : ''}`,
    });
    return false;
  }
}

/** the undos that were pending when the restored record was saved */
let undosAtRestore: unknown = null;

const readPendingUndo = () => readLocal('pendingUndo');

/** The undos still pending when the last session saved (state/project-undo.ts rebuilds them). */
export const loadSavedUndos = (): unknown => undosAtRestore;

/** Stored image files by id (those a pending undo holds); they count as saved, so the autosave deletes them once no undo needs them. */
export async function storedFiles(ids: string[]): Promise<Map<string, File>> {
  const files = new Map<string, File>();
  try {
    const tx = (await open()).transaction(IMAGES);
    for (const id of ids) {
      const stored = (await tx.store.get(id)) as StoredImage | undefined;
      if (stored?.file) {
        files.set(id, stored.file);
        saved.add(id);
      }
    }
  } catch {
    // storage unavailable: nothing to bring back
  }
  return files;
}

/** image ids known to be in the store */
let saved = new Set<string>();

const describeError = (err: unknown) => {
  const e = err as Error | null;
  return [e?.name, e?.message].filter(Boolean).join(': ') || String(err);
};

/**
 * Stops a save once another tab took the project (state/one-tab.ts), at each step: a save begun
 * before wrote this page's old project over that tab's, and deleted the files its undos need.
 */
function stillHeld(): void {
  if (projectLost()) throw new Error('another tab took the project');
}

async function save() {
  if (unread) throw new Error('the stored project was not read');
  stillHeld();
  const d = await open();
  // in background slices (core/frame-slices.ts): saving a 500-image drop was one 100 ms task at 4×
  await nextSlice();
  stillHeld();
  const record = currentRecord();
  const images = takingTurns(
    stores()
      .classes()
      .map((c) => c.images),
  );
  const current = new Set(images.map((im) => im.id));
  usePersistence.setState({ status: 'saving' });
  let failed = 0;
  /** names of the images whose files storage refused for another reason than space */
  const unstored: { name: string; why: string }[] = [];
  /** false when storage refused it for space */
  const writeRecord = async () => {
    try {
      stillHeld();
      await putRecord(d, record, stores().savedUndos());
      stillHeld();
      // a pending record written (by pagehide) during this write is newer: it stays
      if (newer(record, pendingRecord()) === record) {
        writeLocal('pendingRecord', null);
        writeLocal('pendingUndo', null);
      }
      return true;
    } catch (err) {
      if (!isQuota(err)) throw err;
      return false;
    }
  };
  // the record first: small, and classes and settings matter even when images do not fit (refused, the last that fitted stays)
  let recordStale = !(await writeRecord());
  // a deletion whose undo is pending keeps its blobs: the undo (even after a reload) needs them
  await nextSlice();
  const held = stores().heldImageIds();
  let freed = false;
  for (const id of [...saved]) {
    if (!current.has(id) && !held.has(id)) {
      stillHeld();
      await d.delete(IMAGES, id);
      saved.delete(id);
      freed = true;
    }
  }
  // The record's second try, in the room just made: images deleted to free space left it refused,
  // and nothing tried again (a reload brought back the old names, the deleted images as missing)
  if (recordStale && ((await dropFeatureRows()) || freed)) recordStale = !(await writeRecord());
  let quotaHit = recordStale;
  const unsaved = images.filter((im) => !saved.has(im.id));
  for (let at = 0; at < unsaved.length; at += FILES_PER_WRITE) {
    await nextSlice();
    stillHeld();
    const part = unsaved.slice(at, at + FILES_PER_WRITE);
    let outcomes: PutOutcome[] = quotaHit ? part.map(() => QUOTA) : await storeFiles(part);
    if (!quotaHit && outcomes.includes(QUOTA) && (await dropFeatureRows())) {
      const again = await storeFiles(part.filter((_, k) => outcomes[k] === QUOTA));
      let k = 0;
      // (one outcome for each refused file)
      outcomes = outcomes.map((o) => (o === QUOTA ? (again[k++] as PutOutcome) : o));
    }
    part.forEach((im, k) => {
      if (outcomes[k] === null) saved.add(im.id);
      // a file whose data the browser cannot read (an UnknownError for a File gone from the disk)
      // fails alone: throwing here left every later image unwritten, all of them gone after a reload
      else if (outcomes[k] !== QUOTA) unstored.push({ name: im.file.name, why: outcomes[k] });
    });
    failed += outcomes.filter((o) => o === QUOTA).length;
    quotaHit ||= failed > 0;
  }
  stillHeld();
  if (!quotaHit) await storeHeldOnly(current, () => saved, stillHeld);
  // blobs kept only for a pending undo are not part of the project
  const savedHere = images.filter((im) => saved.has(im.id)).length;
  const problems = saveProblems({ savedHere, failed, recordStale, unstored });
  usePersistence.setState({
    status: problems.length ? 'error' : 'saved',
    error: problems.length ? problems.join(' ') : null,
    savedImages: savedHere,
    full: failed > 0 || recordStale,
  });
  if (!failed && !recordStale) everythingFitted();
  // a project with images is worth keeping: the browser is asked once it is saved (never waited on)
  if (!problems.length && savedHere) askToKeep();
  void refreshUsage();
}

const leaving = () => void writeLocal('pageLeftAt', Date.now());

/** The run history stored for the next visit; when storage refuses it, the page says so (it was only logged). */
export async function keepRunHistory(runs: Parameters<typeof keepRuns>[0]): Promise<void> {
  // the stored project's history stays for the reload that brings the project back (or the tab that took it)
  if (unread || projectLost()) return;
  const why = await keepRuns(runs);
  usePersistence.setState({
    runsNotKept: why ? `The run history is not kept for your next visit (${why}); this page still shows it.` : null,
  });
}

/** the running autosave's "save now and wait" (null before startAutosave and after its unsubscribe) */
let settleNow: (() => Promise<void>) | null = null;

/** Saves what changed and waits for every write: the page is about to hand the project to another tab. */
export const settleSaves = (): Promise<void> => settleNow?.() ?? Promise.resolve();

/** the running autosave's "save now, changed or not" */
let saveAgainNow: (() => Promise<void>) | null = null;

/** Saves now and waits for it: storage was full, and the person freed space (no change of theirs follows to start a save). */
export const saveAgain = (): Promise<void> => saveAgainNow?.() ?? Promise.resolve();

/** the longest a change waits for its save while other changes keep coming */
const SAVE_AT_LEAST_EVERY_MS = 2000;

/** Saves after every change (debounced, at least every SAVE_AT_LEAST_EVERY_MS); returns the unsubscribe function. */
export function startAutosave(delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();
  let inFlight = 0;
  const saveNow = () => {
    timer = null;
    inFlight++;
    running = running
      .then(save)
      .catch((err) => {
        // the page reloads into the notice that the project is open elsewhere: no failure to show
        if (projectLost()) return;
        // storage that would not open at start: its plain words and the way out stay (not an InvalidStateError)
        usePersistence.setState({
          status: 'error',
          error: blockedAtStart ?? `Saving the project failed: ${describeError(err)}`,
          full: false,
        });
      })
      .finally(() => inFlight--);
  };
  /** changed while images were being added: saved once the adding ends */
  let held = false;
  /** when the oldest change not yet being saved was made */
  let pendingSince = 0;
  const schedule = () => {
    const waiting = timer !== null;
    if (timer) clearTimeout(timer);
    timer = null;
    // a drop commits every 64 files: a save per commit made long tasks of its own at 4×
    held = stores().adding();
    if (held) return;
    const now = Date.now();
    if (!waiting) pendingSince = now;
    // a steady stream of changes (the webcam records 10 frames a second while held) pushed the save
    // back until the stream ended: a reload then found the record's new images missing from storage
    timer = setTimeout(saveNow, Math.max(0, Math.min(delayMs, pendingSince + SAVE_AT_LEAST_EVERY_MS - now)));
  };
  // A change made just before a reload or a closed tab: the page is going, and an IndexedDB
  // write started now is aborted with it, so the record (classes, names, settings) goes to
  // localStorage, which writes synchronously; the next visit takes whichever record is newer.
  const flush = () => {
    // the next visit takes the newer record: this page's, never read from storage (or the project
    // another tab took from it), would replace the project
    if (unread || projectLost() || (!timer && !inFlight && !held)) return;
    if (timer) clearTimeout(timer);
    timer = null;
    // full or blocked: the last autosave stands. A record kept without its undos (or beside an earlier
    // leaving's) restored a project whose undos were another state's: it goes, the last autosave stands whole
    if (writeLocal('pendingRecord', currentRecord()) && !writeLocal('pendingUndo', stores().savedUndos())) {
      writeLocal('pendingRecord', null);
      writeLocal('pendingUndo', null);
    }
  };
  settleNow = async () => {
    if (timer || held) {
      if (timer) clearTimeout(timer);
      saveNow();
    }
    await running;
  };
  saveAgainNow = () => {
    if (timer) clearTimeout(timer);
    saveNow();
    return running;
  };
  addEventListener('pagehide', flush);
  addEventListener('pagehide', leaving);
  const unwatch = stores().watch(schedule, (runs) => void keepRunHistory(runs));
  // blobs only an undo that expired while the page was closed still held
  const current = new Set(
    stores()
      .classes()
      .flatMap((c) => c.images.map((i) => i.id)),
  );
  if ([...saved].some((id) => !current.has(id))) schedule();
  void refreshUsage();
  return () => {
    settleNow = null;
    saveAgainNow = null;
    removeEventListener('pagehide', flush);
    removeEventListener('pagehide', leaving);
    unwatch();
  };
}
