import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { applyRecord } = await import('../src/state/page-record');
const { useProject } = await import('../src/state/project');
const { useModelInUse } = await import('../src/state/model-in-use');
const { backboneInfo, connectedStoresEachTest } = await import('./store-harness');
const { registerBackbone } = await import('../src/core/backbones/registry');

connectedStoresEachTest([useTraining, useBackbone]);
const info = backboneInfo;

describe("a project's backbone and its freeze choice", () => {
  it('a project opened while the first backbone still loads keeps its fine-tuning choice for its own backbone', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    worker.loadBackbone = async (id: string) => {
      if (id === 'mobilenet-v1-0.25') await slow;
      return info(id, 5);
    };
    // the first visit's default backbone, still arriving
    void useBackbone.getState().select('mobilenet-v1-0.25');
    expect(useBackbone.getState().status).toBe('loading');
    const settings = { ...DEFAULT_SETTINGS, unfreeze: 2, frozenBlocks: ['block 3'] };
    applyRecord({ version: 1, classes: [], settings, backboneId: 'mobilenet-v2-0.35', savedAt: '' }, () => undefined);
    release();
    await vi.waitFor(() => expect(useBackbone.getState().loaded?.id).toBe('mobilenet-v2-0.35'));
    expect(useTraining.getState().settings).toMatchObject({ unfreeze: 2, frozenBlocks: ['block 3'] });
  });

  it('a backbone picked by hand after that still starts head-only', async () => {
    worker.loadBackbone = async (id: string) => info(id, 5);
    await useBackbone.getState().select('mobilenet-v1-0.25');
    const settings = { ...DEFAULT_SETTINGS, unfreeze: 2, frozenBlocks: [] };
    applyRecord({ version: 1, classes: [], settings, backboneId: 'mobilenet-v2-0.35', savedAt: '' }, () => undefined);
    await vi.waitFor(() => expect(useBackbone.getState().loaded?.id).toBe('mobilenet-v2-0.35'));
    expect(useTraining.getState().settings.unfreeze).toBe(2);
    await useBackbone.getState().select('mobilenet-v1-0.25');
    expect(useTraining.getState().settings.unfreeze).toBe(0);
  });
});

describe('Train pressed while Continue training is still reading the model', () => {
  it('does not start a run that Continue would then change under it (backbone, classes, settings)', async () => {
    worker.loadBackbone = async (id: string) => info(id, 5);
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
