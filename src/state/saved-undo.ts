import { parseProjectRecord, type ProjectRecord } from '../core/project/record';
import type { ClassPlace } from './project';

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
  | { kind: 'replace'; label: string; record: ProjectRecord; stash: string; replaced?: number };

export const heldBy = (saved: SavedUndo): string[] =>
  saved.kind === 'remove'
    ? saved.images.map((i) => i.id)
    : saved.kind === 'replace'
      ? saved.record.classes.flatMap((c) => c.images.map((i) => i.id))
      : [];

export function parseSaved(raw: unknown): SavedUndo | null {
  const s = raw as SavedUndo | null;
  if (!s || typeof s !== 'object' || typeof s.label !== 'string') return null;
  try {
    if (s.kind === 'remove' && Array.isArray(s.classes) && Array.isArray(s.images)) return s;
    if (s.kind === 'move' && Array.isArray(s.moves)) return s;
    if (s.kind === 'replace' && typeof s.stash === 'string') return { ...s, record: parseProjectRecord(s.record) };
  } catch {
    // a record this version cannot read: that undo is lost, the project is not
  }
  return null;
}
