import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { projectStoresEachTest } = await import('./store-harness');
const { useProject } = await import('../src/state/project');
const { useUndo, runUndo, savedUndos } = await import('../src/state/undo');
const { replaceProject, reviveUndos, projectUndoContext } = await import('../src/state/project-undo');
const { applyRecord } = await import('../src/state/page-record');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');

const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
const image = (id: string) => ({ id, file: file(`${id}.png`), url: '' });
const record = (backboneId: string) => ({
  version: 1 as const,
  classes: [{ id: 'o1', name: 'birds', images: [] }],
  settings: { ...DEFAULT_SETTINGS },
  backboneId,
  savedAt: '',
});
const clean = record('mobilenet-v1-0.25');
const foreign = record('custom-gone');
const open = (r: typeof clean) => replaceProject('Opened other.zip', () => void applyRecord(r, () => undefined));
const notice = () => useProject.getState().notice;

projectStoresEachTest({
  project: () => ({ classes: [{ id: 'c1', name: 'cats', images: [image('a')] }] }),
  settle: true,
});

describe("an opened project does not keep the replaced one's Data-step notice", () => {
  it('a clean record put in place clears the notice before it', () => {
    useProject.getState().setNotice('old');
    applyRecord(clean, () => undefined);
    expect(notice()).toBeNull();
  });

  it('opening a clean project after one made on a missing backbone drops the words about that backbone', async () => {
    await open(foreign);
    expect(notice()).toMatch(/"custom-gone", which this browser does not have/);
    await open(clean);
    expect(notice()).toBeNull();
  });

  it("undoing an Open puts back the earlier project without the opened one's notice", async () => {
    await open(foreign);
    expect(notice()).toMatch(/custom-gone/);
    await runUndo(useUndo.getState().entries.at(-1)!.id);
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats']);
    expect(notice()).toBeNull();
  });

  it("the undo's own note on what it could not bring back still shows", async () => {
    await open(foreign);
    // after a reload the earlier project's image comes from storage, which this test never wrote
    const stored = JSON.parse(JSON.stringify(savedUndos()));
    useUndo.setState({ entries: [] });
    projectUndoContext.connect({ ...projectUndoContext.get(), loadSavedUndos: () => stored });
    await reviveUndos();
    await runUndo(useUndo.getState().entries.at(-1)!.id);
    expect(notice()).toBe('1 image of the earlier project could not be found in browser storage.');
  });
});
