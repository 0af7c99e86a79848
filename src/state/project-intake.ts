import { cleanName, firstNames, nameKey, unreadableNotice } from '../core/data/problems';
import { nextSlice, sliceOver } from '../core/frame-slices';
import { MAX_PROJECT_IMAGES } from '../core/project/project-limits';
import { fitName, NAME_LIMITS } from '../core/project/record';
import type { FileFacts } from '../worker/file-facts';
import { factsOf } from './file-hashes';
import { projectImage, type ProjectImage } from './project-image';
import type { ProjectState } from './project';

/**
 * What the project store takes in when files are added (state/project.ts): which files are images,
 * names fitted to what a project keeps, folders' names as classes, and the notice of what was left out.
 */

let counter = 0;
export const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

const IMAGE_TYPES = /^image\/(png|jpe?g|webp|gif|bmp|avif)$/;
// .jfif and .jpe are JPEGs too (Chrome on Windows saves some web photos as .jfif)
const IMAGE_EXT = /\.(png|jpe?g|jpe|jfif|webp|gif|bmp|avif)$/i;

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
export function fitFile(file: File, shortened: string[]): File {
  const name = fitName(file.name, NAME_LIMITS.fileName);
  if (name === file.name) return file;
  shortened.push(name);
  return new File([file], name, { type: file.type, lastModified: file.lastModified });
}

/** What an adding left out, by reason (see rejectionNotice). */
export interface Skipped {
  /** not an image at all */
  rejected: string[];
  /** images of a kind browsers cannot decode */
  undecodable: { name: string; kind: string }[];
  empty: string[];
  /** their bytes could not be read */
  unreadable: string[];
  /** their bytes say no decoder here could use them (text under an image's name, a cut-off download), and why */
  broken: { name: string; problem: string }[];
  /** names shortened to fit (the files are added) */
  shortened: string[];
  /** folders' names shortened to one name, numbered to stay classes of their own */
  numbered: string[];
  /** images past the project's limit */
  over: number;
}

export const nothingSkipped = (): Skipped => ({
  rejected: [],
  undecodable: [],
  empty: [],
  unreadable: [],
  broken: [],
  shortened: [],
  numbered: [],
  over: 0,
});

/** Files that are no image the studio can use go into `skipped`; true for the rest. */
export function keepsAsImage(file: File, skipped: Skipped): boolean {
  if (looksLikeImage(file)) return true;
  const kind = undecodableKind(file);
  if (kind) skipped.undecodable.push({ name: file.name, kind });
  else skipped.rejected.push(file.name);
  return false;
}

/** An image to the person adding it, whether or not browsers decode it (a folder of HEIC photos is a class folder). */
export const isImageFile = (file: File): boolean => looksLikeImage(file) || undecodableKind(file) !== undefined;

export function toImages(files: File[], skipped: Skipped): ProjectImage[] {
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
export function folderClassNames(names: string[], skipped: Skipped): Map<string, string> {
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

/** files read and added per commit (each re-renders the class cards) */
const ADD_WINDOW = 64;

/**
 * The files' images, read by the file-facts worker (size, hash, header) a window at a time and
 * handed to `commit` with how many files are done; `commit` returning true stops the reading
 * (nothing more fits, or the class is gone). On the page, a picked file's size is a synchronous
 * call to the browser (1-3 ms each on a busy machine), so the page only sends the files, in its
 * background slices between frames (core/frame-slices.ts): a 4× throttled page ran this, the
 * file-facts and thumbnail queues back to back between two frames.
 */
export async function readInWindows<T>(
  files: readonly (readonly [T, File])[],
  skipped: Skipped,
  commit: (ready: [T, ProjectImage][], done: number) => boolean,
): Promise<void> {
  for (let done = 0; done < files.length;) {
    const window: Promise<[T, ProjectImage] | Skip>[] = [];
    const end = Math.min(files.length, done + ADD_WINDOW);
    for (let i = done; i < end;) {
      await nextSlice();
      do {
        const [target, file] = files[i++];
        if (keepsAsImage(file, skipped)) window.push(readOne(target, fitFile(file, skipped.shortened)));
      } while (i < end && !sliceOver());
    }
    // the skipped are noted in the order given, not in the order their reads came back: the
    // notice named the same drop's files in a different order from run to run
    const ready: [T, ProjectImage][] = [];
    for (const r of await Promise.all(window))
      if (typeof r === 'function') r(skipped);
      else ready.push(r);
    done = end;
    await nextSlice();
    if (commit(ready, done)) return;
  }
}

/** a file left out, noted in the skipped list once the window's reads are all back */
type Skip = (skipped: Skipped) => void;

async function readOne<T>(target: T, file: File): Promise<[T, ProjectImage] | Skip> {
  const f = await factsOf(file);
  // a file the worker could not read (gone from the disk, no permission) would fail the autosave's
  // write and every extraction: it is named now instead (a worker that failed says nothing of the
  // file: it is added as before)
  if (f.error !== undefined && !f.unasked) return (s) => s.unreadable.push(file.name);
  if (f.error === undefined && f.size === 0) return (s) => s.empty.push(file.name);
  // training would leave it out with this reason anyway: said now, while the person still has the
  // folder open, rather than counted among the class's images until a run ends
  if (f.error === undefined && f.problem !== undefined)
    return (s) => s.broken.push({ name: file.name, problem: f.problem! });
  return [target, projectImage(newId('img'), (f.error === undefined && f.file) || file)];
}

/** Images read for a class that was deleted meanwhile (`name` undefined: it was gone before they came). */
export const classGoneNotice = (name: string | undefined, n: number): string =>
  `${name === undefined ? 'The class was deleted' : `Class "${name}" was deleted`}: ${n} image${n > 1 ? 's were' : ' was'} not added`;

/** the first three names, and an ellipsis when there are more */
export const listed = firstNames;

const shortFor = (n: string) => (n.length > 60 ? `${n.slice(0, 30)}…${n.slice(-20)}` : n);

/**
 * Images refused for what their bytes say, each with its reason, as training would have named it
 * (the fix differs: re-download, re-export): the first three, then how many more.
 */
const reasons = (broken: readonly { name: string; className?: string; problem: string }[]): string =>
  broken
    .slice(0, 3)
    .map((b) => `${shortFor(b.name)}${b.className === undefined ? '' : ` in ${shortFor(b.className)}`}: ${b.problem}`)
    .join('; ') + (broken.length > 3 ? `; and ${broken.length - 3} more` : '');

export function rejectionNotice({
  rejected,
  undecodable,
  empty,
  unreadable,
  broken,
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
  if (broken.length)
    parts.push(
      `Skipped ${broken.length} image${broken.length === 1 ? '' : 's'} that cannot be read: ${reasons(broken)}`,
    );
  const unread = unreadableNotice(unreadable);
  if (unread) parts.push(unread);
  return parts.length ? parts.join('. ') : null;
}

/**
 * Which of these images the intake would have refused for their bytes (readOne), by id, with why:
 * a project saved or zipped before that check may hold them. The facts are those the thumbnails and
 * the duplicate warnings ask of every image anyway (state/file-hashes.ts: read once, off the page's
 * thread), asked for in the page's background slices, so a restored project of thousands of images
 * costs the page no long task.
 */
export async function unreadableAmong(images: readonly ProjectImage[]): Promise<Record<string, string>> {
  const asked: Promise<FileFacts>[] = [];
  for (let i = 0; i < images.length;) {
    await nextSlice();
    do asked.push(factsOf(images[i++].file));
    while (i < images.length && !sliceOver());
  }
  const found: Record<string, string> = {};
  (await Promise.all(asked)).forEach((f, i) => {
    if (f.error === undefined && f.problem !== undefined) found[images[i].id] = f.problem;
  });
  return found;
}

/** An image of the project that cannot be read, where the Data step names it. */
export interface UnreadableImage {
  id: string;
  name: string;
  className: string;
  problem: string;
}

/** The project's images found unreadable (ProjectState.unreadable), in the project's order. */
export function unreadableIn(
  classes: ProjectState['classes'],
  unreadable: ProjectState['unreadable'],
): UnreadableImage[] {
  if (!Object.keys(unreadable).length) return [];
  return classes.flatMap((c) =>
    c.images.flatMap((i) => {
      const problem = unreadable[i.id];
      return problem === undefined ? [] : [{ id: i.id, name: i.file.name, className: c.name, problem }];
    }),
  );
}

/** The Data step's words for them, in the intake's words for such files (rejectionNotice). */
export function heldUnreadableNotice(found: readonly UnreadableImage[]): string | null {
  if (!found.length) return null;
  const one = found.length === 1;
  return `This project holds ${found.length} image${one ? '' : 's'} that cannot be read (training leaves ${one ? 'it' : 'them'} out): ${reasons(found)}`;
}

/** why the project cannot be replaced while a drop is added (shown after the zip's name by Open project) */
export const IMAGES_BEING_ADDED =
  'images are still being added to this project: wait until they are all in, then try again.';
/** why it cannot be replaced while Continue training reads a model (state/project-undo.ts) */
export const CONTINUING =
  'Continue training is still making the imported model the starting point: try again once it is done.';

/** Images are coming in: a drop or a picked folder still being read, or its images being added. */
export const imagesComingIn = (s: Pick<ProjectState, 'adding' | 'intake'>): boolean =>
  s.adding !== null || s.intake > 0;
