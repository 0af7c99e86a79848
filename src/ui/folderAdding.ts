// The ways whole folders come in, a drop (on the page or on a class card) and "Add folders…", all
// ending in the store's addFolders: each folder that holds images becomes a class named after it.
import { compareNames } from '../core/data/name-order';
import { cleanName, nameKey, unreadableNotice } from '../core/data/problems';
import { imageCount } from '../core/project/project-limits';
import { nothingAdded, offerAddUndo } from '../state/add-undo';
import { listed, useProject, type AddedIds } from '../state/project';
import {
  folderClassNames,
  isImageFile,
  keepsAsImage,
  looksLikeImage,
  nothingSkipped,
  rejectionNotice,
} from '../state/project-intake';
import { filesFromDirectoryInput, filesFromDrop, groupByFolder, type DropRead, type DroppedFile } from './dropFiles';
import { readPickedFolder } from './pickFolder';

const say = (notice: string | null) => useProject.getState().setNotice(notice);
const count = (n: number, what: string) => `${n} ${what}${n > 1 ? 's' : ''}`;

const isZip = (f: File) => /\.zip$/i.test(f.name) || /^application\/(x-)?zip(-compressed)?$/.test(f.type);
const isModelFile = (f: File) => f.name === 'model.json' || /\.bin$/i.test(f.name);

/**
 * Files that come in through another of the studio's doors: a project or model zip, a model's
 * model.json and weights. Dropped here they were "loose files" or "not an image", which sent a
 * person with a project zip looking for a class to drop it on; they are named with their door.
 */
export function meantElsewhere(dropped: DroppedFile[]): { rest: DroppedFile[]; notice: string | null } {
  const zips = dropped.filter((d) => isZip(d.file)).map((d) => d.file.name);
  const model = dropped.filter((d) => !isZip(d.file) && isModelFile(d.file)).map((d) => d.file.name);
  const parts: string[] = [];
  if (zips.length)
    parts.push(
      `${listed(zips)} ${zips.length > 1 ? 'are zips' : 'is a zip'}, not images. To open a project zip, use Open project…; to try a model zip, use Import a model (zip)… in Try it; a zip of images must be unzipped first, then its folders dropped`,
    );
  if (model.length)
    parts.push(
      `${listed(model)} ${model.length > 1 ? "are a model's files" : "is a model's file"}, not images: to use a model of your own as the backbone, use “Bring your own backbone” in the Model step`,
    );
  return {
    rest: dropped.filter((d) => !isZip(d.file) && !isModelFile(d.file)),
    notice: parts.length ? parts.join('. ') : null,
  };
}

/**
 * Loose files among which no image is of a kind browsers decode, but some are images to the person
 * (a phone's HEIC photos, a scanner's TIFFs): named as the intake names them, with their fix. "Loose
 * files … drop single images onto a class" sent them to a class that refused them in turn.
 */
function undecodableNotice(files: readonly File[]): string | null {
  const skipped = nothingSkipped();
  for (const file of files) keepsAsImage(file, skipped);
  return rejectionNotice(skipped);
}

/** A folder of a drop or a pick, its files, and whether any of them joined a class. */
export interface FolderOutcome {
  name: string;
  files: readonly File[];
  added: boolean;
}

const quoted = (names: readonly string[]) => listed(names.map((n) => `“${n}”`));
const holds = (names: readonly string[]) => (names.length > 1 ? 'hold' : 'holds');

/**
 * Names the folders that made no class, and why; null when every folder made one. Left out without
 * a word, an empty folder said nothing at all, and one of files that are no usable image was
 * named only by its files. `anyAdded`: whether anything else of the adding went in.
 */
export function noClassNotice(folders: readonly FolderOutcome[], anyAdded: boolean): string | null {
  const none = folders.filter((f) => !f.added);
  if (!none.length) return null;
  const named = (keep: (f: FolderOutcome) => boolean) => none.filter(keep).map((f) => f.name);
  const empty = named((f) => !f.files.length);
  const noImage = named((f) => f.files.length > 0 && !f.files.some(looksLikeImage));
  // the rest of the notice says why each of their images was refused
  const refused = named((f) => f.files.some(looksLikeImage));
  const why = [
    empty.length && `${quoted(empty)} ${holds(empty)} no files`,
    noImage.length && `${quoted(noImage)} ${holds(noImage)} no image the studio can use`,
    refused.length && `none of the images in ${quoted(refused)} could be added`,
  ].filter(Boolean);
  const outcome = anyAdded ? `no class was made of ${none.length > 1 ? 'them' : 'it'}` : 'nothing was added';
  return `${why.join('; ')}: ${outcome}`;
}

const classSizes = () => new Map(useProject.getState().classes.map((c) => [nameKey(c.name), c.images.length]));

/**
 * Folders whose images went into a class spelt otherwise ("Forest/" into "forest": one name to
 * nameKey), said: the adding's toast named only "forest", and the merge passed unseen.
 */
export function mergedNotice(merged: readonly { folder: string; into: string }[]): string | null {
  if (!merged.length) return null;
  if (merged.length === 1)
    return `Folder “${merged[0].folder}” joined the class “${merged[0].into}” (a name in other capitals is the same class)`;
  return `Folders joined the classes of their names in other capitals: ${listed(merged.map((m) => `“${m.folder}” → “${m.into}”`))}`;
}

/** Adds the folders as addFolders does, which of them made (or grew) a class, and which went into one spelt otherwise. */
async function addFolderGroups(
  groups: Map<string, File[]>,
  added: AddedIds,
): Promise<{ folders: FolderOutcome[]; merged: string | null }> {
  const before = classSizes();
  const existing = new Map(useProject.getState().classes.map((c) => [nameKey(c.name), c.name]));
  await useProject.getState().addFolders(groups, added);
  const after = classSizes();
  // each folder's class name as addFolders gives it (in its order: the numbering of folders
  // shortened to one name goes by it)
  const classOf = folderClassNames([...groups.keys()].sort(compareNames), nothingSkipped());
  const folders = [...groups].map(([name, files]) => {
    const key = nameKey(classOf.get(name) ?? name);
    return { name, files, added: (after.get(key) ?? 0) > (before.get(key) ?? 0) };
  });
  const merged = folders.flatMap(({ name, added: grew }) => {
    const into = existing.get(nameKey(classOf.get(name) ?? name));
    return grew && into !== undefined && into !== cleanName(name) ? [{ folder: name, into }] : [];
  });
  return { folders, merged: mergedNotice(merged) };
}

/**
 * Adds dropped or picked files: each folder that holds images becomes a class. Loose files go into
 * the class `classId` when the drop was onto its card, or are named in the notice; a folder dropped
 * onto a card is added as one dropped on the page, since pouring every subfolder into the card's
 * class mixed the classes. The notice is written once the adding is done: each of addFolders'
 * commits writes its own, which wiped what was said before it. `className` is the card's class's
 * name when the drop began, said if the class is deleted while the drop is read; `chosen`, the
 * folders the person chose, where known (an empty one comes as no files). The folders that made
 * no class are named first, with why (noClassNotice). What went in is offered back (state/add-undo.ts).
 */
export async function addDropped(
  { files, unreadable, chosen = [] }: DropRead & { chosen?: readonly string[] },
  classId?: string,
  className?: string,
): Promise<void> {
  const { addImages, addClass, dropEmptyClass } = useProject.getState();
  const imagesBefore = imageCount(useProject.getState().classes);
  const { rest, notice: elsewhere } = meantElsewhere(files);
  const { groups, loose, notice: layout } = groupByFolder(rest);
  const said: (string | null)[] = [layout];
  const added = nothingAdded();
  const noticeBefore = useProject.getState().notice;
  // the folders chosen that held no file the browser gave (none, or only empty folders)
  const folders: FolderOutcome[] = chosen
    .filter((name) => !files.some((f) => f.folders[0] === name) && !unreadable.includes(`${name}/`))
    .map((name) => ({ name, files: [], added: false }));
  // the card's class first, then the folders: one adding at a time shows its progress
  if (classId !== undefined && loose.length) said.push(await addImages(classId, loose, { className, added }));
  if (groups.size) {
    const { folders: outcome, merged } = await addFolderGroups(groups, added);
    folders.unshift(...outcome);
    said.push(useProject.getState().notice, merged);
  }
  if (classId === undefined && loose.length) {
    if (!groups.size && loose.some(looksLikeImage)) {
      // images dragged from a file browser without their folder (Teachable Machine's way in): a
      // class of their own, for the person to name, rather than nothing added and a rule to learn
      const made = addClass();
      added.classes.push(made);
      const name = useProject.getState().classes.find((c) => c.id === made)?.name ?? '';
      const skipped = await addImages(made, loose, { className: name, added });
      const kept = useProject.getState().classes.find((c) => c.id === made);
      // every one of them refused (unreadable): no empty class left behind
      if (kept && !kept.images.length) dropEmptyClass(made);
      else if (kept) {
        // while a run holds the project the class's name cannot change
        const naming = useProject.getState().locked ? 'name it once the run ends' : 'give it its name';
        said.push(
          `The images dropped outside a class became a new class, "${name}": ${naming}, or drop images onto a class to add them there`,
        );
      }
      said.push(skipped);
    } else if (!loose.some(looksLikeImage) && loose.some(isImageFile)) said.push(undecodableNotice(loose));
    else
      said.push(
        `${count(loose.length, 'loose file')} ${loose.length > 1 ? 'were' : 'was'} not added: drop single images onto a class, or drop folders to create classes`,
      );
  }
  said.push(elsewhere, unreadableNotice(unreadable));
  // said first: what the rest of the notice names, file by file, comes of it
  said.unshift(noClassNotice(folders, imageCount(useProject.getState().classes) > imagesBefore));
  // nothing to say leaves what was said before (the folders' commits have said theirs)
  const notice = said.filter(Boolean).join('. ');
  if (notice) say(notice);
  offerAddUndo(added, noticeBefore);
}

/** Said where a drop's handler, which nobody awaits, failed: the drop was otherwise lost without a word. */
export const dropFailed = (err: unknown): void =>
  say(`The dropped files could not be added: ${err instanceof Error ? err.message : String(err)}`);

/** the names of the folders a drop holds (an empty one is read as no files at all) */
function droppedFolders(dt: DataTransfer): string[] {
  return Array.from(dt.items ?? []).flatMap((item) => {
    const entry = item.kind === 'file' ? item.webkitGetAsEntry?.() : null;
    return entry?.isDirectory ? [entry.name] : [];
  });
}

/** A drop on the page, or onto the card of class `classId`. */
export async function addDrop(dt: DataTransfer, classId?: string): Promise<void> {
  const { countIntake, classes } = useProject.getState();
  // the card's class may be deleted while the drop is read: it is named as it was
  const className = classes.find((c) => c.id === classId)?.name;
  countIntake(1);
  try {
    // read before the first await: the browser empties the drop's data once its event is over
    const chosen = droppedFolders(dt);
    await addDropped({ ...(await filesFromDrop(dt)), chosen }, classId, className);
  } catch (err) {
    dropFailed(err);
  } finally {
    countIntake(-1);
  }
}

/**
 * "Add folders…" through the browser's folder picker, read by pickFolder.ts's readPickedFolder
 * (`onReading` hearing how many files were found so far, null once read), then added as a drop is.
 * Cancelling the picker changes nothing.
 */
export async function addPickedFolder(onReading: (found: number | null) => void): Promise<void> {
  const { countIntake } = useProject.getState();
  // images come in from the pick on, not while the picker waits on the person: a tab asking for
  // the project waits for the intake to end
  let counted = false;
  try {
    const read = await readPickedFolder({
      failed: say,
      picked: () => {
        counted = true;
        countIntake(1);
      },
      reading: onReading,
    });
    if (!read) return;
    if (!read.files.length && !read.unreadable.length)
      return say(`“${read.root}” holds no files: pick a folder that holds a folder of images per class.`);
    await addDropped(read);
  } finally {
    if (counted) countIntake(-1);
  }
}

/**
 * "Add folders…" through the folder input (browsers without a folder picker, and scripts that set
 * its files). A folder with no files comes as no files at all, without its name: said, where it
 * said nothing.
 */
export async function addFolderInput(files: readonly File[]): Promise<void> {
  if (!files.length) return say('The folder holds no files: nothing was added');
  await addDropped({ files: filesFromDirectoryInput([...files]), unreadable: [] });
}
