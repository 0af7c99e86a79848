import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { projectStoresEachTest } = await import('./store-harness');
const { emptyProject } = await import('../src/state/coordinator');
const { useProject } = await import('../src/state/project');
const { useUndo, runUndo } = await import('../src/state/undo');
const { replaceProject } = await import('../src/state/project-undo');
const { stashTrained, unstashTrained, forgetStash } = await import('../src/state/trained-stash');
const { closeDatabases } = await import('../src/core/storage/databases');

const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });

projectStoresEachTest({
  project: () => ({ classes: [{ id: 'c1', name: 'cats', images: [{ id: 'a', file: file('a.png'), url: '' }] }] }),
});
beforeEach(async () => {
  // site data blocked (Firefox with cookies off, some private windows): opening any database throws
  await closeDatabases();
  vi.spyOn(indexedDB, 'open').mockImplementation(() => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('a project is replaced when the browser blocks site data', () => {
  it('stashing, unstashing and forgetting find nothing stored, and fail nothing', async () => {
    await expect(stashTrained('stash-blocked')).resolves.toEqual({ notKept: null, hadModel: false });
    await expect(unstashTrained('stash-blocked')).resolves.toBeNull();
    await expect(forgetStash('stash-blocked')).resolves.toBeUndefined();
  });

  it('New project replaces the project, and its undo puts it back', async () => {
    await expect(replaceProject('Started a new project', emptyProject)).resolves.toBeUndefined();
    expect(useProject.getState().classes).toEqual([]);
    expect(useUndo.getState().entries.at(-1)!.label).toBe('Started a new project');
    expect(await runUndo(useUndo.getState().entries.at(-1)!.id)).toBe(true);
    expect(useProject.getState().classes.map((c) => c.name)).toEqual(['cats']);
  });
});
