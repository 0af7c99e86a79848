import { create } from 'zustand';
import { nextSlice, sliceOver } from '../core/frame-slices';
import { fitName, NAME_LIMITS } from '../core/project/record';
import { freeClassName } from '../core/data/problems';
import { imageCount, MAX_PROJECT_IMAGES } from '../core/project/project-limits';
import { factsOf } from './file-hashes';

export { projectImage, releaseImageUrl, type ProjectImage } from './project-image';
import { projectImage, releaseImageUrl, type ProjectImage } from './project-image';

export interface ProjectClass {
  id: string;
  name: string;
  images: ProjectImage[];
}

export interface ProjectState {
  classes: ProjectClass[];
  notice: string | null;
  addClass(name?: string): string;
  renameClass(id: string, name: string): void;
  /** takes the class out of the page only: use state/project-undo's deleteClass, which offers it back */
  removeClass(id: string): void;
  addImages(classId: string, files: File[]): void;
  /** takes the images out of the page only (see removeClass) */
  removeImages(imageIds: string[]): void;
  /** relabel: the images keep their ids and files, so their cached features stay valid */
  moveImages(imageIds: string[], toClassId: string): void;
  /**
   * Each folder name becomes a class (merged into an existing class of the same name). Large
   * drops are added a chunk per task, with `adding` as their progress.
   */
  addFolders(groups: Map<string, File[]>): Promise<void>;
  /** a large drop being added (null: none) */
  adding: { done: number; total: number } | null;
  setNotice(notice: string | null): void;
  /**
   * Undone edits (state/project-undo.ts): each image goes back into its class at its old place,
   * from wherever it is now; `classes` that are gone are recreated where they were first.
   */
  putBack(items: PutBack[], classes?: { id: string; name: string; index: number }[]): void;
  /** another project's classes (restored, opened, new): the old thumbnails' object URLs are released */
  replaceClasses(classes: ProjectClass[]): void;
  /**
   * Why classes and images cannot be renamed, moved or deleted now (a run is using them), or
   * null. Set by state/training; every edit below checks it, whichever control asks.
   */
  locked: string | null;
}

/** An image going back to where it was. */
export interface PutBack {
  image: ProjectImage;
  classId: string;
  /** the class is recreated under this name if it is gone */
  className: string;
  /** its place in the class */
  index: number;
}

/** Puts images back into their classes at their old places (recreating a class that is gone). */
function reinsert(classes: ProjectClass[], items: PutBack[]): ProjectClass[] {
  const out = [...classes];
  const byClass = new Map<string, typeof items>();
  for (const it of items) byClass.set(it.classId, [...(byClass.get(it.classId) ?? []), it]);
  for (const [classId, list] of byClass) {
    let at = out.findIndex((c) => c.id === classId);
    if (at < 0) at = out.push({ id: classId, name: list[0].className, images: [] }) - 1;
    const present = new Set(out[at].images.map((i) => i.id));
    const images = [...out[at].images];
    for (const it of [...list].sort((a, b) => a.index - b.index)) {
      if (!present.has(it.image.id)) images.splice(Math.min(it.index, images.length), 0, it.image);
    }
    out[at] = { ...out[at], images };
  }
  return out;
}

let counter = 0;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

const IMAGE_TYPES = /^image\/(png|jpe?g|webp|gif|bmp|avif)$/;
const IMAGE_EXT = /\.(png|jpe?g|webp|gif|bmp|avif)$/i;

/** Cheap first filter by type/extension; real decoding problems are reported at extraction. */
export function looksLikeImage(file: File): boolean {
  return IMAGE_TYPES.test(file.type) || (!file.type && IMAGE_EXT.test(file.name)) || IMAGE_EXT.test(file.name);
}

/** A file whose name is longer than a project can keep, renamed (same bytes); `shortened` counts it. */
function fitFile(file: File, shortened: string[]): File {
  const name = fitName(file.name, NAME_LIMITS.fileName);
  if (name === file.name) return file;
  shortened.push(name);
  return new File([file], name, { type: file.type, lastModified: file.lastModified });
}

function toImages(
  files: File[],
  shortened: string[] = [],
): { images: ProjectImage[]; rejected: string[]; empty: string[] } {
  const images: ProjectImage[] = [];
  const rejected: string[] = [];
  const empty: string[] = [];
  for (const file of files) {
    if (!looksLikeImage(file)) rejected.push(file.name);
    else if (file.size === 0) empty.push(file.name);
    else {
      const kept = fitFile(file, shortened);
      images.push(projectImage(newId('img'), kept));
    }
  }
  return { images, rejected, empty };
}

/** The class name a project can keep (see NAME_LIMITS), recording the shortened ones. */
function fitClassName(name: string, shortened: string[]): string {
  const fitted = fitName(name, NAME_LIMITS.className);
  if (fitted !== name) shortened.push(fitted);
  return fitted;
}

/** the first three names, and an ellipsis when there are more */
export const listed = (names: string[]) => names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');

function rejectionNotice(rejected: string[], empty: string[] = [], shortened: string[] = [], over = 0): string | null {
  const parts: string[] = [];
  // what a project holds, it must open again from its own zip (core/project/project-limits.ts)
  if (over)
    parts.push(
      `Did not add ${over} image${over > 1 ? 's' : ''}: a project holds at most ${MAX_PROJECT_IMAGES.toLocaleString('en-US')} (Open project reads no more back). Split the images into several projects`,
    );
  if (shortened.length) {
    parts.push(
      `Shortened ${shortened.length} name${shortened.length > 1 ? 's' : ''} too long to save (a class name keeps at most ${NAME_LIMITS.className} characters, a file name ${NAME_LIMITS.fileName}): ${listed(shortened.map((n) => (n.length > 60 ? `${n.slice(0, 30)}…${n.slice(-20)}` : n)))}`,
    );
  }
  if (rejected.length) {
    parts.push(
      `Skipped ${rejected.length} file${rejected.length > 1 ? 's' : ''} that ${rejected.length > 1 ? 'are' : 'is'} not an image (PNG, JPEG, WebP, GIF, BMP, AVIF): ${listed(rejected)}`,
    );
  }
  if (empty.length)
    parts.push(`Skipped ${empty.length} empty file${empty.length > 1 ? 's' : ''} (0 bytes): ${listed(empty)}`);
  return parts.length ? parts.join('. ') : null;
}

/** files added per commit (each re-renders the class cards) */
const byName = (a: File, b: File) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const ADD_WINDOW = 64;

export const useProject = create<ProjectState>((set, get) => ({
  classes: [],
  notice: null,
  adding: null,
  locked: null,
  addClass(name) {
    const id = newId('class');
    const fitted = fitName(name ?? '', NAME_LIMITS.className);
    set((s) => ({
      classes: [
        ...s.classes,
        {
          id,
          name:
            name === undefined
              ? freeClassName(
                  s.classes.map((c) => c.name),
                  s.classes.length + 1,
                )
              : fitted,
          images: [],
        },
      ],
    }));
    return id;
  },
  renameClass: (id, name) =>
    set((s) =>
      s.locked
        ? { notice: s.locked }
        : { classes: s.classes.map((c) => (c.id === id ? { ...c, name: fitName(name, NAME_LIMITS.className) } : c)) },
    ),
  removeClass: (id) =>
    set((s) => (s.locked ? { notice: s.locked } : { classes: s.classes.filter((c) => c.id !== id) })),
  addImages(classId, files) {
    const shortened: string[] = [];
    const { images, rejected, empty } = toImages(files, shortened);
    set((s) => {
      const fit = images.slice(0, Math.max(0, MAX_PROJECT_IMAGES - imageCount(s.classes)));
      for (const image of images.slice(fit.length)) releaseImageUrl(image);
      return {
        notice: rejectionNotice(rejected, empty, shortened, images.length - fit.length),
        classes: s.classes.map((c) => (c.id === classId ? { ...c, images: [...c.images, ...fit] } : c)),
      };
    });
  },
  removeImages(imageIds) {
    const gone = new Set(imageIds);
    if (get().locked) return set({ notice: get().locked });
    set((s) => ({
      classes: s.classes.map((c) =>
        c.images.some((i) => gone.has(i.id)) ? { ...c, images: c.images.filter((i) => !gone.has(i.id)) } : c,
      ),
    }));
  },
  moveImages(imageIds, toClassId) {
    if (get().locked) return set({ notice: get().locked });
    set((s) => {
      const moving = new Set(imageIds);
      if (!s.classes.some((c) => c.id === toClassId)) return s;
      const images = s.classes.flatMap((c) => (c.id === toClassId ? [] : c.images.filter((i) => moving.has(i.id))));
      if (!images.length) return s;
      return {
        classes: s.classes.map((c) =>
          c.id === toClassId
            ? { ...c, images: [...c.images, ...images] }
            : c.images.some((i) => moving.has(i.id))
              ? { ...c, images: c.images.filter((i) => !moving.has(i.id)) }
              : c,
        ),
      };
    });
  },
  async addFolders(groups) {
    const rejectedAll: string[] = [];
    const emptyAll: string[] = [];
    const shortened: string[] = [];
    const files = [...groups]
      .map(([name, files]) => [fitClassName(name, shortened), files] as const)
      .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
      // each class's files in name order (code units, as the CLI reads a folder): a drop, the
      // folder input and Add folders… list a folder in different orders, and the seed's split
      // follows the order, so the same folder would otherwise get other validation images
      .flatMap(([name, files]) => [...files].sort(byName).map((file) => [name, file] as const));
    const total = files.length;
    // the drop says at once what is coming; the files follow in later tasks (the drop's own task
    // is the browser building its file list, already long for hundreds of files)
    set({ adding: total ? { done: 0, total } : null });
    let done = 0;
    let over = 0;
    const commit = (ready: (readonly [string, ProjectImage])[]) =>
      set((s) => {
        const room = Math.max(0, MAX_PROJECT_IMAGES - imageCount(s.classes));
        for (const [, image] of ready.slice(room)) releaseImageUrl(image);
        over += Math.max(0, ready.length - room);
        // the images not read yet do not fit either
        if (room <= ready.length) {
          over += files.slice(done).filter(([, file]) => looksLikeImage(file)).length;
          done = total;
        }
        const byClass = new Map<string, ProjectImage[]>();
        for (const [name, image] of ready.slice(0, room)) byClass.set(name, [...(byClass.get(name) ?? []), image]);
        let classes = s.classes;
        for (const [name, images] of byClass) {
          const at = classes.findIndex((c) => c.name === name);
          classes =
            at >= 0
              ? classes.map((c, i) => (i === at ? { ...c, images: [...c.images, ...images] } : c))
              : [...classes, { id: newId('class'), name, images }];
        }
        return {
          classes,
          notice: rejectionNotice(rejectedAll, emptyAll, shortened, over),
          adding: done < total ? { done, total } : null,
        };
      });
    while (done < total) {
      // A window of files is read by the file-facts worker (size, hash, header) and added in one
      // commit. On the page, a picked file's size is a synchronous call to the browser (1-3 ms
      // each on a busy machine), so the page only sends the files, a few milliseconds a task.
      const window: Promise<readonly [string, ProjectImage] | null>[] = [];
      const end = Math.min(total, done + ADD_WINDOW);
      // in the page's background slices between frames (core/frame-slices.ts): a 4× throttled
      // page ran this, the file-facts and thumbnail queues back to back between two frames
      for (let i = done; i < end;) {
        await nextSlice();
        do {
          const [name, file] = files[i++];
          if (!looksLikeImage(file)) {
            rejectedAll.push(file.name);
            continue;
          }
          const kept = fitFile(file, shortened);
          window.push(
            factsOf(kept).then((f) => {
              if (f.error === undefined && f.size === 0) {
                emptyAll.push(kept.name);
                return null;
              }
              return [name, projectImage(newId('img'), (f.error === undefined && f.file) || kept)] as const;
            }),
          );
        } while (i < end && !sliceOver());
      }
      const ready = (await Promise.all(window)).filter((r) => r !== null);
      done = end;
      await nextSlice();
      commit(ready);
    }
  },
  setNotice: (notice) => set({ notice }),
  putBack: (items, recreate = []) =>
    set((s) => {
      const classes = [...s.classes];
      for (const c of [...recreate].sort((a, b) => a.index - b.index)) {
        if (!classes.some((x) => x.id === c.id))
          classes.splice(Math.min(c.index, classes.length), 0, { id: c.id, name: c.name, images: [] });
      }
      const ids = new Set(items.map((i) => i.image.id));
      const without = classes.map((c) =>
        c.images.some((i) => ids.has(i.id)) ? { ...c, images: c.images.filter((i) => !ids.has(i.id)) } : c,
      );
      return { classes: reinsert(without, items) };
    }),
  replaceClasses(classes) {
    for (const c of get().classes) c.images.forEach(releaseImageUrl);
    set({ classes });
  },
}));
