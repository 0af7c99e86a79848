import 'fake-indexeddb/auto';
import { strToU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackboneInfo } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores } = await import('../src/state/coordinator');
const { useBackbone } = await import('../src/state/backbone');
const { useProject } = await import('../src/state/project');
const { useModelInUse } = await import('../src/state/model-in-use');
const { closeDatabases } = await import('../src/core/storage/databases');
const { startCheckpoint } = await import('../src/core/model-import/head-start');
const { importModelFiles } = await import('../src/core/model-import/read-model-zip');
const { headColumns } = await import('../src/ui/train-blockers');

const info = (id: string) =>
  ({
    id,
    blocks: Array.from({ length: 5 }, (_, i) => ({ name: `block ${i}` })),
    source: 'local',
  }) as unknown as BackboneInfo;
const initial = { project: useProject.getState(), backbone: useBackbone.getState(), model: useModelInUse.getState() };
let disconnect: () => void;
beforeEach(() => {
  resetWorker();
  installLocalStorage();
  useProject.setState(initial.project, true);
  useBackbone.setState(initial.backbone, true);
  useModelInUse.setState(initial.model, true);
  worker.loadBackbone = async (id: string) => info(id);
  disconnect = connectStores();
});
afterEach(async () => {
  disconnect();
  await closeDatabases();
});

const names = () => useProject.getState().classes.map((c) => c.name);

describe("an imported model's labels beside the project's classes", () => {
  it('continuing matches a label to the class of that name read as a person reads it: no second "cat"', async () => {
    await useBackbone.getState().select('big');
    useProject.getState().addClass('cat');
    useProject.getState().addClass('Café');
    const start = { modelName: 'm.zip', labels: ['Cat', 'dog', 'cafe\u0301 '], hiddenUnits: 0 };
    worker.continueImported = async () => ({ ...info('imported-m'), spec: { id: 'imported-m' }, start });
    await useModelInUse.getState().continueImported();
    expect(names()).toEqual(['cat', 'Café', 'dog']);
    // the Starting point notice counts "cat" among the classes the head knows
    expect(headColumns(start.labels, names())).toEqual({ known: ['cat', 'Café', 'dog'], added: [] });
    expect(headColumns(['Cat', 'dog'], ['cat', 'bird'])).toEqual({ known: ['cat'], added: ['bird'] });
  });

  it("the head's columns go to the classes of those names, whatever their case", () => {
    const start = {
      modelName: 'm.zip',
      labels: ['Cat', 'Dog'],
      hiddenUnits: 0,
      hidden: null,
      // [2 features, 2 labels]
      out: { kernel: Float32Array.of(1, 2, 3, 4), bias: Float32Array.of(5, 6) },
      featureSize: 2,
    };
    const { values } = startCheckpoint(start, ['dog', 'cat', 'bird'], 0, 2);
    expect(Array.from(values[0])).toEqual([2, 1, 0, 4, 3, 0]);
    expect(Array.from(values[1])).toEqual([6, 5, 0]);
  });

  it('a model zip whose labels repeat a name, or leave one empty, is refused, saying which', async () => {
    const zip = (labels: string[]) => ({
      'model.json': strToU8('{}'),
      'metadata.json': strToU8(JSON.stringify({ labels })),
    });
    await expect(importModelFiles(zip(['cat', 'dog', 'Cat']))).rejects.toThrow(
      'metadata.json names two classes "cat" and "Cat", which the studio reads as one name: each class needs a name of its own. Rename one in metadata.json and import the zip again.',
    );
    await expect(importModelFiles(zip(['dog', 'dog']))).rejects.toThrow(
      /^metadata\.json names two classes "dog": each class/,
    );
    await expect(importModelFiles(zip(['cat', ' ']))).rejects.toThrow(
      'metadata.json leaves class 2 without a name: each class needs one. Name it in metadata.json and import the zip again.',
    );
  });
});
