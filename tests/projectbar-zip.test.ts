import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { zipPageEachTest } = await import('./fixtures/zip-page');
const { emptyProject } = await import('../src/state/coordinator');
const { useProject } = await import('../src/state/project');
const { replaceProject } = await import('../src/state/project-undo');
const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { keepStartingPoint } = await import('../src/state/model-store');
const { readProjectZip } = await import('../src/core/project/project-zip');
const { RUNS_JSON, START_JSON } = await import('../src/core/project/carried');
const flow = await import('../src/ui/project-zip-flow');
const { barLines, downloadProject, zipLock } = flow;

describe('what waits while a project zip is written or read', () => {
  it('New project and Open project wait for a zip being written, with the reason; Download keeps its own wait', () => {
    expect(zipLock(true, false)).toEqual({
      replace: true,
      download: false,
      why: 'New project and Open project wait until the project zip is written.',
    });
  });

  it('everything that replaces or writes the project waits for a zip being opened', () => {
    expect(zipLock(false, true)).toMatchObject({
      replace: true,
      download: true,
      why: expect.stringMatching(/open\.$/),
    });
  });

  it('nothing waits when no zip is under way', () => {
    expect(zipLock(false, false)).toBeNull();
  });
});

describe("the project bar's lines", () => {
  const written = { error: false, text: 'Project zip written: 10 images, 1.2 MB.' };
  const full = 'Browser storage is full: … use "Download project (zip)" to keep everything.';

  it("a standing autosave error leaves the download's outcome its own line (it was hidden behind the error)", () => {
    expect(barLines(full, written)).toEqual([
      { key: 'save', error: true, text: full },
      { key: 'zip', ...written },
    ]);
    const leftOut = { error: true, text: 'Opened p.zip: 1 class, 2 images. Left out: its run history (bad JSON).' };
    expect(barLines(full, leftOut).map((l) => l.text)).toEqual([full, leftOut.text]);
  });

  it('each alone, or none', () => {
    expect(barLines(full, null)).toEqual([{ key: 'save', error: true, text: full }]);
    expect(barLines(null, written)).toEqual([{ key: 'zip', ...written }]);
    expect(barLines(undefined, null)).toEqual([]);
  });
});

describe('a project zip holds the project as its download started', () => {
  const run = { n: 1, label: 'head only, lr 0.001, 100 units, dropout 0.2, 1 views', valAccuracy: 0.9, history: [] };
  const point = {
    modelName: 'tm-my-image-model',
    labels: ['cats', 'dogs'],
    backboneId: 'mobilenet-v2-0.35',
    hiddenUnits: 0,
    start: {
      modelName: 'tm-my-image-model',
      labels: ['cats', 'dogs'],
      hiddenUnits: 0,
      hidden: null,
      out: { kernel: new Float32Array(8), bias: new Float32Array(2) },
      featureSize: 4,
    },
  };
  const zips = zipPageEachTest();

  it('a New project pressed as the download starts leaves the zip its run history and starting point', async () => {
    // (the bar now disables New project while the zip is written; an undo toast replaces the project as well)
    useTraining.setState({ runs: [run] });
    expect(await keepStartingPoint(point)).toBeNull();
    const said: string[] = [];
    const writing = downloadProject((m) => said.push(m.text));
    await replaceProject('Started a new project', emptyProject);
    await writing;
    expect(useProject.getState().classes).toEqual([]);
    expect(said.at(-1)).toMatch(/^Project zip written: 1 image, 1 run and the starting point from tm-my-image-model,/);
    const { record, carried } = await readProjectZip(zips[0]);
    expect(record.classes.map((c) => c.name)).toEqual(['cats']);
    expect(carried.has(RUNS_JSON)).toBe(true);
    expect(carried.has(START_JSON)).toBe(true);
  });

  it("the model trained here is still being exported: the starting point is the project's, not its replacement's", async () => {
    let exported!: () => void;
    worker.exportModel = () =>
      new Promise((done) => {
        exported = () => done({ zip: Uint8Array.of(80, 75, 5, 6), files: { 'model.json': Uint8Array.of(123, 125) } });
      });
    useTraining.setState({ result: { valAccuracy: 0.9, history: [] } as never, runs: [run] });
    useModelInUse.setState({ model: { kind: 'trained', labels: ['cats'], name: 'trained here' } as never });
    expect(await keepStartingPoint(point)).toBeNull();
    const said: string[] = [];
    const writing = downloadProject((m) => said.push(m.text));
    const replacing = replaceProject('Started a new project', emptyProject);
    // the export ends once the project is replaced; the replacement's undo, holding the model storage
    // never kept, waits for that same export before its toast says what it holds
    await vi.waitFor(() => expect(useProject.getState().classes).toEqual([]));
    exported();
    await replacing;
    await writing;
    expect(said.at(-1)).toMatch(
      /^Project zip written: 1 image, the model with its results, 1 run and the starting point from tm-my-image-model,/,
    );
    const { model, carried } = await readProjectZip(zips[0]);
    expect(model).toBeTruthy();
    expect(carried.has(START_JSON)).toBe(true);
  });
});
