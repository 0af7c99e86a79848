import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadsEachTest } from './fixtures/downloads';
import { until } from './fixtures/until';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { resetWorker, installLocalStorage, worker } = await import('./fake-worker');
const { backboneInfo } = await import('./helpers-continue-page');
const { connectStores } = await import('../src/state/coordinator');
const { useBackbone } = await import('../src/state/backbone');
const { useProject } = await import('../src/state/project');
const { useUndo } = await import('../src/state/undo');
const { useTraining } = await import('../src/state/training');
const { continues, useModelInUse } = await import('../src/state/model-in-use');
const { restoreTrained } = await import('../src/state/restore-trained');
const { forgetImportedModel, forgetStartingPoint, keepStartingPoint, loadImportedModel, loadStartingPoint } =
  await import('../src/state/model-store');
const { closeDatabases } = await import('../src/core/storage/databases');
const { readProjectZip, writeProjectZip } = await import('../src/core/project/project-zip');
const { IMPORTED_JSON, IMPORTED_ZIP, importedJson, readImported, readStart, startFiles } =
  await import('../src/core/project/carried');
const { currentRecord } = await import('../src/state/page-record');
const { downloadProject } = await import('../src/ui/project-zip-flow');
const { openProjectZip } = await import('../src/ui/project-zip-open');

/** a backbone the registry knows: the opened project loads it again, and the head-only import runs on it */
const BACKBONE = 'mobilenet-v1-0.25';
const NAME = 'cats.zip (Transfer Studio model)';
const head = {
  modelName: NAME,
  labels: ['a', 'b'],
  hiddenUnits: 0,
  hidden: null,
  out: { kernel: Float32Array.of(1, 2, 3, 4), bias: Float32Array.of(0, 1) },
  featureSize: 2,
};

const initial = {
  training: useTraining.getState(),
  backbone: useBackbone.getState(),
  project: useProject.getState(),
  model: useModelInUse.getState(),
};

/** Try it's test for offering "Continue training this model" (ui/TryIt.tsx) */
const continuedAlready = () => {
  const { startFrom, model } = useModelInUse.getState();
  return continues(startFrom, model) && startFrom?.backboneId === useBackbone.getState().loaded?.id;
};

/** what the page knows of the imported model and its starting point, for a reload and an open to be compared */
const identity = () => {
  const { model, startFrom } = useModelInUse.getState();
  return { name: model?.name, kind: model?.kind, startsFrom: startFrom?.modelName, continued: continuedAlready() };
};

const zips = downloadsEachTest();
let disconnect: () => void;

function startPage(): void {
  resetWorker();
  useTraining.setState(initial.training, true);
  useBackbone.setState(initial.backbone, true);
  useProject.setState(initial.project, true);
  useModelInUse.setState(initial.model, true);
  useUndo.setState({ entries: [] });
  worker.loadBackbone = async (id: string) => backboneInfo(id, 5);
  worker.importModel = async () => ({
    labels: ['a', 'b'],
    source: 'studio',
    inputSize: 224,
    cropMode: 'center',
    headOnlyFor: BACKBONE,
  });
  worker.continueImported = async (shown: string) => ({
    ...(backboneInfo(BACKBONE, 5) as object),
    spec: { id: BACKBONE },
    start: { ...head, modelName: shown },
  });
  disconnect = connectStores();
}

beforeEach(() => {
  installLocalStorage();
  startPage();
});
afterEach(async () => {
  await new Promise((r) => setTimeout(r, 20));
  disconnect();
  await forgetImportedModel();
  await forgetStartingPoint();
  await closeDatabases();
});

/** an imported head continued on the loaded backbone, both kept in storage */
async function importAndContinue(): Promise<void> {
  await useBackbone.getState().select(BACKBONE);
  await useModelInUse.getState().importModel(new File([Uint8Array.of(80, 75, 9)], 'cats.zip'));
  await useModelInUse.getState().continueImported();
  await until('the starting point kept', async () => (await loadStartingPoint()) !== undefined);
  expect(continuedAlready()).toBe(true);
}

/**
 * The page as a reload starts it, storage left as it was: the stores' module state (the starting
 * point in use) goes with a clear, which forgets the stored starting point, so it is kept again.
 */
async function reloadPage(): Promise<void> {
  const point = await loadStartingPoint();
  useModelInUse.getState().clear();
  await until('the clear done', async () => (await loadStartingPoint()) === undefined);
  if (point) await keepStartingPoint(point);
  disconnect();
  startPage();
}

/** a project zip of the page now, carrying what `carry` makes of the kept starting point and import */
async function zipOf(
  carry: (
    point: NonNullable<Awaited<ReturnType<typeof loadStartingPoint>>>,
    kept: NonNullable<Awaited<ReturnType<typeof loadImportedModel>>>,
  ) => Promise<Map<string, Uint8Array>>,
): Promise<Blob> {
  const files = await carry((await loadStartingPoint())!, (await loadImportedModel())!);
  return writeProjectZip(currentRecord(), () => new Blob([]), undefined, undefined, files);
}

/** `zip` opened in a fresh browser profile; resolves to what the project bar said, once the import and starting point are in place */
async function openFresh(name: string, zip: Blob): Promise<{ error: boolean; text: string }[]> {
  await forgetImportedModel();
  await forgetStartingPoint();
  await reloadPage();
  await useBackbone.getState().select(BACKBONE);
  const said: { error: boolean; text: string }[] = [];
  await openProjectZip(name, zip, (m) => said.push(m));
  await until('the import and its starting point in place', () => {
    const { model, startFrom } = useModelInUse.getState();
    return model?.kind === 'imported' && startFrom !== null;
  });
  return said;
}

describe("an imported model's identity through a project zip", () => {
  it('a reload keeps it: Try it does not offer Continue training again', async () => {
    await importAndContinue();
    const before = identity();
    await reloadPage();
    await useBackbone.getState().select(BACKBONE);
    restoreTrained();
    await until('the import and its starting point back', () => {
      const { model, startFrom } = useModelInUse.getState();
      return model !== null && startFrom !== null;
    });
    expect(identity()).toEqual(before);
    expect(identity()).toEqual({ name: NAME, kind: 'imported', startsFrom: NAME, continued: true });
  });

  it('an opened project zip keeps it as a reload does: named as before, and not offered to continue again', async () => {
    await importAndContinue();
    const before = identity();
    const said: { error: boolean; text: string }[] = [];
    await downloadProject((m) => said.push(m));
    expect(said.at(-1)?.error).toBe(false);
    const { carried } = await readProjectZip(zips[0]);
    expect(carried.has(IMPORTED_ZIP)).toBe(true);

    // a fresh browser profile: nothing kept
    await forgetImportedModel();
    await forgetStartingPoint();
    await reloadPage();
    await useBackbone.getState().select(BACKBONE);
    await openProjectZip('p.zip', zips[0], (m) => said.push(m));
    expect(said.at(-1)).toEqual({
      error: false,
      text: `Opened p.zip: 2 classes, 0 images, its model and its starting point from ${NAME}.`,
    });
    await until('the import and its starting point in place', () => {
      const { model, startFrom } = useModelInUse.getState();
      return model?.kind === 'imported' && startFrom !== null;
    });
    expect(identity()).toEqual(before);
    // and a reload after the open keeps it too
    const kept = await loadImportedModel();
    expect(kept?.name).toBe(NAME);
    expect((await loadStartingPoint())?.importId).toBe(kept?.savedAt);
  });

  it('another import of the same file name answering: offered to continue where the zip opens, as after a reload', async () => {
    await importAndContinue();
    worker.importModel = async () => ({
      labels: ['x', 'y', 'z'],
      source: 'studio',
      inputSize: 224,
      cropMode: 'center',
      headOnlyFor: BACKBONE,
    });
    await useModelInUse.getState().importModel(new File([Uint8Array.of(80, 75, 8)], 'cats.zip'));
    const before = identity();
    expect(before).toEqual({ name: NAME, kind: 'imported', startsFrom: NAME, continued: false });
    await downloadProject(() => undefined);
    await forgetImportedModel();
    await forgetStartingPoint();
    await reloadPage();
    await useBackbone.getState().select(BACKBONE);
    await openProjectZip('p.zip', zips[0], () => undefined);
    await until('the import and its starting point in place', () => {
      const { model, startFrom } = useModelInUse.getState();
      return model?.kind === 'imported' && startFrom !== null;
    });
    // the Starting point notice tells the two apart ("as imported before") by the same name and test
    expect(identity()).toEqual(before);
    // the second import is the one carried and answering
    expect((await loadImportedModel())?.zip).toEqual(Uint8Array.of(80, 75, 8));
  });

  it('a zip written before imports carried their name opens as before: the import named after the zip', async () => {
    await importAndContinue();
    // as such a zip was written: the starting point without its import's id, the import without its name
    const zip = await zipOf(async (point, kept) => {
      const { importId: _id, ...older } = point;
      return new Map([...startFiles(older), [IMPORTED_ZIP, kept.zip]]);
    });
    const said = await openFresh('old.zip', zip);
    expect(said.at(-1)?.error).toBe(false);
    expect(useModelInUse.getState().model?.name).toBe('the model in old.zip');
    expect(useModelInUse.getState().startFrom?.modelName).toBe(NAME);
    expect(useModelInUse.getState().startFrom?.importId).toBeUndefined();
  });

  it('a bad model/imported.json is named, and the model still answers, named after the zip', async () => {
    await importAndContinue();
    const zip = await zipOf(async (point, kept) => {
      const bad = new TextEncoder().encode(JSON.stringify({ version: 1, name: '', importId: kept.savedAt }));
      return new Map([...startFiles(point), [IMPORTED_ZIP, kept.zip], [IMPORTED_JSON, bad]]);
    });
    const said = await openFresh('bad.zip', zip);
    expect(said.at(-1)).toEqual({
      error: true,
      text: expect.stringContaining(
        "Left out: the imported model's name (model/imported.json needs the model's name).",
      ) as string,
    });
    expect(useModelInUse.getState().model?.name).toBe('the model in bad.zip');
  });
});

describe('the carried files that name an import', () => {
  const files = (json: unknown) => new Map([[IMPORTED_JSON, new TextEncoder().encode(JSON.stringify(json))]]);

  it("the import's name and id are read back as written", () => {
    const imported = { name: NAME, importId: '2026-01-01T00:00:00.000Z' };
    expect(readImported(new Map([[IMPORTED_JSON, importedJson(imported)]]))).toEqual(imported);
    expect(readImported(new Map())).toBeNull();
  });

  it('each field is checked', () => {
    expect(() => readImported(new Map([[IMPORTED_JSON, Uint8Array.of(123)]]))).toThrow('is not valid JSON');
    expect(() => readImported(files({ version: 2, name: NAME, importId: 'x' }))).toThrow('not one this studio reads');
    expect(() => readImported(files({ version: 1, name: 5, importId: 'x' }))).toThrow("needs the model's name");
    expect(() => readImported(files({ version: 1, name: NAME }))).toThrow("needs the model's id");
    expect(() => readImported(files({ version: 1, name: NAME, importId: 'x'.repeat(300) }))).toThrow(
      "needs the model's id",
    );
  });

  it("a starting point's import id is written and read back; a bad one is left out, the starting point kept", () => {
    const point = { modelName: NAME, labels: head.labels, backboneId: BACKBONE, hiddenUnits: 0, start: head };
    expect(readStart(startFiles({ ...point, importId: 'id-1' }))?.importId).toBe('id-1');
    const written = startFiles(point);
    const json = JSON.parse(new TextDecoder().decode(written.get('start/start.json'))) as Record<string, unknown>;
    expect(json).not.toHaveProperty('importId');
    written.set('start/start.json', new TextEncoder().encode(JSON.stringify({ ...json, importId: 42 })));
    const read = readStart(written);
    expect(read).toMatchObject({ modelName: NAME, labels: head.labels });
    expect(read).not.toHaveProperty('importId');
  });
});
