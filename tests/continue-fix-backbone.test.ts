import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { BackboneInfo } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { backboneInfo, continuePage } = await import('./helpers-continue-page');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { useLrSuggestion } = await import('../src/state/lr-suggestion');
const { startingPointFor } = await import('../src/ui/train-blockers');
const { keepSavedModel } = await import('../src/state/model-store');
const { useUndo, runUndo } = await import('../src/state/undo');

const info = backboneInfo;
continuePage();

const spec = { id: 'imported-m', name: 'm', inputSize: 224 };
const continued = () => ({
  ...(info('imported-m', 0) as BackboneInfo),
  spec,
  start: { modelName: 'm.zip', labels: ['a', 'b'], hiddenUnits: 16 },
});
const imported = () =>
  useModelInUse.setState({
    model: { kind: 'imported', labels: ['a', 'b'], inputSize: 224, cropMode: 'center', name: 'm.zip' },
  });

/** the worker's jobs, run one after another as it runs them; Continue's reading waits for `release` */
function workerInTurns() {
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(job: () => Promise<T>): Promise<T> => {
    const done = queue.then(job);
    queue = done;
    return done;
  };
  let release!: () => void;
  const reading = new Promise<void>((r) => (release = r));
  return { inTurn, release: () => release(), reading };
}

describe("Continue's backbone is loaded as any other", () => {
  it('a backbone picked while Continue works is the one selected and loaded once both are done', async () => {
    await useBackbone.getState().select('big');
    useTraining.getState().updateSettings({ unfreeze: 3 });
    imported();
    // the worker runs its jobs in turn: Continue's first, then the pick's load
    const { inTurn, release, reading } = workerInTurns();
    worker.continueImported = () => inTurn(async () => (await reading, continued()));
    worker.loadBackbone = (id: string) => inTurn(async () => info(id, 5));
    const continuing = useModelInUse.getState().continueImported();
    const pick = useBackbone.getState().select('other');
    release();
    await Promise.all([continuing, pick]);
    const b = useBackbone.getState();
    expect(b).toMatchObject({ selected: 'other', status: 'ready', loaded: { id: 'other' } });
    // the starting point stays tied to the imported backbone: it does not apply to the one picked
    expect(useModelInUse.getState().startFrom?.backboneId).toBe('imported-m');
    expect(startingPointFor(useModelInUse.getState().startFrom, b.loaded?.id)).toBeNull();
    // the freeze choice of the backbone before Continue was noted before Continue changed it
    await useBackbone.getState().select('big');
    expect(useTraining.getState().settings.unfreeze).toBe(3);
  });

  it("the previous backbone's charts and LR curve go, and its freeze choice comes back when picked again", async () => {
    await useBackbone.getState().select('big');
    useTraining.getState().updateSettings({ unfreeze: 3, frozenBlocks: ['block 0'] });
    const curve = [{ epoch: 1, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5, seconds: 1 }];
    useTraining.setState({ epochs: curve, batches: [{ step: 1, loss: 1 }] as never });
    useLrSuggestion.setState({ suggestion: { rate: 0.01 } } as never);
    imported();
    worker.continueImported = async () => continued();
    await useModelInUse.getState().continueImported();
    expect(useBackbone.getState()).toMatchObject({
      selected: 'imported-m',
      loaded: { id: 'imported-m' },
      lastLoad: { before: { id: 'big' }, loaded: { id: 'imported-m' } },
    });
    expect(useTraining.getState()).toMatchObject({ epochs: [], batches: [], settings: { unfreeze: 0 } });
    expect(useLrSuggestion.getState().suggestion).toBeNull();
    // the model Continue made the starting point still answers Try it
    expect(useModelInUse.getState().model?.name).toBe('m.zip');
    await useBackbone.getState().select('big');
    expect(useTraining.getState().settings).toMatchObject({ unfreeze: 3, frozenBlocks: ['block 0'] });
  });

  it('a model trained earlier on the imported backbone is not read back over what Continue put in place', async () => {
    await useBackbone.getState().select('big');
    // an earlier Continue of this model trained on its backbone; that run is kept in storage
    const result = { valAccuracy: 0.9, images: { val: 1, train: 1 }, classes: ['a', 'b'], history: [] } as never;
    await keepSavedModel({
      zip: Uint8Array.of(6),
      result,
      savedAt: '2026-01-03T00:00:00.000Z',
      backboneId: 'imported-m',
    });
    const readBack: number[] = [];
    worker.importModel = async (zip: Uint8Array) =>
      (readBack.push(zip[0]), { labels: ['a', 'b'], inputSize: 224 }) as never;
    imported();
    worker.continueImported = async () => continued();
    await useModelInUse.getState().continueImported();
    await new Promise((r) => setTimeout(r, 50));
    expect(readBack).toEqual([]);
    expect(useTraining.getState().result).toBeNull();
    expect(useModelInUse.getState().model?.name).toBe('m.zip');
    // and Continue stays undoable
    const offer = useUndo.getState().entries.at(-1)!;
    expect(offer.label).toMatch(/Continuing/);
    expect(await runUndo(offer.id)).toBe(true);
  });

  it('a pick made while a backend move waits behind Continue is not dropped', async () => {
    await useBackbone.getState().select('big');
    useBackbone.setState({ backend: { active: 'webgl', probes: [] } as never });
    imported();
    const { inTurn, release, reading } = workerInTurns();
    let inWorker = 'big';
    worker.continueImported = () => inTurn(async () => (await reading, (inWorker = 'imported-m'), continued()));
    worker.switchBackend = (name: string) =>
      inTurn(async () => ({
        backend: { active: name, probes: [] },
        reloaded: { backbone: info(inWorker, 0) },
      })) as never;
    worker.loadBackbone = (id: string) => inTurn(async () => ((inWorker = id), info(id, 5)));
    const continuing = useModelInUse.getState().continueImported();
    const move = useBackbone.getState().switchBackend('wasm');
    const pick = useBackbone.getState().select('other');
    release();
    await Promise.all([continuing, move, pick]);
    expect(useBackbone.getState()).toMatchObject({ selected: 'other', status: 'ready', loaded: { id: 'other' } });
    expect(inWorker).toBe('other');
  });
});
