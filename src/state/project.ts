import { create } from 'zustand';
import { nextSlice, sliceOver } from '../core/frame-slices';
import { fitName, NAME_LIMITS } from '../core/project/record';
import {
  classNameProblem,
  cleanName,
  firstNames,
  freeClassName,
  nameKey,
  unreadableNotice,
} from '../core/data/problems';
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
  /**
   * A class for each of `names` that no class has yet, as nameKey compares them (an imported
   * model's "Cat" is the project's "cat"); the new classes' ids.
   */
  addMissingClasses(names: readonly string[]): string[];
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
   * from wherever it is now; `classes` that are gone are recreated where they were first (into a
   * class of the same name added since, if there is one).
   */
  putBack(items: PutBack[], classes?: ClassPlace[]): void;
  /** another project's classes (restored, opened, new): the old thumbnails' object URLs are released */
  replaceClasses(classes: ProjectClass[]): void;
  /**
   * Why classes and images cannot be renamed, moved or deleted now (a run is using them), or
   * null. Set by state/training; every edit below checks it, whichever control asks.
   */
  locked: string | null;
}

/**
 * Where something taken away was: its index then, and the ids beside it (null: it was first or
 * last). Undos taken in another order than their actions (the older first) find some neighbours
 * gone and others put back: the neighbours place it where the index alone would not.
 */
export interface Place {
  index: number;
  after?: string | null;
  before?: string | null;
}

/** A class going back to where it was. */
export interface ClassPlace extends Place {
  id: string;
  name: string;
}

/** An image going back to where it was. */
export interface PutBack extends Place {
  image: ProjectImage;
  classId: string;
  /** the class is recreated under this name if it is gone */
  className: string;
}

/** The position in `ids` for what was at `p` (undefined neighbours: a place stored before they were kept). */
function placeIn(ids: readonly string[], p: Place): number {
  const after = p.after ? ids.indexOf(p.after) : -1;
  if (after >= 0) return after + 1;
  const before = p.before ? ids.indexOf(p.before) : -1;
  if (before >= 0) return before;
  if (p.after === null) return 0;
  if (p.before === null) return ids.length;
  return Math.min(p.index, ids.length);
}

/** Puts images back into their classes at their old places (recreating a class that is gone). */
function reinsert(classes: ProjectClass[], items: PutBack[], recreate: ClassPlace[]): ProjectClass[] {
  const out = [...classes];
  const places = new Map(recreate.map((c) => [c.id, c]));
  for (const it of items)
    if (!places.has(it.classId)) places.set(it.classId, { id: it.classId, name: it.className, index: out.length });
  // where each class's images go: the class itself, or one of its name added since (as folder adding merges)
  const into = new Map<string, string>();
  for (const c of [...places.values()].sort((a, b) => a.index - b.index)) {
    if (out.some((x) => x.id === c.id)) into.set(c.id, c.id);
    else {
      const same = out.find((x) => nameKey(x.name) === nameKey(c.name));
      if (same) into.set(c.id, same.id);
      else {
        out.splice(
          placeIn(
            out.map((x) => x.id),
            c,
          ),
          0,
          { id: c.id, name: c.name, images: [] },
        );
        into.set(c.id, c.id);
      }
    }
  }
  const byClass = new Map<string, PutBack[]>();
  for (const it of items) {
    const id = into.get(it.classId)!;
    byClass.set(id, [...(byClass.get(id) ?? []), it]);
  }
  for (const [classId, list] of byClass) {
    const at = out.findIndex((c) => c.id === classId);
    const images = [...out[at].images];
    const ids = images.map((i) => i.id);
    const present = new Set(ids);
    let last = { id: '', at: -1 };
    // in their old order, so a neighbour among them is back before the image that needs it
    for (const it of [...list].sort((a, b) => a.index - b.index)) {
      if (present.has(it.image.id)) continue;
      // a class's thousands of images come back one after another: no search for each one's neighbour
      const i = it.after && it.after === last.id ? last.at + 1 : placeIn(ids, it);
      images.splice(i, 0, it.image);
      ids.splice(i, 0, it.image.id);
      present.add(it.image.id);
      last = { id: it.image.id, at: i };
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

/**
 * Images of a kind browsers do not decode (as core/data/sniff.ts tells them by their bytes): a
 * phone's HEIC photos or a scanner's TIFFs are images to the person adding them, and "not an
 * image" sent them looking for the wrong fix.
 */
const UNDECODABLE = [
  { kind: 'HEIC/HEIF', type: /^image\/hei[cf](-sequence)?$/, ext: /\.(heic|heif|hif)$/i },
  { kind: 'SVG', type: /^image\/svg\+xml$/, ext: /\.svgz?$/i },
  { kind: 'TIFF', type: /^image\/tiff(-fx)?$/, ext: /\.tiff?$/i },
];
const undecodableKind = (file: File) =>
  UNDECODABLE.find(({ type, ext }) => type.test(file.type) || ext.test(file.name))?.kind;

/** A file whose name is longer than a project can keep, renamed (same bytes); `shortened` counts it. */
function fitFile(file: File, shortened: string[]): File {
  const name = fitName(file.name, NAME_LIMITS.fileName);
  if (name === file.name) return file;
  shortened.push(name);
  return new File([file], name, { type: file.type, lastModified: file.lastModified });
}

/** What an adding left out, by reason (see rejectionNotice). */
interface Skipped {
  /** not an image at all */
  rejected: string[];
  /** images of a kind browsers cannot decode */
  undecodable: { name: string; kind: string }[];
  empty: string[];
  /** their bytes could not be read */
  unreadable: string[];
  /** names shortened to fit (the files are added) */
  shortened: string[];
  /** folders' names shortened to one name, numbered to stay classes of their own */
  numbered: string[];
  /** images past the project's limit */
  over: number;
}

const nothingSkipped = (): Skipped => ({
  rejected: [],
  undecodable: [],
  empty: [],
  unreadable: [],
  shortened: [],
  numbered: [],
  over: 0,
});

/** Files that are no image the studio can use go into `skipped`; true for the rest. */
function keepsAsImage(file: File, skipped: Skipped): boolean {
  if (looksLikeImage(file)) return true;
  const kind = undecodableKind(file);
  if (kind) skipped.undecodable.push({ name: file.name, kind });
  else skipped.rejected.push(file.name);
  return false;
}

function toImages(files: File[], skipped: Skipped): ProjectImage[] {
  const images: ProjectImage[] = [];
  for (const file of files) {
    if (!keepsAsImage(file, skipped)) continue;
    if (file.size === 0) skipped.empty.push(file.name);
    else images.push(projectImage(newId('img'), fitFile(file, skipped.shortened)));
  }
  return images;
}

/**
 * A drop's folder names as class names, by folder name: without spaces around them, composed, and
 * shortened to what a project keeps (NAME_LIMITS), the shortened ones recorded. Folders of one
 * name (as nameKey reads it: train/Cats and val/cats) are one class; folders whose long names are
 * shortened to one name were merged into one class without a word: each after the first is
 * numbered, " (2)" on.
 */
function folderClassNames(names: string[], skipped: Skipped): Map<string, string> {
  const out = new Map<string, string>();
  const byFolder = new Map<string, string>();
  // a class name's key → the key of the folder name it came from
  const from = new Map<string, string>();
  for (const name of names) {
    const folder = nameKey(name);
    let fitted = byFolder.get(folder);
    if (fitted === undefined) {
      const clean = cleanName(name);
      fitted = fitName(clean, NAME_LIMITS.className);
      let k = 2;
      for (; (from.get(nameKey(fitted)) ?? folder) !== folder; k++) {
        const suffix = ` (${k})`;
        fitted = fitName(clean, NAME_LIMITS.className - suffix.length) + suffix;
      }
      if (fitted !== clean) skipped.shortened.push(fitted);
      if (k > 2) skipped.numbered.push(fitted);
      byFolder.set(folder, fitted);
      from.set(nameKey(fitted), folder);
    }
    out.set(name, fitted);
  }
  return out;
}

/** the first three names, and an ellipsis when there are more */
export const listed = firstNames;

const shortFor = (n: string) => (n.length > 60 ? `${n.slice(0, 30)}…${n.slice(-20)}` : n);

function rejectionNotice({
  rejected,
  undecodable,
  empty,
  unreadable,
  shortened,
  numbered,
  over,
}: Skipped): string | null {
  const parts: string[] = [];
  // what a project holds, it must open again from its own zip (core/project/project-limits.ts)
  if (over)
    parts.push(
      `Did not add ${over} image${over > 1 ? 's' : ''}: a project holds at most ${MAX_PROJECT_IMAGES.toLocaleString('en-US')} (Open project reads no more back). Split the images into several projects`,
    );
  if (shortened.length) {
    parts.push(
      `Shortened ${shortened.length} name${shortened.length > 1 ? 's' : ''} too long to save (a class name keeps at most ${NAME_LIMITS.className} characters, a file name ${NAME_LIMITS.fileName}): ${listed(shortened.map(shortFor))}`,
    );
  }
  if (numbered.length) {
    const one = numbered.length === 1;
    parts.push(
      `${numbered.length} folder${one ? '' : 's'} shortened to the same name as another became ${one ? 'a class of its' : 'classes of their'} own, numbered: ${listed(numbered.map(shortFor))}`,
    );
  }
  if (rejected.length) {
    parts.push(
      `Skipped ${rejected.length} file${rejected.length > 1 ? 's' : ''} that ${rejected.length > 1 ? 'are' : 'is'} not an image (PNG, JPEG, WebP, GIF, BMP, AVIF): ${listed(rejected)}`,
    );
  }
  if (undecodable.length) {
    const one = undecodable.length === 1;
    const kinds = UNDECODABLE.map((u) => u.kind).filter((k) => undecodable.some((u) => u.kind === k));
    // in the words core/data/sniff.ts has for such bytes under an image's name, so both name the same fix
    parts.push(
      `Skipped ${undecodable.length} image${one ? '' : 's'} in a format browsers cannot decode (${kinds.join(', ')}): ${listed(undecodable.map((u) => u.name))}; export ${one ? 'it' : 'them'} as JPEG or PNG`,
    );
  }
  if (empty.length)
    parts.push(`Skipped ${empty.length} empty file${empty.length > 1 ? 's' : ''} (0 bytes): ${listed(empty)}`);
  const unread = unreadableNotice(unreadable);
  if (unread) parts.push(unread);
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
    const fitted = fitName(cleanName(name ?? ''), NAME_LIMITS.className);
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
  addMissingClasses(names) {
    const taken = new Set(get().classes.map((c) => nameKey(c.name)));
    return names.flatMap((name) => {
      const key = nameKey(name);
      if (!key || taken.has(key)) return [];
      taken.add(key);
      return [get().addClass(name)];
    });
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
    const skipped = nothingSkipped();
    const images = toImages(files, skipped);
    set((s) => {
      const fit = images.slice(0, Math.max(0, MAX_PROJECT_IMAGES - imageCount(s.classes)));
      for (const image of images.slice(fit.length)) releaseImageUrl(image);
      return {
        notice: rejectionNotice({ ...skipped, over: images.length - fit.length }),
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
    const skipped = nothingSkipped();
    // in the folders' order, so the numbered one of two shortened alike is the later
    const sorted = [...groups].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }));
    const classNames = folderClassNames(
      sorted.map(([folder]) => folder),
      skipped,
    );
    // each class's files in name order (code units, as the CLI reads a folder): a drop, the
    // folder input and Add folders… list a folder in different orders, and the seed's split
    // follows the order, so the same folder would otherwise get other validation images
    const files = sorted.flatMap(([folder, files]) =>
      [...files].sort(byName).map((file) => [classNames.get(folder)!, file] as const),
    );
    const total = files.length;
    // the drop says at once what is coming; the files follow in later tasks (the drop's own task
    // is the browser building its file list, already long for hundreds of files)
    set({ adding: total ? { done: 0, total } : null });
    let done = 0;
    const commit = (ready: (readonly [string, ProjectImage])[]) =>
      set((s) => {
        const room = Math.max(0, MAX_PROJECT_IMAGES - imageCount(s.classes));
        for (const [, image] of ready.slice(room)) releaseImageUrl(image);
        skipped.over += Math.max(0, ready.length - room);
        // the images not read yet do not fit either
        if (room <= ready.length) {
          skipped.over += files.slice(done).filter(([, file]) => looksLikeImage(file)).length;
          done = total;
        }
        const byClass = new Map<string, ProjectImage[]>();
        for (const [name, image] of ready.slice(0, room)) byClass.set(name, [...(byClass.get(name) ?? []), image]);
        let classes = s.classes;
        for (const [name, images] of byClass) {
          // as classNameProblem compares them: "Cats" beside "cats" (another drop, or train/Cats and
          // val/cats in this one) would be a second class that Train then refuses
          const at = classes.findIndex((c) => nameKey(c.name) === nameKey(name));
          classes =
            at >= 0
              ? classes.map((c, i) => (i === at ? { ...c, images: [...c.images, ...images] } : c))
              : [...classes, { id: newId('class'), name, images }];
        }
        return {
          classes,
          notice: rejectionNotice(skipped),
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
          if (!keepsAsImage(file, skipped)) continue;
          const kept = fitFile(file, skipped.shortened);
          window.push(
            factsOf(kept).then((f) => {
              // a file the worker could not read (gone from the disk, no permission) would fail the
              // autosave's write and every extraction: it is named now instead
              // (a worker that failed says nothing of the file: it is added as before)
              if (f.error !== undefined && !f.unasked) {
                skipped.unreadable.push(kept.name);
                return null;
              }
              if (f.error === undefined && f.size === 0) {
                skipped.empty.push(kept.name);
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
      const ids = new Set(items.map((i) => i.image.id));
      const without = s.classes.map((c) =>
        c.images.some((i) => ids.has(i.id)) ? { ...c, images: c.images.filter((i) => !ids.has(i.id)) } : c,
      );
      return { classes: reinsert(without, items, recreate) };
    }),
  replaceClasses(classes) {
    for (const c of get().classes) c.images.forEach(releaseImageUrl);
    set({ classes });
  },
}));

/**
 * Leaving a class's name field. A name made empty or another class's there goes back to the one it
 * had (`before`), said in the notice, so "Move to", a dropped folder of that name and the exported
 * labels never meet two classes of one name; any other is kept without spaces around it and
 * composed (see cleanName). renameClass keeps each key as typed: a space between two words is
 * typed as a trailing one first.
 */
export function leaveClassName(id: string, before: string): void {
  const s = useProject.getState();
  const at = s.classes.findIndex((c) => c.id === id);
  if (s.locked || at < 0) return;
  const name = s.classes[at].name;
  const problem = classNameProblem(
    s.classes.map((c) => c.name),
    at,
  );
  if (!problem) {
    const clean = fitName(cleanName(name), NAME_LIMITS.className);
    if (clean !== name) s.renameClass(id, clean);
    return;
  }
  // a clash the field was opened with (two folders dropped so) stays for the person to settle
  if (name === before) return;
  const typed = cleanName(name);
  s.renameClass(id, before);
  s.setNotice(
    typed
      ? `"${typed}" is another class's name: the class kept its name "${before}".`
      : `A class needs a name: it kept "${before}".`,
  );
}
