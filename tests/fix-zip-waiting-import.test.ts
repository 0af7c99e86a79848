import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { strToU8, zipSync } from 'fflate';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { resetWorker, installLocalStorage, worker } = await import('./fake-worker');
const { backboneInfo } = await import('./helpers-continue-page');
const { connectStores } = await import('../src/state/coordinator');
const { useProject } = await import('../src/state/project');
const { useUndo } = await import('../src/state/undo');
const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { forgetImportedModel, keepImportedModel, loadImportedModel } = await import('../src/state/model-store');
const { forgetTrained } = await import('../src/state/trained-stash');
const { keepLastModel } = await import('../src/core/storage/model-writer');
const { closeDatabases } = await import('../src/core/storage/databases');
const { readProjectZip } = await import('../src/core/project/project-zip');
const { IMPORTED_JSON, importedJson, readImported } = await import('../src/core/project/carried');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { DEFAULT_BACKBONE_ID } = await import('../src/core/backbones/registry');
const { useBackbone } = await import('../src/state/backbone');
const { downloadProject, openProjectZip } = await import('../src/ui/project-zip-flow');

/** not the project's backbone (the default one), so the head waits for it where the zip opens too */
const HEAD_FOR = 'mobilenet-v2-0.35';
const HEAD = 'head.zip (Transfer Studio model)';
/** a head-only export as the studio writes it: its metadata names the backbone it runs on */
const headZip = zipSync({
  'metadata.json': strToU8(
    JSON.stringify({ headOnly: true, userMetadata: { backbone: HEAD_FOR, backboneName: 'MobileNetV2 α0.35' } }),
  ),
  'model.json': strToU8('{}'),
});
const waitingHead = { zip: headZip, name: HEAD, savedAt: 'id-1', headOnlyFor: HEAD_FOR };

/** results the project zip's reader accepts (state/result-file.ts checks them field by field) */
const result = {
  history: [{ epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.5, seconds: 0.4 }],
  stopped: false,
  bestEpoch: 1,
  stoppedEarly: false,
  classes: ['cats', 'dogs'],
  images: { train: 8, val: 2 },
  valAccuracy: 0.5,
  valAccuracyInterval: [0.1, 0.9],
  settings: { ...DEFAULT_SETTINGS, epochs: 1 },
  perClass: [
    { count: 1, accuracy: 1, precision: 1, f1: 1 },
    { count: 1, accuracy: 1, precision: 1, f1: 1 },
  ],
  confusion: [
    [1, 0],
    [0, 1],
  ],
  valPredictions: [],
  skipped: [],
  seconds: { extract: 1, train: 1 },
  extracted: 10,
  backend: 'wasm',
  unfreeze: 0,
  trainableParams: 10,
  frozenParams: 100,
};
const trained = { zip: Uint8Array.of(80, 75, 2), result, savedAt: '2026-01-01T11:00:00.000Z' };

async function until(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`waited in vain for ${what}`);
}

const initialBackbone = useBackbone.getState();
let zips: Blob[];
let disconnect: () => void;
/** the zips the worker was asked to import */
let imports: Uint8Array[];

beforeEach(() => {
  resetWorker();
  installLocalStorage();
  imports = [];
  // the opened project's backbone (the default one) loads
  worker.loadBackbone = async (id: string) => backboneInfo(id, 5);
  // the trained model answers; the head is never refused (its refusal is what marked it waiting)
  worker.importModel = (zip: Uint8Array) => {
    imports.push(zip);
    return zip === headZip || zip.length > 3
      ? new Promise(() => undefined)
      : Promise.resolve({ labels: ['cats', 'dogs'], inputSize: 224, cropMode: 'center' });
  };
  zips = [];
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => {
      zips.push(blob);
      return 'blob:x';
    },
    revokeObjectURL: () => undefined,
  });
  // the download's link: only its click is needed here
  Object.assign(globalThis, { document: { createElement: () => ({ click: () => undefined }) } });
  useUndo.setState({ entries: [] });
  useTraining.setState({ result: null, runs: [] });
  useModelInUse.setState({ model: null, importNotKept: null });
  useBackbone.setState(initialBackbone, true);
  useProject.setState({
    locked: null,
    notice: null,
    classes: [
      {
        id: 'c1',
        name: 'cats',
        images: [{ id: 'a', file: new File([Uint8Array.of(1)], 'a.png', { type: 'image/png' }), url: '' }],
      },
    ],
  });
  disconnect = connectStores();
});
afterEach(async () => {
  disconnect();
  await forgetTrained();
  await forgetImportedModel();
  delete (globalThis as { document?: unknown }).document;
  await closeDatabases();
});

/** the zip downloaded here, opened in a fresh browser profile; resolves to what the open said */
async function downloadAndOpenFresh(): Promise<string> {
  const said: string[] = [];
  await downloadProject((m) => said.push(m.text));
  expect(said.at(-1)).toContain('the imported model waiting for its backbone');
  await forgetTrained();
  await forgetImportedModel();
  await openProjectZip('p.zip', zips[0], (m) => said.push(m.text));
  return said.at(-1)!;
}

describe('a head-only import waiting for its backbone, carried by a project zip', () => {
  it('the zip names the backbone it waits for', async () => {
    await keepImportedModel(waitingHead);
    await downloadProject(() => undefined);
    const { carried } = await readProjectZip(zips[0]);
    expect(readImported(carried)).toEqual({ name: HEAD, importId: 'id-1', headOnlyFor: HEAD_FOR });
  });

  it('alone: Open project says it waits for its backbone, not that it is the model, and keeps it waiting at once', async () => {
    await useBackbone.getState().select(DEFAULT_BACKBONE_ID);
    await keepImportedModel(waitingHead);
    const opened = await downloadAndOpenFresh();
    // it said "its model", as of a model that answers
    expect(opened).toBe(
      'Opened p.zip: 1 class, 1 image and the imported model waiting for its backbone (MobileNetV2 α0.35).',
    );
    // marked before any backbone answered or any import was refused
    await until('the import kept waiting', async () => (await loadImportedModel())?.headOnlyFor === HEAD_FOR);
    // Try it says so, as it did of one a load refused
    await until('Try it saying it waits', () =>
      /^Head\.zip \(Transfer Studio model\) is a head for the backbone MobileNetV2 α0\.35: it answers once/.test(
        useModelInUse.getState().importNotKept ?? '',
      ),
    );
    expect(imports).not.toContain(headZip);
  });

  it('beside a trained model: that one answers, and the import is kept waiting at once', async () => {
    expect(await keepLastModel(trained as never)).toBeNull();
    await keepImportedModel(waitingHead);
    const opened = await downloadAndOpenFresh();
    expect(opened).toBe(
      'Opened p.zip: 1 class, 1 image, its model with its results and the imported model waiting for its backbone (MobileNetV2 α0.35).',
    );
    await until('the trained model answering', () => useModelInUse.getState().model?.kind === 'restored');
    // it came back unmarked, and stayed so until a load refused it
    await until('the import kept waiting', async () => (await loadImportedModel())?.headOnlyFor === HEAD_FOR);
  });
});

describe("model/imported.json's backbone of a waiting head", () => {
  const files = (json: unknown) => new Map([[IMPORTED_JSON, new TextEncoder().encode(JSON.stringify(json))]]);

  it('is written and read back; absent for an import that answered', () => {
    const waiting = { name: HEAD, importId: 'id-1', headOnlyFor: HEAD_FOR };
    expect(readImported(new Map([[IMPORTED_JSON, importedJson(waiting)]]))).toEqual(waiting);
    expect(readImported(new Map([[IMPORTED_JSON, importedJson({ name: HEAD, importId: 'id-1' })]]))).toEqual({
      name: HEAD,
      importId: 'id-1',
    });
  });

  it('a bad one is left out: the import keeps its name and id', () => {
    expect(readImported(files({ version: 1, name: HEAD, importId: 'id-1', headOnlyFor: 5 }))).toEqual({
      name: HEAD,
      importId: 'id-1',
    });
  });
});
