import { STORAGE_SILENT } from '../core/storage/model-writer';
import type { InterruptedRun } from '../core/train/interrupted';
import {
  loadRuns,
  open,
  slot,
  storageOpens,
  STORE,
  trainedSlots,
  type SavedModel,
  type StoredImport,
  type StoredStartingPoint,
} from './model-store';
import type { RunRecord } from './run-record';
import { HELD_PREFIX, namedHeldKeys } from './saved-model-undo';

/**
 * A project replacement's undo keeps the replaced project's trained model, run history and the rest
 * a reload restores aside in model storage under a stash key (state/project-replace.ts names it),
 * and puts them back if the undo runs.
 */
const { last, previous, interrupted, runs, startingPoint, imported } = trainedSlots;

/** What a project replacement takes from model storage, kept aside while its undo is pending (state/project-undo.ts). */
export interface TrainedStash {
  model?: SavedModel;
  previous?: SavedModel;
  runs: RunRecord[];
  interrupted?: InterruptedRun;
  start?: StoredStartingPoint;
  imported?: StoredImport;
}

/**
 * The page's own trained model, its results and run history, held in memory by a replacement's undo
 * where storage could not: it did not answer, refused the stash, or never kept the page's model (the
 * stash then held an older one, which the undo brought back without a word).
 */
export interface PageTrained {
  saved: SavedModel;
  runs: RunRecord[];
}

/** What a reload would restore leaves storage: the stash has it (state/project-undo.ts). */
export async function forgetTrained(): Promise<void> {
  if ((await storageOpens()) !== 'open') return;
  await Promise.all([
    last.forget(),
    previous.forget(),
    interrupted.forget(),
    runs.forget(),
    startingPoint.forget(),
    imported.forget(),
  ]);
}

/** What a stash could not keep for the undo (or null), and whether there was a model (`trainedModel`: a trained one, not only an import). */
export interface Stashed {
  notKept: string | null;
  hadModel: boolean;
  trainedModel?: boolean;
}

/** a stash storage did not answer for: it may hold a model, so the undo (and its warning) is offered */
export const SILENT_STASH: Stashed = {
  notKept: `what it trained may not come back: ${STORAGE_SILENT}`,
  hadModel: true,
};

/**
 * Copies what a reload would restore aside under `key` for a replacement's undo; resolves to what of
 * it could not be kept for the undo and why (storage full), or null, and whether there was a model.
 * The originals stay until forgetTrained, once the replacement goes ahead (left in place, the next
 * project would restore the replaced one's model); refused before that, it loses nothing.
 */

export async function stashTrained(key: string): Promise<Stashed> {
  const storage = await storageOpens();
  // the page's model may be in it: the undo cannot promise it
  if (storage !== 'open') return storage === 'silent' ? SILENT_STASH : { notKept: null, hadModel: false };
  const stash: TrainedStash = {
    model: await last.load(),
    previous: await previous.load(),
    runs: await loadRuns(),
    interrupted: await interrupted.load(),
    start: await startingPoint.load(),
    imported: await imported.load(),
  };
  const aside = slot<TrainedStash>(key, "The replaced project's model");
  let notKept = await aside.keep(stash);
  // short of room: the model in use matters more than the one before it
  if (notKept && stash.previous) notKept = await aside.keep({ ...stash, previous: undefined });
  const hadModel = !!(stash.model || stash.imported);
  // each part the undo cannot bring back is said (the run history and the rest went unsaid)
  const held = [
    hadModel && 'its trained model',
    stash.runs.length > 0 && 'its run history',
    stash.interrupted && 'its interrupted run',
    stash.start && 'its starting point',
  ].filter((part): part is string => !!part);
  return {
    notKept: notKept && held.length ? `${held.join(', ')} could not be kept for the undo: ${notKept}` : null,
    hadModel,
    // an undo that cannot give back the page's own model brings back this one: its toast says which
    trainedModel: !!stash.model,
  };
}

/** One part of a stash, put back into the slot a reload reads it from. */
interface StashPart {
  field: keyof TrainedStash;
  /** what the page calls it when storage refuses it */
  what: string;
  keep(stash: TrainedStash): Promise<string | null>;
}

// the model in use first, the model before it last: with room for some, the ones that matter most go back
const PARTS: StashPart[] = [
  { field: 'model', what: 'its trained model', keep: (s) => last.keep(s.model!) },
  { field: 'imported', what: 'its imported model', keep: (s) => imported.keep(s.imported!) },
  { field: 'start', what: 'its starting point', keep: (s) => startingPoint.keep(s.start!) },
  { field: 'runs', what: 'its run history', keep: (s) => runs.keep(s.runs) },
  { field: 'interrupted', what: 'its interrupted run', keep: (s) => interrupted.keep(s.interrupted!) },
  { field: 'previous', what: 'the model before it', keep: (s) => previous.keep(s.previous!) },
];

/**
 * Puts a stash back into the slots a reload restores from. Resolves to what storage had no room to
 * put back (with why), or null; nothing to put back is null. Each part is copied out before the
 * stash lets go of it, so a full disk never loses both copies: the parts storage refused stay in
 * the stash under `key` (forgotten once nothing is left in it, or by forgetOrphanStashes at the next start-up).
 */
export async function unstashTrained(key: string): Promise<string | null> {
  if ((await storageOpens()) !== 'open') return null;
  const aside = slot<TrainedStash>(key, "The replaced project's model");
  const stash = await aside.load();
  await forgetTrained();
  if (!stash) return null;
  const putBack = async (parts: StashPart[]) => {
    const refused: { part: StashPart; why: string }[] = [];
    for (const part of parts) {
      const why = await part.keep(stash);
      if (why) refused.push({ part, why });
    }
    return refused;
  };
  const held = PARTS.filter((p) => (p.field === 'runs' ? stash.runs.length > 0 : stash[p.field] !== undefined));
  let left = await putBack(held);
  let placed = held.length - left.length;
  while (left.length && placed > 0) {
    // the copies that went back leave the stash: the room they took may take the rest
    const rest: TrainedStash = { runs: [] };
    for (const { part } of left) Object.assign(rest, { [part.field]: stash[part.field] });
    if (await aside.keep(rest)) break;
    const before = left.length;
    left = await putBack(left.map((l) => l.part));
    placed = before - left.length;
  }
  if (left.length) return left.map(({ part, why }) => `${part.what} (${why})`).join(', ');
  await aside.forget();
  return null;
}

export async function forgetStash(key: string): Promise<void> {
  if ((await storageOpens()) === 'open') await slot(key, '').forget();
}

/** what every stash key starts with (state/project-replace.ts names them) */
export const STASH_PREFIX = 'stash-';

/**
 * Forgets every stash but those in `keep`. A stash whose undo ran with part of it refused for room
 * stayed in storage for good (nothing reads a stash once its undo has run), holding model zips in
 * the space the page tells the user to free.
 */
export async function forgetOrphanStashes(keep: ReadonlySet<string>): Promise<void> {
  if ((await storageOpens()) !== 'open') return;
  const db = await open();
  const keys = await db.getAllKeys(STORE, IDBKeyRange.bound(STASH_PREFIX, `${STASH_PREFIX}\uffff`));
  // what a model undo held for a reload whose undo the autosave never stored (the page went first)
  const held = await db.getAllKeys(STORE, IDBKeyRange.bound(HELD_PREFIX, `${HELD_PREFIX}\uffff`));
  const named = namedHeldKeys();
  await Promise.all(
    [...keys.map(String).filter((k) => !keep.has(k)), ...held.map(String).filter((k) => !named.has(k))].map((k) =>
      db.delete(STORE, k),
    ),
  );
}
