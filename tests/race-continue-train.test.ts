import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackboneInfo } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores } = await import('../src/state/coordinator');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { useModelInUse } = await import('../src/state/model-in-use');
const { closeDatabases } = await import('../src/core/storage/databases');
const { registerBackbone } = await import('../src/core/backbones/registry');

const info = (id: string, blocks: number) =>
  ({
    id,
    blocks: Array.from({ length: blocks }, (_, i) => ({ name: `block ${i}` })),
    source: 'local',
  }) as never as BackboneInfo;
let disconnect: () => void;
beforeEach(() => {
  resetWorker();
  installLocalStorage();
  worker.loadBackbone = async (id: string) => info(id, 5);
  disconnect = connectStores();
});
afterEach(async () => {
  disconnect();
  await closeDatabases();
});

describe('Train pressed while Continue training is still reading the model', () => {
  it('does not start a run that Continue would then change under it (backbone, classes, settings)', async () => {
    await useBackbone.getState().select('big');
    const cats = useProject.getState().addClass('cats');
    const dogs = useProject.getState().addClass('dogs');
    const f = (n: string) => new File([new Uint8Array([1])], n, { type: 'image/png' });
    useProject.getState().addImages(cats, [f('a.png'), f('b.png')]);
    useProject.getState().addImages(dogs, [f('c.png'), f('d.png')]);
    useModelInUse.setState({
      model: { kind: 'imported', labels: ['cats', 'birds'], inputSize: 224, cropMode: 'center', name: 'm.zip' },
    });
    const spec = { id: 'imported-m', name: 'm', inputSize: 224 };
    registerBackbone({ ...spec, blocks: [] } as never);
    const start = { modelName: 'm.zip', labels: ['cats', 'birds'], hiddenUnits: 16 };
    let answer!: () => void;
    worker.continueImported = () => new Promise((r) => (answer = () => r({ ...info('imported-m', 0), spec, start })));
    let trained = 0;
    worker.train = () => (trained++, new Promise(() => undefined));
    const continuing = useModelInUse.getState().continueImported();
    await useTraining.getState().train();
    expect(trained).toBe(0);
    expect(useTraining.getState().status).toBe('idle');
    expect(useTraining.getState().error).toBe('Making m.zip the starting point: train once that is done.');
    answer();
    await continuing;
    // once it has ended, Train works on what Continue set up
    void useTraining.getState().train();
    await vi.waitFor(() => expect(trained).toBe(1));
  });
});
