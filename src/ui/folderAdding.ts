// The two ways whole folders come in, a drop and "Add folders…", both ending in the store's
// addFolders: each folder that holds images becomes a class named after it.
import { listed, useProject } from '../state/project';
import { groupByFolder, type DroppedFile } from './dropFiles';
import { filesFromFolder, pickFolder } from './pickFolder';

/** Adds dropped or picked files: each folder that holds images becomes a class; loose files are named in a notice. */
export function addDropped(dropped: DroppedFile[]): Promise<void> {
  const { addFolders, setNotice } = useProject.getState();
  const { groups, loose } = groupByFolder(dropped);
  const added = addFolders(groups);
  if (loose.length)
    setNotice(
      `${loose.length} loose file${loose.length > 1 ? 's were' : ' was'} not added: drop single images onto a class, or drop folders to create classes.`,
    );
  return added;
}

/** files found between two updates of the "Reading the folder" count */
const READING_STEP = 50;

/**
 * "Add folders…" through the browser's folder picker (pickFolder.ts): the picked folder is read
 * here a few files per call, `onReading` hearing how many were found so far (null once read), and
 * then added as a drop is. Cancelling the picker changes nothing.
 */
export async function addPickedFolder(onReading: (found: number | null) => void): Promise<void> {
  const say = (notice: string) => useProject.getState().setNotice(notice);
  let root: FileSystemDirectoryHandle | null;
  try {
    root = await pickFolder();
  } catch (err) {
    return say(`The folder could not be opened: ${(err as Error).message}`);
  }
  if (!root) return;
  onReading(0);
  // the count re-renders the panel: every 50 files, not every slice of a few (a frame each at 4×)
  let said = 0;
  const found = (n: number) => n - said >= READING_STEP && onReading((said = n));
  let read: Awaited<ReturnType<typeof filesFromFolder>>;
  try {
    read = await filesFromFolder(root, found);
  } catch (err) {
    return say(`The folder “${root.name}” could not be read: ${(err as Error).message}`);
  } finally {
    onReading(null);
  }
  const { files, unreadable } = read;
  if (!files.length && !unreadable.length)
    return say(`“${root.name}” holds no files: pick a folder that holds a folder of images per class.`);
  await addDropped(files);
  if (unreadable.length) {
    const before = useProject.getState().notice;
    const why = `${unreadable.length} file${unreadable.length > 1 ? 's' : ''} could not be read and ${unreadable.length > 1 ? 'were' : 'was'} not added: ${listed(unreadable)}`;
    say(before ? `${before}. ${why}` : why);
  }
}
