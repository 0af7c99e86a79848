import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackboneInfo, BackendInfo } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { connectStores } = await import('../src/state/coordinator');
const { useBackbone } = await import('../src/state/backbone');
const { keepPlan } = await import('../src/state/backend-plan');
const { followProjectBackbone } = await import('../src/state/coordinator-backbone');
const { DEFAULT_BACKBONE_ID } = await import('../src/core/backbones/registry');
const { closeDatabases } = await import('../src/core/storage/databases');

const probes = [
  { name: 'webgl', ok: true, adapter: 'ANGLE (NVIDIA)', software: false },
  { name: 'wasm', ok: true },
  { name: 'cpu', ok: true },
];
const backend: BackendInfo = { active: 'wasm', reason: 'start', probes, signature: 'sig', head: null };
const plan = { signature: 'sig', extraction: 'webgl', headTraining: null, measuredAt: '2026-11-29T00:00:00Z' };
const initial = useBackbone.getState();
let disconnect: () => void;
beforeEach(() => {
  resetWorker();
  installLocalStorage();
  useBackbone.setState(initial, true);
  disconnect = connectStores();
});
afterEach(async () => {
  disconnect();
  await closeDatabases();
});

describe('the calibration plan of the backbone in use', () => {
  it('a project restored with another backbone tells the worker that backbone’s plan (none: it was measured on the default)', () => {
    keepPlan({ ...plan, backboneId: DEFAULT_BACKBONE_ID });
    const sent: unknown[] = [];
    worker.setBackendPlan = (p: unknown) => void sent.push(p);
    followProjectBackbone('mobilenet-v2-0.35');
    expect(sent).toEqual([null]);
    followProjectBackbone(DEFAULT_BACKBONE_ID);
    expect(sent).toEqual([null, { ...plan, backboneId: DEFAULT_BACKBONE_ID }]);
  });

  it('a first visit with a plan measured on another backbone measures the one loaded', async () => {
    keepPlan({ ...plan, backboneId: DEFAULT_BACKBONE_ID });
    const calibrated: unknown[] = [];
    worker.calibrate = async (_base: string, _progress: unknown, only: string[]) => {
      calibrated.push(only);
      return { calibration: null, plan: null, backend: null, reloaded: null };
    };
    worker.init = async () => backend;
    worker.loadBackbone = async (id: string) => ({ id, blocks: [], source: 'local' }) as unknown as BackboneInfo;
    await useBackbone.getState().init();
    await useBackbone.getState().select('mobilenet-v2-0.35');
    // before, any plan on this hardware stopped it: the default backbone's winner was used for this one
    await vi.waitFor(() => expect(calibrated).toEqual([['webgl', 'wasm']]));
  });
});
