import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

/** the model database opens once `gate` lets it (never, while it is a promise that never settles) */
const h = vi.hoisted(() => ({ gate: null as Promise<void> | null, opens: 0, blocked: false }));
vi.mock('../src/core/storage/databases', async (original) => {
  const real = await original<typeof import('../src/core/storage/databases')>();
  return {
    ...real,
    openDatabase: (id: Parameters<typeof real.openDatabase>[0]) => {
      // site data blocked: indexedDB.open throws as it is called
      if (id === 'model' && h.blocked) throw new DOMException('The operation is insecure.', 'SecurityError');
      if (id !== 'model' || !h.gate) return real.openDatabase(id);
      h.opens++;
      return h.gate.then(() => real.openDatabase(id));
    },
  };
});

const { STORAGE_PATIENCE_MS } = await import('../src/core/within');
const { keepLastModel, keepModelRecord, LAST_MODEL_KEY } = await import('../src/core/storage/model-writer');
const store = await import('../src/state/model-store');
const { exportForSaved } = await import('../src/state/saved-export');
const { modelsForZip } = await import('../src/ui/project-carried');
const { useModelInUse } = await import('../src/state/model-in-use');
const { openDatabase, closeDatabases } = await import('../src/core/storage/databases');

/** what the page says of storage that never answered */
const STORAGE_SILENT = 'browser storage did not answer';
const never = () => new Promise<void>(() => undefined);
const record = (zip: Uint8Array) => ({ zip, result: { acc: 1 }, savedAt: '2026-01-01T00:00:00.000Z' });

/** what `promise` settled to once the storage patience has passed (undefined: still waiting) */
async function afterPatience<T>(promise: Promise<T>): Promise<{ value: T } | { error: Error } | undefined> {
  let settled: { value: T } | { error: Error } | undefined;
  promise.then(
    (value) => (settled = { value }),
    (error: Error) => (settled = { error }),
  );
  await vi.advanceTimersByTimeAsync(STORAGE_PATIENCE_MS + 1);
  return settled;
}

beforeEach(() => {
  h.gate = never();
  h.opens = 0;
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  h.gate = null;
  h.blocked = false;
  await closeDatabases();
});

describe('the worker keeping a trained model, with model storage that never answers', () => {
  it('resolves to why it was not kept after the storage patience, without trying again', async () => {
    expect(await afterPatience(keepLastModel(record(Uint8Array.of(1, 2, 3))))).toEqual({ value: STORAGE_SILENT });
    // the fallback (the model before it dropped) would wait as long again on the same storage
    expect(h.opens).toBe(1);
  });

  it('stores its own copy of the zip: the page is handed the export buffer while the put may still wait', async () => {
    let open!: () => void;
    h.gate = new Promise<void>((r) => (open = r));
    const zip = Uint8Array.of(4, 5, 6);
    expect(await afterPatience(keepLastModel(record(zip)))).toEqual({ value: STORAGE_SILENT });
    // as Comlink.transfer does with the export's buffer
    structuredClone(zip.buffer, { transfer: [zip.buffer] });
    expect(zip.length).toBe(0);
    vi.useRealTimers();
    open();
    // the late write lands (storage answering at last keeps the model after all)
    let kept: { zip: Uint8Array } | undefined;
    for (let i = 0; i < 50 && !kept; i++) {
      await new Promise((r) => setTimeout(r, 5));
      kept = (await (await openDatabase('model')).get('model', LAST_MODEL_KEY)) as typeof kept;
    }
    expect(kept?.zip).toEqual(Uint8Array.of(4, 5, 6));
  });
});

describe('a record kept from the page, with model storage that never answers', () => {
  it('resolves to why it was not kept after the storage patience', async () => {
    expect(await afterPatience(keepModelRecord('runs', [], 'The run history'))).toEqual({ value: STORAGE_SILENT });
  });

  it('an imported model is not kept, and says why', async () => {
    const kept = store.keepImportedModel({ zip: Uint8Array.of(1), name: 'a.zip', savedAt: 'now' });
    expect(await afterPatience(kept)).toEqual({ value: STORAGE_SILENT });
  });
});

describe('reading or forgetting a stored record, with model storage that never answers', () => {
  it.each<[string, () => Promise<unknown>]>([
    ['the saved model', () => store.loadSavedModel()],
    ['the imported model', () => store.loadImportedModel()],
    ['the starting point', () => store.loadStartingPoint()],
    ['the model before the last', () => store.loadPreviousModel()],
    ['forgetting the imported model', () => store.forgetImportedModel()],
    ['forgetting the saved model', () => store.forgetSavedModel()],
    ['the saved model’s downloads', () => exportForSaved()],
  ])('%s is refused after the storage patience', async (_, call) => {
    const settled = await afterPatience(call());
    expect(settled && 'error' in settled && settled.error.message).toBe(STORAGE_SILENT);
  });

  it('storage that throws as it opens refuses at once, as a rejection (callers catch rejections, not throws)', async () => {
    h.blocked = true;
    const read = store.loadSavedModel();
    await expect(read).rejects.toThrow('The operation is insecure.');
    expect(await keepModelRecord('runs', [], 'The run history')).toBe('The operation is insecure.');
  });

  it('forgetting the interrupted run gives up quietly (some callers do not wait for it)', async () => {
    expect(await afterPatience(store.forgetInterrupted())).toEqual({ value: undefined });
  });
});

describe('the models a project zip carries, with model storage that never answers', () => {
  it('a stored model that cannot be read is said, not waited for', async () => {
    useModelInUse.setState({
      model: { kind: 'imported', labels: ['a', 'b'], inputSize: 224, cropMode: 'center', name: 'a.zip' },
    });
    const settled = await afterPatience(modelsForZip());
    expect(settled && 'error' in settled && settled.error.message).toBe(
      `the model kept in this browser could not be read: ${STORAGE_SILENT}`,
    );
  });

  it('as after a reload (the model trained here read back from storage)', async () => {
    useModelInUse.setState({ model: null });
    const settled = await afterPatience(modelsForZip());
    expect(settled && 'error' in settled && settled.error.message).toBe(
      `the model kept in this browser could not be read: ${STORAGE_SILENT}`,
    );
  });
});
