import { useProject } from '../state/project';
import { addDropped } from './folderAdding';

/**
 * Photos chosen on a phone with the step's own "Choose photos" (a phone has no folders to pick):
 * a class of their own, for the person to name, checked as images dropped onto a card are. The
 * folder input's way for loose images said they were "dropped outside a class".
 */
export async function addPhotosAsClass(files: readonly File[]): Promise<void> {
  if (!files.length) return;
  const { addClass, setNotice } = useProject.getState();
  const made = addClass();
  const name = useProject.getState().classes.find((c) => c.id === made)?.name ?? '';
  // what the adding says of its photos (none readable, a zip among them) follows the line below
  setNotice(null);
  await addDropped({ files: files.map((file) => ({ file, folders: [] })), unreadable: [] }, made, name);
  const { classes, locked, notice, dropEmptyClass } = useProject.getState();
  const kept = classes.find((c) => c.id === made);
  // every one of them refused: no empty class left behind
  if (kept && !kept.images.length) return dropEmptyClass(made);
  if (!kept) return;
  // while a run holds the project the class's name cannot change
  const naming = locked ? 'name it once the run ends' : 'give it its name';
  setNotice([`The photos became a new class, “${name}”: ${naming}`, notice].filter(Boolean).join('. '), {
    id: made,
    rest: notice,
  });
}
