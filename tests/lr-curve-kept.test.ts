import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lrProject } from './fixtures/lr-project';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { backboneInfo } = await import('./store-harness');
const { connectStores } = await import('../src/state/coordinator');
const { useProject } = await import('../src/state/project');
const { useBackbone } = await import('../src/state/backbone');
const { useLrSuggestion } = await import('../src/state/lr-suggestion');
const { loadKeptCurve } = await import('../src/state/lr-curve-kept');
const { openDatabase, closeDatabases } = await import('../src/core/storage/databases');

const image = (id: string) => ({ id, file: new File([new Uint8Array([1])], `${id}.png`), url: '' });
const initial = { lr: useLrSuggestion.getState(), backbone: useBackbone.getState() };
const curve = {
  status: 'done' as const,
  points: [
    { lr: 1e-4, loss: 1.2 },
    { lr: 1e-3, loss: 0.8 },
  ],
  suggestion: 5e-4,
  sweptWith: { batchSize: 16 } as never,
  diverged: false,
  stopped: false,
};
let disconnect: () => void;

/** the page: the project's classes, its stores connected, its backbone loaded */
async function open(backbone = 'b') {
  useLrSuggestion.setState(initial.lr, true);
  useBackbone.setState(initial.backbone, true);
  disconnect = connectStores();
  await useBackbone.getState().select(backbone);
}
/** the page goes; the next one starts from the stores' first state (the project as its restore brings it) */
const reload = async (backbone = 'b') => (disconnect(), await open(backbone));
const shown = () => useLrSuggestion.getState();

beforeEach(async () => {
  resetWorker();
  installLocalStorage();
  worker.loadBackbone = async (id: string) => backboneInfo(id);
  useProject.setState(lrProject());
  await (await openDatabase('model')).clear('model');
  await open();
  useLrSuggestion.setState(curve);
  await vi.waitFor(async () => expect(await loadKeptCurve()).not.toBeNull());
});
afterEach(async () => {
  disconnect();
  await closeDatabases();
});

describe("the learning-rate finder's curve", () => {
  it('is back after a reload, with its suggestion and what it was measured with', async () => {
    await reload();
    await vi.waitFor(() => expect(shown().status).toBe('done'));
    expect(shown()).toMatchObject(curve);
  });

  it('is not back onto other images or another backbone', async () => {
    const classes = useProject.getState().classes;
    disconnect();
    useProject.setState({ classes: [classes[0], { ...classes[1], images: [image('e')] }] });
    await open();
    await new Promise((r) => setTimeout(r, 50));
    expect(shown()).toMatchObject({ status: 'idle', points: [] });
    disconnect();
    useProject.setState({ classes });
    await open('other');
    await new Promise((r) => setTimeout(r, 50));
    expect(shown().points).toEqual([]);
  });

  it('is forgotten in storage once the finder drops it (the images changed)', async () => {
    useProject.getState().removeImages(['d']);
    expect(shown().points).toEqual([]);
    await vi.waitFor(async () => expect(await loadKeptCurve()).toBeNull());
  });
});
