import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackboneInfo } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores } = await import('../src/state/coordinator');
const { useBackbone } = await import('../src/state/backbone');
const { closeDatabases } = await import('../src/core/storage/databases');

const info = (id: string, source = 'local') =>
  ({ id, blocks: [{ name: 'block 0' }], source }) as unknown as BackboneInfo;
const initial = useBackbone.getState();
let disconnect: () => void;
/** what the worker holds: its loads run one at a time, in the order asked (worker/gate.ts) */
let inWorker: string;
let chain: Promise<unknown>;
const inOrder = <T>(job: () => Promise<T>) => {
  const p = chain.then(job);
  chain = p.catch(() => undefined);
  return p;
};

beforeEach(() => {
  resetWorker();
  installLocalStorage();
  useBackbone.setState(initial, true);
  inWorker = 'none';
  chain = Promise.resolve();
  worker.loadBackbone = (id: string) =>
    inOrder(async () => {
      await new Promise((r) => setTimeout(r, 30));
      inWorker = id;
      return info(id);
    });
  disconnect = connectStores();
});
afterEach(async () => {
  disconnect();
  await closeDatabases();
});

describe('another way of loading a backbone while a picked one loads', () => {
  it('Load backbone from files fails: the page names the picked backbone the worker holds, not the one before', async () => {
    worker.loadBackboneFiles = () => inOrder(() => Promise.reject(new Error('weights file missing')));
    await useBackbone.getState().select('small');
    const picking = useBackbone.getState().select('big');
    // the file picker stays usable while a backbone loads
    const files = useBackbone.getState().loadFromFiles([new File(['{}'], 'model.json')]);
    await Promise.all([picking, files]);
    const s = useBackbone.getState();
    expect(inWorker).toBe('big');
    expect(s.loaded?.id).toBe('big');
    expect(s.status).toBe('ready');
    expect(s.error).toBe('weights file missing');
  });

  it('a brought backbone fails to load (loadWith): the same', async () => {
    await useBackbone.getState().select('small');
    const picking = useBackbone.getState().select('big');
    const brought = useBackbone
      .getState()
      .loadWith(() => inOrder(() => Promise.reject(new Error('not a layers model'))));
    await Promise.all([picking, brought]);
    expect(inWorker).toBe('big');
    expect(useBackbone.getState().loaded?.id).toBe('big');
  });

  it('files loaded after the pick: they are what is loaded, and the load before them is the pick', async () => {
    worker.loadBackboneFiles = (id: string) =>
      inOrder(async () => {
        inWorker = `${id} from files`;
        return info(id, 'files');
      });
    await useBackbone.getState().select('small');
    const picking = useBackbone.getState().select('big');
    const files = useBackbone.getState().loadFromFiles([new File(['{}'], 'model.json')]);
    await Promise.all([picking, files]);
    const s = useBackbone.getState();
    expect(inWorker).toBe('big from files');
    expect(s.loaded).toMatchObject({ id: 'big', source: 'files' });
    expect(s.lastLoad?.before).toMatchObject({ id: 'big', source: 'local' });
  });

  it('a pick while files load waits for them, as it waits for another pick', async () => {
    let filesLoaded!: () => void;
    worker.loadBackboneFiles = (id: string) =>
      inOrder(
        () =>
          new Promise((done) => {
            filesLoaded = () => {
              inWorker = `${id} from files`;
              done(info(id, 'files'));
            };
          }),
      );
    await useBackbone.getState().select('small');
    const files = useBackbone.getState().loadFromFiles([new File(['{}'], 'model.json')]);
    const picking = useBackbone.getState().select('big');
    await new Promise((r) => setTimeout(r, 40));
    filesLoaded();
    await Promise.all([files, picking]);
    expect(inWorker).toBe('big');
    expect(useBackbone.getState().lastLoad).toMatchObject({
      before: { id: 'small', source: 'files' },
      loaded: { id: 'big', source: 'local' },
    });
  });
});
