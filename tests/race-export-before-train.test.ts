import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StudioWorkerApi } from '../src/worker/protocol';

/**
 * studio.worker.ts as wired, with the parts that touch the backbone replaced by recorders: what
 * matters here is the order in which the adapter lets them start.
 */
const h = vi.hoisted(() => ({
  exposed: null as unknown,
  log: [] as string[],
  exportDone: null as null | (() => void),
}));

vi.mock('comlink', () => ({
  expose: (api: unknown) => (h.exposed = api),
  transfer: <T>(value: T) => value,
}));
vi.mock('../src/worker/bundle-transfer', () => ({ bundleForPage: () => ({ bundle: {}, transfer: [] }) }));
vi.mock('../src/worker/studio-model', () => ({
  studioModel: () => ({
    imported: () => null,
    dropTrained: () => undefined,
    summary: () => null,
    exportBundle: () => {
      h.log.push('export starts');
      return new Promise((done) => {
        h.exportDone = () => {
          h.log.push('export ends');
          done({ zip: new Uint8Array(), files: {} });
        };
      });
    },
  }),
}));
vi.mock('../src/worker/studio-training', () => ({
  studioTraining: () => {
    let stopped = false;
    const job = (name: string) => async () => {
      h.log.push(`${name} starts`);
      // as runTraining and runFinder do: a new job clears an earlier Stop as it starts
      stopped = false;
      await new Promise((r) => setTimeout(r, 1));
      h.log.push(`${name} ${stopped ? 'stopped' : 'ran'}`);
      return {};
    };
    return {
      api: {
        train: job('train'),
        findLearningRate: job('finder'),
        stop: () => void (stopped = true),
        setTestFault: () => undefined,
      },
      running: () => false,
    };
  },
}));
vi.mock('../src/worker/custom-models-api', () => ({
  customModelsApi: () => ({
    headStartFor: () => null,
    api: {
      useCustomBackbone: async () => void h.log.push('brought backbone adopted'),
      continueImported: async () => void h.log.push('imported backbone adopted'),
    },
  }),
}));

await import('../src/worker/studio.worker');
const api = () => h.exposed as StudioWorkerApi;
const none = [] as never[];
const untilExporting = async () => {
  while (!h.log.includes('export starts')) await new Promise((r) => setTimeout(r, 1));
};

describe("a job that writes the backbone's weights waits for the exports being built", () => {
  beforeEach(() => {
    h.log.length = 0;
    h.exportDone = null;
  });
  // an export left open holds every later exclusive job back
  afterEach(() => h.exportDone?.());

  it.each([
    ['train', () => api().train([], none, {} as never, () => undefined)],
    ['finder', () => api().findLearningRate([], none, {} as never, () => undefined)],
    ['brought backbone adopted', () => api().useCustomBackbone({} as never, () => undefined)],
    ['imported backbone adopted', () => api().continueImported('m')],
  ])('%s: after the export of the model before it', async (name, start) => {
    const exported = api().exportModel(false);
    await untilExporting();
    const job = start();
    await new Promise((r) => setTimeout(r, 20));
    // the export reads the fine-tuned backbone over many steps: pretrained weights written in
    // meanwhile went into the zip under the fine-tuned head
    expect(h.log).toEqual(['export starts']);
    h.exportDone!();
    h.exportDone = null;
    await Promise.all([exported, job]);
    expect(h.log[0]).toBe('export starts');
    expect(h.log[1]).toBe('export ends');
    expect(h.log[2]).toMatch(new RegExp(`^${name}`));
  });

  it('a Stop pressed while the run waits for the export stops the run', async () => {
    const exported = api().exportModel(false);
    await untilExporting();
    const run = api().train([], none, {} as never, () => undefined);
    await new Promise((r) => setTimeout(r, 5));
    await api().stop();
    h.exportDone!();
    h.exportDone = null;
    await Promise.all([exported, run]);
    expect(h.log).toEqual(['export starts', 'export ends', 'train starts', 'train stopped']);
  });

  it('without an export, a run starts at once', async () => {
    await api().train([], none, {} as never, () => undefined);
    expect(h.log).toEqual(['train starts', 'train ran']);
  });
});
