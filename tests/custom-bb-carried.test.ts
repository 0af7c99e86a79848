import { beforeEach, describe, expect, it, vi } from 'vitest';
import { broughtSpec } from './fixtures/brought-spec';

vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { addCarriedBackbone, customBackboneContext } = await import('../src/state/custom-backbone');
const { getBackboneSpec } = await import('../src/core/backbones/registry');

const spec = broughtSpec('custom-zipped-abc-stem-48-0_1', 'zipped (yours, features from stem)');

let local: ReturnType<typeof installLocalStorage>;
beforeEach(() => {
  resetWorker();
  local = installLocalStorage();
  customBackboneContext.connect({ listChanged: () => undefined } as never);
});

describe("a project zip's brought backbone that storage would not keep", () => {
  it("is listed as brought (without the worker's note) and says it lasts for this visit", async () => {
    worker.bringBackbone = async () => ({ ...spec, notCached: 'The quota has been exceeded.' });
    const note = await addCarriedBackbone({ spec, modelJson: '{}', shards: [] } as never);
    expect(note).toMatch(/browser storage is full/);
    expect(note).toMatch(/until this page is closed/);
    expect(getBackboneSpec(spec.id)).toEqual(spec);
    expect(JSON.parse(local.store.get('transfer-studio-custom-backbones') ?? 'null')).toEqual([spec]);
  });

  it('says nothing when it was kept', async () => {
    worker.bringBackbone = async () => ({ ...spec, id: `${spec.id}-2` });
    expect(await addCarriedBackbone({ spec, modelJson: '{}', shards: [] } as never)).toBeNull();
  });
});
