import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { all, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const SLOW = { timeout: 30_000 };

const { resetWorker, installLocalStorage } = await import('./fake-worker');
const { startAutosave, usePersistence } = await import('../src/state/persist');
const { useProject } = await import('../src/state/project');
const { connectStores } = await import('../src/state/coordinator');
const { closeDatabases } = await import('../src/core/storage/databases');
const { ProjectBar } = await import('../src/ui/ProjectBar');

const page = new EventTarget();
Object.assign(globalThis, {
  addEventListener: page.addEventListener.bind(page),
  removeEventListener: page.removeEventListener.bind(page),
});

/** the browser's answer to persisted(), as a persist() call would leave it */
const browser = { kept: false, grants: false };
const storage = {
  estimate: vi.fn(async () => ({ usage: 1000, quota: 1_000_000 })),
  persisted: vi.fn(async () => browser.kept),
  persist: vi.fn(async () => (browser.kept = browser.grants)),
};

let disconnect: () => void;
let stop: () => void = () => undefined;

beforeEach(async () => {
  await closeDatabases();
  globalThis.indexedDB = new IDBFactory();
  resetWorker();
  installLocalStorage();
  vi.stubGlobal('navigator', { storage });
  useProject.setState({ classes: [] });
  disconnect = connectStores();
});
afterEach(async () => {
  stop();
  disconnect();
  vi.unstubAllGlobals();
  await closeDatabases();
});

const file = (n: string) => new File([new Uint8Array(100)], n, { type: 'image/png' });
/** the small print under the save state */
const note = () => {
  seed(usePersistence, usePersistence.getState());
  const status = all(parse(markup(ProjectBar)), (n) => n.attrs['data-testid'] === 'save-status')[0];
  return all(status, (n) => n.attrs['data-testid'] === 'not-kept')[0]?.text ?? null;
};

describe('asking the browser to keep the project', () => {
  it('asks once, on the first save with images, and says the project may be cleared while the browser does not keep it', async () => {
    stop = startAutosave(0);
    useProject.setState({ classes: [{ id: 'a', name: 'A', images: [] }] });
    await vi.waitFor(() => expect(usePersistence.getState().status).toBe('saved'), SLOW);
    await new Promise((r) => setTimeout(r, 20));
    // classes alone: not yet worth asking (Firefox may ask the person)
    expect(storage.persist).not.toHaveBeenCalled();
    useProject.setState({ classes: [{ id: 'a', name: 'A', images: [{ id: 'k1', file: file('k1.png'), url: '' }] }] });
    await vi.waitFor(() => expect(storage.persist).toHaveBeenCalledTimes(1), SLOW);
    await vi.waitFor(() => expect(usePersistence.getState()).toMatchObject({ status: 'saved', kept: false }), SLOW);
    expect(note()).toMatch(/browser may clear/);
    // with its remedy, a button that downloads the project (tests/projectbar-keep-copy.test.ts)
    expect(note()).toContain('keep a copy of the project (zip)');
    // asked once: later saves do not ask again
    useProject.getState().renameClass('a', 'A2');
    await vi.waitFor(() => expect(storage.persisted.mock.calls.length).toBeGreaterThan(3), SLOW);
    await new Promise((r) => setTimeout(r, 50));
    expect(storage.persist).toHaveBeenCalledTimes(1);
    // kept (granted later, from the site's settings): the note goes
    browser.kept = true;
    useProject.getState().renameClass('a', 'A3');
    await vi.waitFor(() => expect(usePersistence.getState().kept).toBe(true), SLOW);
    expect(note()).toBeNull();
  });

  it('storage full: the alert offers to try saving again', () => {
    seed(usePersistence, {
      status: 'error',
      error: 'Browser storage is full: 2 images are saved, 1 newer one is not.',
      full: true,
      kept: true,
      savedImages: 2,
    });
    const alert = all(parse(markup(ProjectBar)), (n) => n.attrs.role === 'alert')[0];
    expect(all(alert, (n) => n.tag === 'button').map((b) => b.text)).toEqual(['Try saving again']);
  });
});
