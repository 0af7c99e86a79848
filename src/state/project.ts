import { create } from 'zustand';
import { fitName, NAME_LIMITS } from '../core/project/record';
import { cleanName, freeClassName, nameKey } from '../core/data/problems';
import { compareNames } from '../core/data/name-order';
import { imageCount, MAX_PROJECT_IMAGES } from '../core/project/project-limits';

export { projectImage, releaseImageUrl, type ProjectImage } from './project-image';
import { releaseImageUrl, type ProjectImage } from './project-image';
import { reinsert, renamedBack, type ClassPlace, type PutBack } from './put-back';
import {
  classGoneNotice,
  folderClassNames,
  looksLikeImage,
  newId,
  nothingSkipped,
  readInWindows,
  rejectionNotice,
  toImages,
  unreadableAmong,
  type Skipped,
} from './project-intake';

export { listed, looksLikeImage } from './project-intake';

export interface ProjectClass {
  id: string;
  name: string;
  images: ProjectImage[];
}

export interface ProjectState {
  classes: ProjectClass[];
  notice: string | null;
  /**
   * the notice asks the person to name class `id` (a class made of photos, a name refused): named,
   * it gives way to `rest`, what else it said. Only while the notice is still `text`.
   */
  noticeAbout: { id: string; text: string; rest: string | null } | null;
  addClass(name?: string): string;
  /**
   * A class for each of `names` that no class has yet, as nameKey compares them (an imported
   * model's "Cat" is the project's "cat"); the new classes' ids.
   */
  addMissingClasses(names: readonly string[]): string[];
  renameClass(id: string, name: string): void;
  /** takes the class out of the page only: use state/project-undo's deleteClass, which offers it back */
  removeClass(id: string): void;
  /**
   * Takes out a class the page made for a drop that nothing went into (every file refused), even
   * while a run holds the lock: it holds nothing a run or an undo could need, and left there it
   * blocked the next Train ("has 0 readable images").
   */
  dropEmptyClass(id: string): void;
  /**
   * Adds files to one class (a drop on its card, its "choose files", the webcam). Files from the
   * person's disk are read first, as addFolders reads them: one that cannot be read or is empty is
   * named in the notice and left out. Images for a class deleted meanwhile are said to be lost.
   * Resolves with what it said (null: nothing, and the notice is left as it was, so a webcam frame
   * no longer wipes what a drop said).
   */
  addImages(classId: string, files: File[], options?: AddImagesOptions): Promise<string | null>;
  /** takes the images out of the page only (see removeClass) */
  removeImages(imageIds: string[]): void;
  /** relabel: the images keep their ids and files, so their cached features stay valid */
  moveImages(imageIds: string[], toClassId: string): void;
  /**
   * Each folder name becomes a class (merged into an existing class of the same name). Large
   * drops are added a chunk per task, with `adding` as their progress.
   */
  addFolders(groups: Map<string, File[]>, added?: AddedIds): Promise<void>;
  /** a large drop being added (null: none) */
  adding: { done: number; total: number } | null;
  /**
   * Drops and picked folders coming in, from their first read to their last image added (`adding`
   * starts only once they are read): New and Open project wait for them (state/project-undo.ts),
   * or the rest of a drop read meanwhile went into the new project.
   */
  intake: number;
  /** a drop or a picked folder starts (+1) or ends (-1) coming in */
  countIntake(by: 1 | -1): void;
  /** `about`: the class the notice asks to be named, and what it says besides (noticeAbout) */
  setNotice(notice: string | null, about?: { id: string; rest: string | null }): void;
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
  /**
   * Images whose bytes the intake would refuse (text under an image's name, a cut-off download), by
   * id, with why: a project saved or zipped before that check may hold them. Looked for in every
   * project put in place and every image put back (project-intake.ts unreadableAmong); the Data step
   * names them and offers their removal (ui/UnreadableImages.tsx).
   */
  unreadable: Record<string, string>;
}

export type { ClassPlace, Place, PutBack } from './put-back';

const byName = (a: File, b: File) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** How addImages takes files in (see there). */
export interface AddImagesOptions {
  /** the page made the files itself (the webcam's frames): there is nothing to read, so they are in when the call returns */
  pageMade?: boolean;
  /** the class's name when the files were chosen (a drop is read a while first), for saying it was deleted since */
  className?: string;
  /** notes the ids of the images it put in, for the adding's undo (state/add-undo.ts) */
  added?: AddedIds;
}

/** What an adding put in, by id: the images, and the classes it made for them (state/add-undo.ts). */
export interface AddedIds {
  images: string[];
  classes: string[];
}

/** the checked addImages calls, one after another: each call's images join its class in call order */
let addingInTurn: Promise<unknown> = Promise.resolve();

export const useProject = create<ProjectState>((set, get) => ({
  classes: [],
  notice: null,
  noticeAbout: null,
  adding: null,
  intake: 0,
  locked: null,
  unreadable: {},
  countIntake: (by) => set((s) => ({ intake: Math.max(0, s.intake + by) })),
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
  dropEmptyClass: (id) =>
    set((s) =>
      s.classes.some((c) => c.id === id && !c.images.length) ? { classes: s.classes.filter((c) => c.id !== id) } : s,
    ),
  addImages(classId, files, { pageMade = false, className, added } = {}) {
    const name = get().classes.find((c) => c.id === classId)?.name ?? className;
    /** the images into the class as far as the project has room; true: nothing more goes in */
    const put = (images: ProjectImage[], skipped: Skipped, lost: { gone: number }, notRead = () => 0): boolean => {
      let stop = false;
      set((s) => {
        const at = s.classes.findIndex((c) => c.id === classId);
        const room = Math.max(0, MAX_PROJECT_IMAGES - imageCount(s.classes));
        const fit = at < 0 ? [] : images.slice(0, room);
        for (const image of images.slice(fit.length)) releaseImageUrl(image);
        if (at < 0) lost.gone += images.length + notRead();
        else skipped.over += images.length - fit.length + (room <= images.length ? notRead() : 0);
        stop = at < 0 || room <= images.length;
        added?.images.push(...fit.map((i) => i.id));
        return fit.length
          ? { classes: s.classes.map((c, i) => (i === at ? { ...c, images: [...c.images, ...fit] } : c)) }
          : s;
      });
      return stop;
    };
    const say = (skipped: Skipped, { gone }: { gone: number }) => {
      const notice = [gone ? classGoneNotice(name, gone) : null, rejectionNotice(skipped)].filter(Boolean).join('. ');
      if (notice) set({ notice });
      return notice || null;
    };
    if (pageMade) {
      const skipped = nothingSkipped();
      const lost = { gone: 0 };
      put(toImages(files, skipped), skipped, lost);
      return Promise.resolve(say(skipped, lost));
    }
    // New and Open project wait for these as for a drop (imagesComingIn)
    get().countIntake(1);
    const run = addingInTurn.then(async () => {
      const skipped = nothingSkipped();
      const lost = { gone: 0 };
      // the progress is this call's only when no drop is showing its own
      const total = files.length;
      let mine = get().adding === null && total ? { done: 0, total } : null;
      if (mine) set({ adding: mine });
      const progress = (done: number) =>
        mine && get().adding === mine && set({ adding: (mine = done < total ? { done, total } : null) });
      await readInWindows(
        files.map((file) => [classId, file] as const),
        skipped,
        (ready, done) => {
          const notRead = () => files.slice(done).filter(looksLikeImage).length;
          const stop = put(
            ready.map(([, image]) => image),
            skipped,
            lost,
            notRead,
          );
          progress(stop ? total : done);
          return stop;
        },
      );
      progress(total);
      return say(skipped, lost);
    });
    addingInTurn = run.catch(() => undefined);
    return run.finally(() => get().countIntake(-1));
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
  async addFolders(groups, added) {
    const skipped = nothingSkipped();
    // in the folders' order, so the numbered one of two shortened alike is the later; the CLI's
    // order, as the class indices (an exported model's labels) follow it
    const sorted = [...groups].sort(([a], [b]) => compareNames(a, b));
    const classNames = folderClassNames(
      sorted.map(([folder]) => folder),
      skipped,
    );
    // each class's files in name order (code units, as the CLI reads a folder): a drop, the
    // folder input and Add folders… list a folder in different orders, and the grid (and which of
    // two alike-named files the split counts first) would otherwise differ with the way it came
    const files = sorted.flatMap(([folder, files]) =>
      [...files].sort(byName).map((file) => [classNames.get(folder)!, file] as const),
    );
    const total = files.length;
    // the drop says at once what is coming; the files follow in later tasks (the drop's own task
    // is the browser building its file list, already long for hundreds of files)
    set({ adding: total ? { done: 0, total } : null });
    await readInWindows(files, skipped, (ready, done) => {
      let full = false;
      set((s) => {
        const room = Math.max(0, MAX_PROJECT_IMAGES - imageCount(s.classes));
        for (const [, image] of ready.slice(room)) releaseImageUrl(image);
        skipped.over += Math.max(0, ready.length - room);
        // the images not read yet do not fit either
        if (room <= ready.length) {
          skipped.over += files.slice(done).filter(([, file]) => looksLikeImage(file)).length;
          full = true;
        }
        const byClass = new Map<string, ProjectImage[]>();
        for (const [name, image] of ready.slice(0, room)) byClass.set(name, [...(byClass.get(name) ?? []), image]);
        let classes = s.classes;
        for (const [name, images] of byClass) {
          // as classNameProblem compares them: "Cats" beside "cats" (another drop, or train/Cats and
          // val/cats in this one) would be a second class that Train then refuses
          const at = classes.findIndex((c) => nameKey(c.name) === nameKey(name));
          added?.images.push(...images.map((i) => i.id));
          if (at >= 0) classes = classes.map((c, i) => (i === at ? { ...c, images: [...c.images, ...images] } : c));
          else {
            const id = newId('class');
            added?.classes.push(id);
            classes = [...classes, { id, name, images }];
          }
        }
        return {
          classes,
          notice: rejectionNotice(skipped),
          adding: !full && done < total ? { done, total } : null,
        };
      });
      return full;
    });
  },
  setNotice: (notice, about) => set({ notice, noticeAbout: about && notice ? { ...about, text: notice } : null }),
  putBack(items, recreate = []) {
    set((s) => {
      const ids = new Set(items.map((i) => i.image.id));
      const without = s.classes.map((c) =>
        c.images.some((i) => ids.has(i.id)) ? { ...c, images: c.images.filter((i) => !ids.has(i.id)) } : c,
      );
      const classes = reinsert(without, items, recreate);
      const renamed = renamedBack(without, classes, items, recreate);
      return renamed ? { classes, notice: renamed } : { classes };
    });
    // an undo after a reload brings images deleted before it, which the restore did not look at
    lookForUnreadable(items.map((i) => i.image));
  },
  replaceClasses(classes) {
    for (const c of get().classes) c.images.forEach(releaseImageUrl);
    projects++;
    set({ classes, unreadable: {} });
    lookForUnreadable(classes.flatMap((c) => c.images));
  },
}));

/** projects put in place so far: what was found among one project's images is not said of the next */
let projects = 0;

/** Notes the images whose bytes no decoder here could use (ProjectState.unreadable), found in the background. */
function lookForUnreadable(images: ProjectImage[]): void {
  const of = projects;
  void unreadableAmong(images).then((found) => {
    if (of === projects && Object.keys(found).length)
      useProject.setState((s) => ({ unreadable: { ...s.unreadable, ...found } }));
  });
}
