import { vi } from 'vitest';
import { resetWorker, installLocalStorage } from './fake-worker';
import { connectStores } from '../src/state/coordinator';
import { useProject, type ProjectClass } from '../src/state/project';
import { useUndo } from '../src/state/undo';
import { setGenerations } from '../src/state/project-generations';
import { closeDatabases } from '../src/core/storage/databases';

/**
 * A page whose project edits are undone, for the project-undo tests. Import it after
 * `vi.mock('../src/worker/client', () => import('./fake-worker'))`, as the stores it loads.
 */

export const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
export const image = (id: string) => ({ id, file: file(`${id}.png`), url: '' });

// fixed ids: the tests move images into a class by its id
const CLASS_IDS = { cats: 'c1', dogs: 'c2', birds: 'c3' };

/** The classes, in the order given, holding the images named (cats is c1, dogs c2, birds c3). */
export const classesHolding = (held: Partial<Record<keyof typeof CLASS_IDS, string[]>>): ProjectClass[] =>
  Object.entries(held).map(([name, ids]) => ({
    id: CLASS_IDS[name as keyof typeof CLASS_IDS],
    name,
    images: ids.map(image),
  }));

/** Each class as `name: its image ids`, in the project's order. */
export const layout = () =>
  useProject.getState().classes.map((c) => `${c.name}: ${c.images.map((i) => i.id).join(' ')}`);
export const lastUndo = () => useUndo.getState().entries.at(-1)!.id;
/** the writes the page left running (fire and forget) have ended */
export const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

/**
 * The page opened on project generation `project` holding `classes`, no undo offered; its stores
 * connected. Returns their disconnect, for closeUndoPage.
 */
export function openUndoPage(project: number, classes: ProjectClass[]): () => void {
  resetWorker();
  installLocalStorage();
  setGenerations({ current: project, issued: project });
  Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });
  useUndo.setState({ entries: [] });
  useProject.setState({ locked: null, notice: null, classes });
  return connectStores();
}

export async function closeUndoPage(disconnect: () => void): Promise<void> {
  disconnect();
  vi.restoreAllMocks();
  await closeDatabases();
}
