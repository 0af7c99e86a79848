import { parseProjectRecord, type ProjectRecord } from '../core/project/record';
import { openDatabase } from '../core/storage/databases';
import { changedSettings, type TrainSettings } from '../core/train/settings';
import { repairSettings } from '../core/train/settings-repair';
import type { ClassPlace } from './project';
import { storageAnswers } from './model-store';
import { currentProject } from './project-generations';
import { parseSavedModel, type SavedModelUndo } from './saved-model-undo';
import { parseSavedSettingsBack, type SavedSettingsBack } from './saved-settings-undos';

/** How long an undo is offered (state/undo.ts): here, where the stores undo.ts may not import read it too. */
export const UNDO_MS = 15_000;

/**
 * What an undo of state/project-undo.ts needs, as a plain record the autosave stores with the
 * project (a reload while its toast is up can still undo), and that record read back.
 */

export interface RemovedImage {
  id: string;
  name: string;
  type: string;
  classId: string;
  className: string;
  /** its place in the class: index, and the images beside it (absent in undos stored before) */
  index: number;
  after?: string | null;
  before?: string | null;
}

export interface Move {
  id: string;
  fromClassId: string;
  index: number;
  after?: string | null;
  before?: string | null;
}

export type SavedUndo =
  | {
      kind: 'remove';
      label: string;
      /** the classes removed whole */
      classes: ClassPlace[];
      images: RemovedImage[];
      /** the classes that lost only some images: one deleted since comes back where it was */
      homes?: ClassPlace[];
      /** the project it was made in (absent in undos stored before: the project on the page) */
      made?: number;
    }
  | {
      kind: 'move';
      label: string;
      moves: Move[];
      /** the classes the images came from, so one deleted since comes back (absent in undos stored before) */
      classes?: ClassPlace[];
      made?: number;
    }
  | {
      kind: 'add';
      label: string;
      /** the images the adding put in, and the classes it made (state/add-undo.ts) */
      images: string[];
      classes: string[];
      made: number;
      /** what the adding said in the notice (skipped files, a new class to name): it goes with the images */
      said?: string;
    }
  | { kind: 'replace'; label: string; record: ProjectRecord; stash: string; replaced?: number }
  // the model undos whose action took what they give back out of storage (state/saved-model-undo.ts)
  | SavedModelUndo
  // Freeze, a finder's rate, Continue: the settings they put back (state/saved-settings-undos.ts)
  | SavedSettingsBack;

export const heldBy = (saved: SavedUndo): string[] =>
  saved.kind === 'remove'
    ? saved.images.map((i) => i.id)
    : saved.kind === 'replace'
      ? saved.record.classes.flatMap((c) => c.images.map((i) => i.id))
      : [];

/**
 * A brought backbone's removal (state/custom-backbone.ts forgetBackbone), kept on its entry in the
 * stored backbone list until its undo is taken or made final. The list is read before the restore
 * and the first render, so the page a reload brings offers the undo again without listing the
 * backbone meanwhile, and finalises it (freeing its weights) when its time ran out while away.
 */
export interface SavedBackboneUndo {
  kind: 'backbone';
  id: string;
  label: string;
  /** it was the backbone in use: its undo selects it again */
  wasSelected: boolean;
  expiresAt: number;
}

export function parseSavedBackbone(raw: unknown): SavedBackboneUndo | null {
  const s = raw as Partial<SavedBackboneUndo> | null;
  if (!s || typeof s !== 'object' || s.kind !== 'backbone' || typeof s.id !== 'string') return null;
  if (typeof s.label !== 'string' || !Number.isFinite(s.expiresAt)) return null;
  return {
    kind: 'backbone',
    id: s.id,
    label: s.label,
    wasSelected: s.wasSelected === true,
    expiresAt: Number(s.expiresAt),
  };
}

const strings = (a: unknown): a is string[] => Array.isArray(a) && a.every((x) => typeof x === 'string');

// a backbone removal's undo is stored too, but revived from the backbone list (parseSavedBackbone)
export function parseSaved(raw: unknown): SavedUndo | null {
  const s = raw as SavedUndo | null;
  if (!s || typeof s !== 'object' || typeof s.label !== 'string') return null;
  try {
    if (s.kind === 'remove' && Array.isArray(s.classes) && Array.isArray(s.images)) return s;
    if (s.kind === 'move' && Array.isArray(s.moves)) return s;
    if (s.kind === 'add' && strings(s.images) && strings(s.classes) && typeof s.made === 'number')
      return { ...s, said: typeof s.said === 'string' ? s.said : undefined };
    if (s.kind === 'settings-back') return parseSavedSettingsBack(s);
    if (s.kind === 'replace' && typeof s.stash === 'string') return { ...s, record: parseProjectRecord(s.record) };
    if (s.kind === 'starting-point' || s.kind === 'imported-model') return parseSavedModel(s);
  } catch {
    // a record this version cannot read: that undo is lost, the project is not
  }
  return null;
}

/**
 * The edits "Resume training" put aside for the run's own settings (state/training-undos.ts
 * resumeUndo), stored from the resumed run's start until their undo is taken or made final. They
 * lived only in the page, whose autosave stores the run's settings: a reload during the resumed run
 * (or the project taken into another tab) lost them. The page the reload brings offers them back.
 */
export interface SavedSettingsUndo {
  kind: 'settings';
  /** the settings as they were edited before Resume */
  edited: TrainSettings;
  /** the interrupted run's own, which Resume put in their place */
  resumed: TrainSettings;
  /** the project they were made in */
  made: number;
  /** when they were put aside: a later Resume's stored in their place is not forgotten with their undo */
  savedAt: string;
}

/** beside the run's checkpoint, which a reload mid-run also finds there */
const PUT_ASIDE_KEY = 'put-aside-settings';
const model = () => openDatabase('model');

/**
 * Stores the edits Resume put aside (a full disk does not fail the run: only a reload would lose
 * them, as before) and returns what its undo needs.
 */
export function keepPutAside(edited: TrainSettings, resumed: TrainSettings): SavedSettingsUndo {
  const saved: SavedSettingsUndo = {
    kind: 'settings',
    edited,
    resumed,
    made: currentProject(),
    savedAt: new Date().toISOString(),
  };
  void (async () => (await model()).put('model', saved, PUT_ASIDE_KEY))().catch((err: Error) =>
    console.warn(`The settings Resume put aside are not kept for a reload: ${err.message}`),
  );
  return saved;
}

/**
 * The stored put-aside edits a reload brought, if their undo can still apply: made in a project
 * replaced since, or with the settings changed since, they are forgotten (the undo would be refused).
 */
export async function putAsideStill(settings: TrainSettings): Promise<SavedSettingsUndo | null> {
  // the page's first render waits for this: storage that never answers (an older tab holding it) left
  // the page blank for good, after the project's own restore had given up on it
  if (!(await storageAnswers())) return null;
  const saved = await loadPutAside();
  if (!saved) return null;
  if (saved.made === currentProject() && !changedSettings(saved.resumed, settings).length) return saved;
  await forgetPutAside(saved.savedAt);
  return null;
}

/** Forgets the put-aside edits stored at `savedAt`, not those of a later Resume. */
export async function forgetPutAside(savedAt: string): Promise<void> {
  try {
    if ((await loadPutAside())?.savedAt === savedAt) await (await model()).delete('model', PUT_ASIDE_KEY);
  } catch (err) {
    console.warn(`The settings Resume put aside could not be forgotten: ${(err as Error).message}`);
  }
}

/** The put-aside edits in storage, or null (none, or a record this version cannot read). */
export async function loadPutAside(): Promise<SavedSettingsUndo | null> {
  try {
    return parseSavedSettings(await (await model()).get('model', PUT_ASIDE_KEY));
  } catch {
    return null;
  }
}

export function parseSavedSettings(raw: unknown): SavedSettingsUndo | null {
  const s = raw as Partial<SavedSettingsUndo> | null;
  if (!s || typeof s !== 'object' || s.kind !== 'settings' || typeof s.made !== 'number') return null;
  if (typeof s.savedAt !== 'string') return null;
  if (!s.edited || typeof s.edited !== 'object' || !s.resumed || typeof s.resumed !== 'object') return null;
  const edited = repairSettings(s.edited as unknown as Record<string, unknown>).settings;
  const resumed = repairSettings(s.resumed as unknown as Record<string, unknown>).settings;
  return { kind: 'settings', edited, resumed, made: s.made, savedAt: s.savedAt };
}
