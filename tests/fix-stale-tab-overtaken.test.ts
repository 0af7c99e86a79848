import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/**
 * Tabs as the browser links them (as in fix-handover-save-cap.test.ts): one lock, and channels that
 * hear each other. `freeze` makes the channels open so far deaf and mute (a holder frozen in the
 * background); a steal makes the holder's request reject, as Web Locks does.
 */
function browser() {
  const channels = new Set<{ onmessage: ((e: MessageEvent) => void) | null }>();
  const frozen = new Set<unknown>();
  class Channel {
    onmessage: ((e: MessageEvent) => void) | null = null;
    constructor() {
      channels.add(this);
    }
    postMessage(data: unknown) {
      if (frozen.has(this)) return;
      for (const c of channels)
        if (c !== this && !frozen.has(c)) queueMicrotask(() => c.onmessage?.({ data } as MessageEvent));
    }
    close() {
      channels.delete(this);
    }
  }
  let holder: (() => void) | null = null;
  const request = (_name: string, options: LockOptions, granted: () => Promise<never>) =>
    new Promise((_resolve, reject) => {
      if (!holder || options.steal) {
        holder?.();
        holder = () => reject(new DOMException('stolen', 'AbortError'));
        return void granted();
      }
      options.signal?.addEventListener('abort', () => reject(options.signal!.reason as Error));
    });
  const page = new EventTarget();
  vi.stubGlobal('navigator', { locks: { request } });
  vi.stubGlobal('BroadcastChannel', Channel);
  vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
  vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page));
  return { page, freeze: () => channels.forEach((c) => frozen.add(c)) };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const file = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
/** B's own project, saved after it took over */
const recordOfB = { version: 1, classes: [], savedAt: new Date(Date.now() + 3_600_000).toISOString(), mark: 'B' };

/**
 * Tab A holds the project and autosaves; frozen, it makes a change 100 ms before tab B, hearing
 * nothing for HANDOVER_MS, takes the project from it. Time runs on fake timers; storage on real ones.
 */
async function overtaken() {
  vi.resetModules();
  globalThis.indexedDB = new IDBFactory();
  const tabs = browser();
  const fake = await import('./fake-worker');
  fake.resetWorker();
  fake.installLocalStorage();
  Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });
  const a = {
    oneTab: await import('../src/state/one-tab'),
    persist: await import('../src/state/persist'),
    coordinator: await import('../src/state/coordinator'),
    project: await import('../src/state/project'),
    undo: await import('../src/state/undo'),
    projectUndo: await import('../src/state/project-undo'),
    local: await import('../src/core/storage/local'),
    databases: await import('../src/core/storage/databases'),
    models: await import('../src/core/storage/model-writer'),
  };
  a.coordinator.connectStores();
  const left: string[] = [];
  expect(await a.oneTab.claimProject((how) => void left.push(how))).toBe(true);
  a.persist.startAutosave();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  tabs.freeze();
  vi.resetModules();
  const b = await import('../src/state/one-tab');
  void b.takeProject(() => undefined);
  /** fake time passes, and storage (on real timers) answers meanwhile */
  const pass = async (ms: number) => {
    for (let t = 0; t < ms; t += 10) {
      await vi.advanceTimersByTimeAsync(10);
      await new Promise((r) => setImmediate(r));
    }
  };
  return {
    a,
    left,
    tabs,
    pass,
    /** waits (fake time passing) for work that goes to storage */
    async done<T>(work: Promise<T>): Promise<T> {
      let over = false;
      void work.finally(() => (over = true));
      for (let t = 0; !over && t < 5_000; t += 10) await pass(10);
      return work;
    },
    storedRecord: async () => (await a.databases.openDatabase('project')).get('meta', 'project'),
  };
}

const change = (a: Awaited<ReturnType<typeof overtaken>>['a']) =>
  a.project.useProject.setState({
    classes: [{ id: 'c1', name: 'cats', images: [{ id: 'i1', file: file('i1.png'), url: '' }] }],
  });

describe('a tab another tab took the project from', () => {
  it('writes no record as its page goes', async () => {
    const t = await overtaken();
    await t.pass(14_900);
    change(t.a);
    await t.pass(200);
    expect(t.left).toEqual(['overtaken']);
    t.tabs.page.dispatchEvent(new Event('pagehide'));
    expect(t.a.local.readLocal('pendingRecord')).toBeNull();
    expect(t.a.local.readLocal('pendingUndo')).toBeNull();
  });

  it('does not save a change its timer still held', async () => {
    const t = await overtaken();
    await t.pass(14_900);
    change(t.a);
    await t.pass(200);
    expect(t.left).toEqual(['overtaken']);
    await (await t.a.databases.openDatabase('project')).put('meta', recordOfB, 'project');
    await t.pass(3_000);
    expect(await t.storedRecord()).toEqual(recordOfB);
    const images = await (await t.a.databases.openDatabase('project')).getAllKeys('images');
    expect(images).toEqual([]);
  });

  it('does not forget the stash of an undo whose toast runs out there', async () => {
    const t = await overtaken();
    const { databases, models, projectUndo, coordinator, undo } = t.a;
    const stashes = async () =>
      (await (await databases.openDatabase('model')).getAllKeys('model'))
        .map(String)
        .filter((k) => k.startsWith('stash-'));
    // A, a model trained, replaced its project (the model stashed for the undo) as B began to wait
    await t.done(
      models.keepLastModel({
        zip: new Uint8Array(10),
        result: { valAccuracy: 0.9 },
        savedAt: new Date().toISOString(),
      }),
    );
    change(t.a);
    await t.pass(1_000);
    await t.done(projectUndo.replaceProject('New project', coordinator.emptyProject));
    const [stash] = await t.done(stashes());
    expect(stash).toBeDefined();
    await t.pass(15_000 - 1_000);
    expect(t.left).toEqual(['overtaken']);
    // its toast runs out: B, which revived that undo from A's last save, still needs the stash
    await t.pass(3_000);
    expect(undo.useUndo.getState().entries).toEqual([]);
    expect(await t.done(stashes())).toEqual([stash]);
  });
});
