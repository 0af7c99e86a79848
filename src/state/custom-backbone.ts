import * as Comlink from 'comlink';
import { create } from 'zustand';
import type { BackboneInspection, CustomChoice } from '../core/backbones/custom';
import type { CarriedBackbone } from '../core/project/carried';
import {
  type BackboneSpec,
  CUSTOM_ID_PREFIX,
  DEFAULT_BACKBONE_ID,
  findBackboneSpec,
  registerBackbone,
  unregisterBackbone,
} from '../core/backbones/registry';
import { readLocal, writeLocal } from '../core/storage/local';
import { loadImportedModel, loadPreviousModel, loadSavedModel, loadStartingPoint } from './model-store';
import { proxy, studioWorker } from '../worker/client';
import type { BackboneInfo } from '../worker/protocol';
import { storeContext } from './store-context';
import type { UndoOffer } from './undo';
import { parseSavedBackbone, UNDO_MS, type SavedBackboneUndo } from './saved-undo';
import { withTimeAwayBack } from './time-away';

/**
 * Backbones people bring: the files are inspected in the worker, the person picks the feature
 * layer and pixel range, and the resulting spec is remembered (localStorage: a few hundred bytes;
 * the weights live in the worker's offline cache) so the next visit lists it and loads it again.
 */
/** What bringing a backbone needs of the backbone store (wired by state/coordinator.ts). */
export interface CustomBackboneContext {
  selected(): string;
  select(id: string): Promise<void>;
  /** the list of backbones changed: re-render it */
  listChanged(): void;
  /** loads through the backbone store (its progress, failure and lock handling) */
  loadWith(task: (onProgress: (f: number, d: string) => void) => Promise<BackboneInfo>): Promise<void>;
  markSelected(id: string): void;
  loaded(): { id: string } | null;
  error(): string | null;
  /** why the backbone cannot change now (a run is built on it), or null */
  locked(): string | null;
  /** a removed backbone is offered back for a while (state/undo.ts); `ms`: the time left, after a reload */
  offerUndo(offer: UndoOffer<SavedBackboneUndo>, ms?: number): void;
}

export const customBackboneContext = storeContext<CustomBackboneContext>('custom-backbone');

/** a revived undo's least time, as state/project-undo.ts reviveUndos gives the project's */
const REVIVED_AT_LEAST_MS = 8_000;

/** an entry of the stored list: one removed whose undo is still pending carries that removal */
type StoredSpec = BackboneSpec & { removing?: unknown };

function storedList(): StoredSpec[] {
  const list = readLocal('customBackbones') as StoredSpec[] | null;
  return Array.isArray(list) ? list.filter((s) => typeof s?.id === 'string' && s.id.startsWith(CUSTOM_ID_PREFIX)) : [];
}

const specOf = ({ removing: _, ...spec }: StoredSpec): BackboneSpec => spec;

const removalOf = (entry: StoredSpec): SavedBackboneUndo | null => {
  const removal = parseSavedBackbone(entry.removing);
  return removal?.id === entry.id ? removal : null;
};

/** The stored list's specs, those whose removal's undo is pending too. */
export function savedSpecs(): BackboneSpec[] {
  return storedList().map(specOf);
}

/**
 * Before the first render and the restore: a project saved with a brought backbone finds it again.
 * Weights of brought backbones no longer listed leave the cache (a removal whose undo a reload
 * dropped left them there, unlisted: nothing could load or remove them any more). A removal whose
 * undo was pending is offered again, the backbone unlisted meanwhile as right after Remove, or,
 * its time run out while the page was away, made final.
 */
export function registerSavedBackbones(): void {
  const now = Date.now();
  const entries = storedList();
  // a reload gives pending undos their time away back, as the project's (state/time-away.ts)
  const removals = withTimeAwayBack(
    entries.map(removalOf).filter((r) => r !== null),
    readLocal('pageLeftAt'),
    now,
  ) as SavedBackboneUndo[];
  const pending = new Map(removals.filter((r) => r.expiresAt > now).map((r) => [r.id, r]));
  const ended = new Set(removals.filter((r) => r.expiresAt <= now).map((r) => r.id));
  const specs = entries.filter((e) => !ended.has(e.id)).map(specOf);
  specs.filter((s) => !pending.has(s.id)).forEach(registerBackbone);
  const worker = studioWorker();
  // the pending ones too: their undo selects them again
  if (specs.length) void worker.registerBackbones(specs);
  // pending ones are listed here: their weights stay until their undo is decided
  void worker.forgetUnlistedBackbones(specs.map((s) => s.id)).catch(() => undefined);
  for (const entry of entries) {
    const removal = removals.find((r) => r.id === entry.id);
    if (!removal) continue;
    const offer = removalOffer(specOf(entry), removal);
    if (pending.has(entry.id))
      customBackboneContext.get().offerUndo(offer, Math.max(removal.expiresAt - now, REVIVED_AT_LEAST_MS));
    else void Promise.resolve(offer.finalise()).catch(() => undefined);
  }
}

// storage full or blocked (false): the list holds for this visit
const writeSpecs = (specs: StoredSpec[]): boolean => writeLocal('customBackbones', specs);

export function rememberBackbone(spec: BackboneSpec): void {
  // listed again: a removal it carried is undone
  const kept = writeSpecs([...storedList().filter((s) => s.id !== spec.id), specOf(spec)]);
  // unlisted, its cached weights are removed at the next start: said now, while its files may be at hand
  useCustomBackbone.setState((s) => {
    const others = s.notListed.filter((n) => n.id !== spec.id);
    return { notListed: kept ? others : [...others, { id: spec.id, name: spec.name }] };
  });
}

const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const joinWords = (words: string[]) =>
  words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words.join('');

/** What is kept in this browser that runs only on backbone `id` (storage that cannot be read counts as none). */
async function madeOn(id: string): Promise<string[]> {
  const quiet = <T>(p: Promise<T>) => p.catch(() => undefined);
  const [last, previous, start, imported] = await Promise.all([
    quiet(loadSavedModel()),
    quiet(loadPreviousModel()),
    quiet(loadStartingPoint()),
    quiet(loadImportedModel()),
  ]);
  return [
    last?.backboneId === id && 'the trained model',
    previous?.backboneId === id && 'the previous trained model',
    start?.backboneId === id && 'the starting point for continued training',
    imported?.headOnlyFor === id && `the imported head "${imported.name}"`,
  ].filter((w): w is string => !!w);
}

function removalOffer(spec: BackboneSpec, removal: SavedBackboneUndo): UndoOffer<SavedBackboneUndo> {
  return {
    label: removal.label,
    saved: removal,
    heldImages: [],
    async undo() {
      const ctx = customBackboneContext.get();
      registerBackbone(spec);
      rememberBackbone(spec);
      ctx.listChanged();
      if (removal.wasSelected) await ctx.select(spec.id);
    },
    // brought again meanwhile (or undone by another removal's toast): listed and its files in use
    finalise() {
      if (findBackboneSpec(spec.id)) return;
      // storage refused the shorter list: the next visit still lists it, so its weights stay for it
      // (a listed backbone without them failed to load); a later removal takes both
      if (!writeSpecs(storedList().filter((s) => s.id !== spec.id))) return;
      return studioWorker().forgetBackboneFiles(spec.id);
    },
  };
}

/**
 * Takes a brought backbone off the list (the studio goes back to the default one if it was in
 * use), with an undo: its weights stay in the worker's offline cache until the undo expires, as
 * the files it was brought from may be gone from the person's disk.
 */
export async function forgetBackbone(id: string): Promise<void> {
  // from the registry, not the stored list: one storage would not list is removed with an undo too
  const spec = findBackboneSpec(id);
  const ctx = customBackboneContext.get();
  const wasSelected = ctx.selected() === id;
  // read before it leaves the registry: while storage answered, the page rendered the loaded
  // backbone's name from a registry that no longer had it, and the Model step crashed
  const lost = spec ? await madeOn(id) : [];
  unregisterBackbone(id);
  const removal: SavedBackboneUndo | null = spec
    ? {
        kind: 'backbone',
        id,
        label: lost.length
          ? `Removed ${spec.name}. ${upper(joinWords(lost))} ${lost.length > 1 ? 'were' : 'was'} made on it and cannot be used without it: Undo, or bring its files again later.`
          : `Removed ${spec.name}`,
        wasSelected,
        expiresAt: Date.now() + UNDO_MS,
      }
    : null;
  // the stored list keeps it, marked, until the undo is final: the start-up deleted the weights of a
  // backbone no longer listed, and one listed unmarked came back after a reload with no undo
  writeSpecs(
    removal
      ? storedList().map((s) => (s.id === id ? { ...s, removing: removal } : s))
      : storedList().filter((s) => s.id !== id),
  );
  // the default backbone starts loading in this same task (the page says "loading", not the removed one)
  const reselected = wasSelected ? ctx.select(DEFAULT_BACKBONE_ID) : null;
  useCustomBackbone.setState((s) => ({ notListed: s.notListed.filter((n) => n.id !== id) }));
  if (spec && removal) ctx.offerUndo(removalOffer(spec, removal));
  else void studioWorker().forgetBackboneFiles(id);
  if (reselected) await reselected;
  else ctx.listChanged(); // the list re-renders without it
}

/**
 * A brought backbone an opened project zip carried goes into the offline cache and onto the list,
 * as if brought here; its id names its weights and choices, so one listed already is the same.
 * Resolves to what to tell the person when the cache would not take it (it works for this visit,
 * from the zip's files the worker keeps), else null.
 */
export async function addCarriedBackbone(carried: CarriedBackbone): Promise<string | null> {
  // up to 1 GB of weights: moved to the worker, not copied (the zip's bytes are not needed here after)
  const shards = Comlink.transfer(carried.shards, [
    ...new Set(carried.shards.map((s) => s.bytes.buffer as ArrayBuffer)),
  ]);
  const { notCached, ...spec } = await studioWorker().bringBackbone(carried.spec, carried.modelJson, shards);
  const note = notCached
    ? `${spec.name} could not be kept in this browser (${/quota/i.test(notCached) ? 'browser storage is full' : notCached}): it works until this page is closed. Free some storage and open the project again to keep it.`
    : null;
  // listed, and not only because its removal's undo is pending (then it is brought back, as if again)
  if (findBackboneSpec(spec.id) && savedSpecs().some((s) => s.id === spec.id)) return note;
  registerBackbone(spec);
  rememberBackbone(spec);
  customBackboneContext.get().listChanged();
  return note;
}

interface CustomBackboneState {
  inspecting: boolean;
  /** how far reading the files got (a large weights file takes a while), while inspecting */
  reading: { fraction: number; detail: string } | null;
  inspection: BackboneInspection | null;
  error: string | null;
  /** brought backbones this browser's storage would not list for the next visit (they are usable in this one) */
  notListed: { id: string; name: string }[];
  inspect(files: File[]): Promise<void>;
  adopt(choice: CustomChoice): Promise<void>;
  cancel(): void;
}

/** the engine's reasons are parts of sentences (listed after "Tried:" elsewhere): here each stands alone */
const sentence = (why: string) => why.charAt(0).toUpperCase() + why.slice(1) + (/[.!?)]$/.test(why) ? '' : '.');

export const useCustomBackbone = create<CustomBackboneState>((set) => ({
  inspecting: false,
  reading: null,
  inspection: null,
  error: null,
  notListed: [],
  async inspect(files) {
    if (!files.length) return;
    set({ inspecting: true, reading: null, inspection: null, error: null });
    try {
      set({
        inspection: await studioWorker().inspectBackbone(
          files,
          proxy((fraction: number, detail: string) => set({ reading: { fraction, detail } })),
        ),
        inspecting: false,
        reading: null,
      });
    } catch (err) {
      set({
        inspecting: false,
        reading: null,
        error: sentence((err as Error).message.replace(/^Could not load [^.]*\. /, '')),
      });
    }
  },
  async adopt(choice) {
    let id: string | null = null;
    const ctx = customBackboneContext.get();
    const locked = ctx.locked();
    if (locked) return set({ error: locked });
    const picked = ctx.selected();
    await ctx.loadWith(async (onProgress) => {
      const { spec, ...info } = await studioWorker().useCustomBackbone(choice, onProgress);
      registerBackbone(spec);
      rememberBackbone(spec);
      // a backbone picked meanwhile loads after this one (the worker runs them in turn) and stays the
      // selected one: made this one, that pick found itself no longer selected and was dropped
      if (ctx.selected() === picked) ctx.markSelected(spec.id);
      id = spec.id;
      return info;
    });
    const loaded = ctx.loaded();
    const error = ctx.error();
    // on failure the form stays as it was, with the reason beside it
    if (id && loaded?.id === id) set({ inspection: null, error: null });
    else set({ error: error ?? 'The backbone could not be loaded.' });
  },
  cancel: () => set({ inspection: null, error: null }),
}));
