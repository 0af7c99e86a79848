import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker } = await import('./fake-worker');
const { backboneInfo, connectedStoresEachTest } = await import('./store-harness');
const { useBackbone } = await import('../src/state/backbone');
const { useTraining } = await import('../src/state/training');
const { useProject } = await import('../src/state/project');
const { useModelInUse } = await import('../src/state/model-in-use');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { applyRecord, currentRecord } = await import('../src/state/page-record');

connectedStoresEachTest([useTraining, useBackbone, useProject, useModelInUse]);

const V1 = 'mobilenet-v1-0.25';
const V2 = 'mobilenet-v2-0.35';
const X = 'mobilenet-v1-0.25-graph';
const choice = { unfreeze: 5, frozenBlocks: ['block 6'] };
const record = {
  version: 1 as const,
  classes: [],
  settings: { ...DEFAULT_SETTINGS, ...choice },
  backboneId: V2,
  savedAt: '',
};
/** the worker loads every backbone with 8 blocks but V2 (offline) while `v2Fails` */
let v2Fails = true;
const loads = () => {
  v2Fails = true;
  worker.loadBackbone = async (id: string) => {
    if (id === V2 && v2Fails) throw new Error('offline');
    return backboneInfo(id, 8);
  };
};
const freeze = () => {
  const { unfreeze, frozenBlocks } = useTraining.getState().settings;
  return { unfreeze, frozenBlocks };
};

describe("a project's freeze choice stays with its own backbone when that one fails to load", () => {
  it('restored (nothing loaded yet): the backbone picked instead starts head-only, and V2 gets its choice back', async () => {
    loads();
    applyRecord(record, () => undefined);
    await useBackbone.getState().select(V2);
    expect(useBackbone.getState().status).toBe('error');
    await useBackbone.getState().select(V1);
    expect(freeze()).toEqual({ unfreeze: 0, frozenBlocks: [] });
    expect(currentRecord().freezeChoices?.[V2]).toEqual(choice);
    v2Fails = false;
    await useBackbone.getState().select(V2);
    expect(freeze()).toEqual(choice);
  });

  it("opened over another project: the choice is noted under the opened project's backbone, not the one loaded before", async () => {
    loads();
    await useBackbone.getState().select(X);
    useTraining.getState().updateSettings({ unfreeze: 2, frozenBlocks: [] });
    applyRecord(record, () => undefined);
    await vi.waitFor(() => expect(useBackbone.getState().status).toBe('error'));
    await useBackbone.getState().select(V1);
    expect(freeze()).toEqual({ unfreeze: 0, frozenBlocks: [] });
    expect(currentRecord().freezeChoices).toEqual({ [V2]: choice });
  });

  it('the backbone the worker still held, picked again after the failed open, does not take the choice', async () => {
    loads();
    await useBackbone.getState().select(X);
    applyRecord(record, () => undefined);
    await vi.waitFor(() => expect(useBackbone.getState().status).toBe('error'));
    await useBackbone.getState().select(X);
    expect(freeze()).toEqual({ unfreeze: 0, frozenBlocks: [] });
    expect(currentRecord().freezeChoices).toEqual({ [V2]: choice });
  });

  it("the backbone picked instead gets its own earlier choice from the project's freeze choices", async () => {
    loads();
    const own = { unfreeze: 3, frozenBlocks: ['block 7'] };
    applyRecord({ ...record, freezeChoices: { [V1]: own } }, () => undefined);
    await useBackbone.getState().select(V2);
    await useBackbone.getState().select(V1);
    expect(freeze()).toEqual(own);
  });

  it('the same backbone on another load keeps the choice where it fits', async () => {
    loads();
    v2Fails = false;
    applyRecord(record, () => undefined);
    await useBackbone.getState().select(V2);
    expect(freeze()).toEqual(choice);
    await useBackbone.getState().select(V2);
    expect(freeze()).toEqual(choice);
  });
});
