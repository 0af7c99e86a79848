import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { trainSummary } from './fixtures/train-summary';
import { until } from './fixtures/until';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { zipPageEachTest } = await import('./fixtures/zip-page');
const { backboneInfo } = await import('./helpers-continue-page');
const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { forgetImportedModel, keepImportedModel, loadImportedModel } = await import('../src/state/model-store');
const { forgetTrained } = await import('../src/state/trained-stash');
const { keepLastModel } = await import('../src/core/storage/model-writer');
const { readProjectZip } = await import('../src/core/project/project-zip');
const { IMPORTED_JSON, importedJson, readImported } = await import('../src/core/project/carried');
const { DEFAULT_BACKBONE_ID } = await import('../src/core/backbones/registry');
const { useBackbone } = await import('../src/state/backbone');
const { downloadProject } = await import('../src/ui/project-zip-flow');
const { openProjectZip } = await import('../src/ui/project-zip-open');

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

const trained = { zip: Uint8Array.of(80, 75, 2), result: trainSummary(), savedAt: '2026-01-01T11:00:00.000Z' };

const initialBackbone = useBackbone.getState();
/** the zips the worker was asked to import */
let imports: Uint8Array[];
const zips = zipPageEachTest({
  beforeConnect: () => {
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
    useTraining.setState({ result: null, runs: [] });
    useModelInUse.setState({ model: null, importNotKept: null });
    useBackbone.setState(initialBackbone, true);
  },
});
afterEach(async () => {
  await forgetTrained();
  await forgetImportedModel();
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
