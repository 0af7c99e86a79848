import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { zipPageEachTest } = await import('./fixtures/zip-page');
const { useTraining } = await import('../src/state/training');
const { useModelInUse } = await import('../src/state/model-in-use');
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
  const zips = zipPageEachTest();

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
