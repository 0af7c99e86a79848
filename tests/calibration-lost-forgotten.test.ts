import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import type { BackendInfo } from '../src/worker/protocol';
import { fakeBackbone } from './helpers';
import { backendsForFile, fakeGpu, losingBackbone, type FakeDevice } from './helpers-fake-backend';

/** what the (mocked) backend choice answers: the backend asked for activated, the probes as they are here */
const chosen = vi.hoisted(() => ({ info: null as BackendInfo | null }));
vi.mock('../src/worker/backend-choice', async (original) => {
  const real = await original<typeof import('../src/worker/backend-choice')>();
  return {
    ...real,
    chooseBackend: async (o: { preferred?: string; why?: string; head?: BackendInfo['head'] } = {}) => {
      const tfjs = await import('@tensorflow/tfjs');
      const info = structuredClone(chosen.info!);
      if (o.preferred) {
        await tfjs.setBackend(o.preferred);
        Object.assign(info, { active: o.preferred, reason: o.why ?? 'chosen by you' });
      }
      const head = o.head !== undefined ? o.head : info.head;
      return { ...info, head: real.headElsewhere(head, info.active, info.probes) };
    },
  };
});

const { backendState } = await import('../src/worker/backend-state');
const { calibrateBackends, followCalibration } = await import('../src/worker/calibrate-backends');

// the calibration measures work on it: the cpu kernels run there
const gpu = fakeGpu('webgpu', { carries: 'webgpu', kernels: true });
backendsForFile('cpu', gpu);

describe('a backend lost while a calibration measures it', () => {
  it('is no longer offered, nor kept as the head, and a later pick of it starts a fresh one', async () => {
    chosen.info = {
      active: 'cpu',
      reason: 'start',
      probes: ['webgpu', 'cpu'].map((name) => ({ name, ok: true })),
      signature: 'sig',
      head: { name: 'webgpu', reason: 'chosen by you' },
    };
    const backends = backendState();
    const { probes } = await backends.ready();
    const calibration = await calibrateBackends(
      probes,
      async () => (tf.getBackend() === 'webgpu' ? losingBackbone(gpu, fakeBackbone()) : fakeBackbone()),
      () => undefined,
    );
    expect(calibration.rows[0]).toMatchObject({ name: 'webgpu', ok: false });
    const outcome = await followCalibration(
      calibration,
      backends,
      async () => null,
      () => undefined,
    );

    expect(outcome.plan).toMatchObject({ extraction: 'cpu', headTraining: null });
    const webgpu = outcome.backend!.probes.find((p) => p.name === 'webgpu')!;
    expect(webgpu).toMatchObject({ ok: false });
    expect(webgpu.note).toContain('WebGPU device lost');
    expect(outcome.backend!.head).toBeNull();
    // the worker's state is what the page was told
    expect(await backends.ready()).toEqual(outcome.backend);
    // the lost instance is gone: a pick of it (by hand, or a backend choice falling through to it) starts a fresh one
    expect(tf.engine().registry.webgpu).toBeUndefined();
    expect(gpu.devices).toHaveLength(1);
    expect(await tf.setBackend('webgpu')).toBe(true);
    expect(gpu.devices).toHaveLength(2);
    await tf.setBackend('cpu');
  });

  it('one that failed otherwise stays offered, its instance kept', async () => {
    chosen.info = {
      active: 'cpu',
      reason: 'start',
      probes: ['webgpu', 'cpu'].map((name) => ({ name, ok: true })),
      signature: 'sig',
      head: null,
    };
    const backends = backendState();
    const { probes } = await backends.ready();
    const calibration = await calibrateBackends(
      probes,
      async () => {
        if (tf.getBackend() === 'webgpu') throw new Error('out of memory');
        return fakeBackbone();
      },
      () => undefined,
    );
    expect(calibration.rows[0]).toMatchObject({ name: 'webgpu', ok: false, error: 'out of memory' });
    const outcome = await followCalibration(
      calibration,
      backends,
      async () => null,
      () => undefined,
    );
    expect(outcome.backend!.probes.find((p) => p.name === 'webgpu')).toEqual({ name: 'webgpu', ok: true });
    // the instance it measured on is still the one a pick gets
    expect((tf.engine().registry.webgpu as unknown as { device: FakeDevice }).device).toBe(gpu.devices.at(-1));
  });
});
