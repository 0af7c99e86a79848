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
  /** each folder name becomes a class (merged into an existing class of the same name) */
  addFolders(groups: Map<string, File[]>): void;
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

export const useProject = create<ProjectState>((set, get) => ({
  classes: [],
  notice: null,
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
  addFolders(groups) {
    const rejectedAll: string[] = [];
    const emptyAll: string[] = [];
    set((s) => {
      const classes = s.classes.slice();
      const byName = [...groups].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }));
      for (const [name, files] of byName) {
        const { images, rejected, empty } = toImages(files);
        rejectedAll.push(...rejected);
        emptyAll.push(...empty);
        if (!images.length) continue;
        const at = classes.findIndex((c) => c.name === name);
        if (at >= 0) classes[at] = { ...classes[at], images: [...classes[at].images, ...images] };
        else classes.push({ id: newId('class'), name, images });
      }
      return { classes, notice: rejectionNotice(rejectedAll, emptyAll) };
    });
  },
  setNotice: (notice) => set({ notice }),
}));
