import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { resetWorker, installLocalStorage, worker } = await import('./fake-worker');
const { connectStores } = await import('../src/state/coordinator');
const { useProject } = await import('../src/state/project');
const { useUndo } = await import('../src/state/undo');
const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
const { closeDatabases } = await import('../src/core/storage/databases');
const { readProjectZip } = await import('../src/core/project/project-zip');
const { downloadProject, modelLeftOut } = await import('../src/ui/project-zip-flow');

describe('what a zip written without its model says', () => {
  it('names the failure, without a second full stop', () => {
    expect(modelLeftOut('The backbone is not loaded.')).toBe(
      ' It was written without the model, which could not be made ready for it (The backbone is not loaded).',
    );
    expect(modelLeftOut('out of memory')).toBe(
      ' It was written without the model, which could not be made ready for it (out of memory).',
    );
  });
});

describe("a project zip whose model's export fails", () => {
  let zips: Blob[];
  let disconnect: () => void;

  beforeEach(() => {
    resetWorker();
    installLocalStorage();
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
    useProject.setState({
      locked: null,
      notice: null,
      classes: [
        { id: 'c1', name: 'cats', images: [{ id: 'a', file: new File([Uint8Array.of(1)], 'a.png'), url: '' }] },
      ],
    });
    disconnect = connectStores();
  });
  afterEach(async () => {
    disconnect();
    delete (globalThis as { document?: unknown }).document;
    await closeDatabases();
  });

  it('is written without the model, and says so with the reason (it was said to be written, as if whole)', async () => {
    worker.exportModel = async () => {
      throw new Error('The worker ran out of memory building the export.');
    };
    useTraining.setState({ result: { valAccuracy: 0.9, history: [] } as never, runs: [] });
    useModelInUse.setState({ model: { kind: 'trained', labels: ['cats'], name: 'trained here' } as never });
    const said: { error: boolean; text: string }[] = [];
    await downloadProject((m) => said.push(m));
    expect(said.at(-1)).toEqual({
      error: true,
      text: expect.stringMatching(
        /^Project zip written: 1 image, [\d.]+ MB\. It was written without the model, which could not be made ready for it \(The worker ran out of memory building the export\)\.$/,
      ),
    });
    const { record, model } = await readProjectZip(zips[0]);
    expect(record.classes.map((c) => c.name)).toEqual(['cats']);
    expect(model).toBeFalsy();
  });
});
