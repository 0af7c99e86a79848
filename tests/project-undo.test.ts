import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores } = await import('../src/state/coordinator');
const { useProject } = await import('../src/state/project');
const { useUndo, runUndo } = await import('../src/state/undo');
const { deleteClass, deleteImages, moveImages } = await import('../src/state/project-undo');

const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
const image = (id: string) => ({ id, file: file(`${id}.png`), url: '' });
const layout = () => useProject.getState().classes.map((c) => `${c.name}: ${c.images.map((i) => i.id).join(' ')}`);
const lastUndo = () => useUndo.getState().entries.at(-1)!.id;
let disconnect: () => void;

beforeEach(() => {
  resetWorker();
  installLocalStorage();
  Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });
  useUndo.setState({ entries: [] });
  useProject.setState({
    locked: null,
    notice: null,
    classes: [
      { id: 'c1', name: 'cats', images: [image('a'), image('b'), image('c')] },
      { id: 'c2', name: 'dogs', images: [image('d')] },
    ],
  });
  disconnect = connectStores();
});
afterEach(() => disconnect());

describe('project undo puts the project back through the project store (putBack)', () => {
  const before = ['cats: a b c', 'dogs: d'];

  it('deleted images and a deleted class come back at their old places', async () => {
    deleteImages(['b']);
    deleteClass('c2');
    expect(layout()).toEqual(['cats: a c']);
    await runUndo(lastUndo());
    await runUndo(lastUndo());
    expect(layout()).toEqual(before);
  });

  it('moved images go back to the class they came from, at their old index', async () => {
    moveImages(['a', 'c'], 'c2');
    expect(layout()).toEqual(['cats: b', 'dogs: d a c']);
    await runUndo(lastUndo());
    expect(layout()).toEqual(before);
  });
});
