import { beforeEach, describe, expect, it, vi } from 'vitest';
import { automaticOrder, recommendedBackend } from '../src/core/backend-order';
import type { BackendInfo, BackendSwitch } from '../src/worker/protocol';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { worker, resetWorker, installLocalStorage } = await import('./fake-worker');
const { useBackbone } = await import('../src/state/backbone');
const { keepChoice, keepPlan, storedChoice } = await import('../src/state/backend-plan');

// core/backend-order.ts: what the studio runs on by itself, offered back once a person picked another

const software = (name: string) => ({ name, ok: true, adapter: 'SwiftShader', software: true });
const gpu = (name: string) => ({ name, ok: true, adapter: 'NVIDIA H100', software: false });
const cpuSide = [
  { name: 'wasm', ok: true },
  { name: 'cpu', ok: true },
];

describe('the automatic order and its recommendation', () => {
  it('software renderers only: wasm, with its reason', () => {
    expect(recommendedBackend([software('webgpu'), software('webgl'), ...cpuSide], null)).toEqual({
      name: 'wasm',
      reason: 'no hardware GPU found; wasm is the fastest CPU backend',
    });
  });

  it('a hardware GPU comes before wasm, WebGPU before WebGL; a calibration on this hardware before both', () => {
    const probes = [gpu('webgpu'), gpu('webgl'), ...cpuSide];
    expect(automaticOrder(probes, null).map((c) => c.name)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(recommendedBackend(probes, null)).toEqual({ name: 'webgpu', reason: 'hardware GPU: NVIDIA H100' });
    expect(recommendedBackend(probes, { extraction: 'webgl', measuredAt: '2026-12-01T10:00:00Z' })).toEqual({
      name: 'webgl',
      reason: 'fastest for feature extraction when calibrated on 2026-12-01',
    });
  });

  it('passes over a backend found not working: a WebGPU that did not start leaves WebGL; no wasm leaves cpu', () => {
    expect(recommendedBackend([{ ...gpu('webgpu'), ok: false }, gpu('webgl'), ...cpuSide], null).name).toBe('webgl');
    expect(
      recommendedBackend([software('webgl'), { name: 'wasm', ok: false }, { name: 'cpu', ok: true }], null),
    ).toEqual({ name: 'cpu', reason: 'fallback: the other backends failed to start' });
  });
});

describe('"Use the recommended backend"', () => {
  const probes = [software('webgpu'), software('webgl'), ...cpuSide];
  const info = (active: string, reason: string): BackendInfo => ({
    active,
    reason,
    probes,
    signature: 'sig',
    head: null,
  });
  const initial = useBackbone.getState();

  beforeEach(() => {
    resetWorker();
    installLocalStorage();
    useBackbone.setState(initial, true);
    useBackbone.setState({ backend: info('cpu', 'chosen by you on an earlier visit'), status: 'ready' });
    keepChoice('sig', { backend: 'cpu', head: 'webgl' });
  });

  it('switches to it with its reason and forgets the backend picked by hand, not the head picked by hand', async () => {
    const calls: string[] = [];
    worker.switchBackend = (async (name: string, why: string) => {
      calls.push(`${name}: ${why}`);
      return { backend: info(name, why), reloaded: null } as BackendSwitch;
    }) as never;
    await useBackbone.getState().pickRecommended();
    expect(calls).toEqual(['wasm: no hardware GPU found; wasm is the fastest CPU backend']);
    expect(useBackbone.getState().backend).toMatchObject({ active: 'wasm' });
    expect(storedChoice()).toEqual({ signature: 'sig', head: 'webgl' });
  });

  it("follows the plan measured on this hardware with the selected backbone, as the worker's start does", async () => {
    keepPlan({
      signature: 'sig',
      extraction: 'webgl',
      headTraining: null,
      measuredAt: '2026-12-02T08:00:00Z',
      backboneId: useBackbone.getState().selected,
    } as never);
    const asked: string[] = [];
    worker.switchBackend = (async (name: string, why: string) => {
      asked.push(name);
      return { backend: info(name, why), reloaded: null } as BackendSwitch;
    }) as never;
    await useBackbone.getState().pickRecommended();
    expect(asked).toEqual(['webgl']);
  });

  it('a switch that fails keeps the pick by hand for the next visit', async () => {
    worker.switchBackend = (async () => {
      throw new Error('the worker is gone');
    }) as never;
    await useBackbone.getState().pickRecommended();
    expect(useBackbone.getState().backend).toMatchObject({ active: 'cpu' });
    expect(storedChoice()).toEqual({ signature: 'sig', backend: 'cpu', head: 'webgl' });
  });
});
