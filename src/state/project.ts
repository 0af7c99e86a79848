import { create } from 'zustand';
import { studioWorker } from '../worker/client';

/** Deleted images leave the worker too: their cached features and blobs would otherwise stay. */
function forgetInWorker(ids: string[]) {
  if (ids.length) void studioWorker().forget(ids).catch(() => undefined);
}

export interface ProjectImage {
  id: string;
  file: File;
  /** object URL for the thumbnail */
  url: string;
}

export interface ProjectClass {
  id: string;
  name: string;
  images: ProjectImage[];
}

interface ProjectState {
  classes: ProjectClass[];
  notice: string | null;
  addClass(name?: string): string;
  renameClass(id: string, name: string): void;
  removeClass(id: string): void;
  addImages(classId: string, files: File[]): void;
  removeImage(classId: string, imageId: string): void;
  /** relabel: the image keeps its id and file, so its cached features stay valid */
  moveImage(imageId: string, toClassId: string): void;
  /**
   * Each folder name becomes a class (merged into an existing class of the same name). Large
   * drops are added a chunk per task, with `adding` as their progress.
   */
  addFolders(groups: Map<string, File[]>): Promise<void>;
  /** a large drop being added (null: none) */
  adding: { done: number; total: number } | null;
  setNotice(notice: string | null): void;
}

let counter = 0;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

const IMAGE_TYPES = /^image\/(png|jpe?g|webp|gif|bmp|avif)$/;
const IMAGE_EXT = /\.(png|jpe?g|webp|gif|bmp|avif)$/i;

/** Cheap first filter by type/extension; real decoding problems are reported at extraction. */
export function looksLikeImage(file: File): boolean {
  return IMAGE_TYPES.test(file.type) || (!file.type && IMAGE_EXT.test(file.name)) || IMAGE_EXT.test(file.name);
}

function toImages(files: File[]): { images: ProjectImage[]; rejected: string[]; empty: string[] } {
  const images: ProjectImage[] = [];
  const rejected: string[] = [];
  const empty: string[] = [];
  for (const file of files) {
    if (!looksLikeImage(file)) rejected.push(file.name);
    else if (file.size === 0) empty.push(file.name);
    else images.push({ id: newId('img'), file, url: URL.createObjectURL(file) });
  }
  return { images, rejected, empty };
}

const listed = (names: string[]) => names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');

function rejectionNotice(rejected: string[], empty: string[] = []): string | null {
  const parts: string[] = [];
  if (rejected.length) {
    parts.push(`Skipped ${rejected.length} file${rejected.length > 1 ? 's' : ''} that ${rejected.length > 1 ? 'are' : 'is'} not an image (PNG, JPEG, WebP, GIF, BMP, AVIF): ${listed(rejected)}`);
  }
  if (empty.length) parts.push(`Skipped ${empty.length} empty file${empty.length > 1 ? 's' : ''} (0 bytes): ${listed(empty)}`);
  return parts.length ? parts.join('. ') : null;
}

/** files added per task by addFolders */
const ADD_CHUNK = 100;

export const useProject = create<ProjectState>((set, get) => ({
  classes: [],
  notice: null,
  adding: null,
  addClass(name) {
    const id = newId('class');
    set((s) => ({ classes: [...s.classes, { id, name: name ?? `Class ${s.classes.length + 1}`, images: [] }] }));
    return id;
  },
  renameClass: (id, name) => set((s) => ({ classes: s.classes.map((c) => (c.id === id ? { ...c, name } : c)) })),
  removeClass(id) {
    const gone = get().classes.find((c) => c.id === id)?.images ?? [];
    gone.forEach((i) => URL.revokeObjectURL(i.url));
    forgetInWorker(gone.map((i) => i.id));
    set((s) => ({ classes: s.classes.filter((c) => c.id !== id) }));
  },
  addImages(classId, files) {
    const { images, rejected, empty } = toImages(files);
    set((s) => ({
      notice: rejectionNotice(rejected, empty),
      classes: s.classes.map((c) => (c.id === classId ? { ...c, images: [...c.images, ...images] } : c)),
    }));
  },
  removeImage(classId, imageId) {
    forgetInWorker([imageId]);
    set((s) => ({
      classes: s.classes.map((c) => {
        if (c.id !== classId) return c;
        c.images.find((i) => i.id === imageId && (URL.revokeObjectURL(i.url), true));
        return { ...c, images: c.images.filter((i) => i.id !== imageId) };
      }),
    }));
  },
  moveImage(imageId, toClassId) {
    set((s) => {
      const image = s.classes.flatMap((c) => c.images).find((i) => i.id === imageId);
      if (!image || !s.classes.some((c) => c.id === toClassId)) return s;
      return {
        classes: s.classes.map((c) => {
          const rest = c.images.filter((i) => i.id !== imageId);
          return c.id === toClassId ? { ...c, images: [...rest, image] } : rest.length === c.images.length ? c : { ...c, images: rest };
        }),
      };
    });
  },
  async addFolders(groups) {
    const rejectedAll: string[] = [];
    const emptyAll: string[] = [];
    const byName = [...groups].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }));
    const total = byName.reduce((n, [, files]) => n + files.length, 0);
    let done = 0;
    for (const [name, files] of byName) {
      for (let start = 0; start < files.length; start += ADD_CHUNK) {
        const { images, rejected, empty } = toImages(files.slice(start, start + ADD_CHUNK));
        rejectedAll.push(...rejected);
        emptyAll.push(...empty);
        done += Math.min(ADD_CHUNK, files.length - start);
        set((s) => {
          const at = s.classes.findIndex((c) => c.name === name);
          const classes = !images.length
            ? s.classes
            : at >= 0
              ? s.classes.map((c, i) => (i === at ? { ...c, images: [...c.images, ...images] } : c))
              : [...s.classes, { id: newId('class'), name, images }];
          return { classes, notice: rejectionNotice(rejectedAll, emptyAll), adding: done < total ? { done, total } : null };
        });
        // object URLs and the re-render of the class cards for a whole large drop blocked the
        // page for a quarter of a second (500 photos): the next chunk waits for the next task
        if (done < total) await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
  },
  setNotice: (notice) => set({ notice }),
}));
