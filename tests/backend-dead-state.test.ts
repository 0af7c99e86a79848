import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import type { BackendInfo } from '../src/worker/protocol';
import { backendsForFile, fakeGpu } from './helpers-fake-backend';

/** what the (mocked) backend choice answers: every backend probed available */
const chosen = vi.hoisted(() => ({ info: null as BackendInfo | null }));
vi.mock('../src/worker/backend-choice', async (original) => ({
  ...(await original<typeof import('../src/worker/backend-choice')>()),
  chooseBackend: async () => structuredClone(chosen.info!),
}));

const { backendState } = await import('../src/worker/backend-state');

const probes = ['webgpu', 'webgl', 'wasm', 'cpu'].map((name) => ({ name, ok: true }));
const info = (active: string, head: BackendInfo['head'] = null): BackendInfo => ({
  active,
  reason: 'start',
  probes,
  signature: 'sig',
  head,
});

backendsForFile('cpu');

describe('a backend that failed during a run', () => {
  it('is no longer offered after a fallback from it, and the head does not go there', async () => {
    chosen.info = info('webgl', { name: 'webgpu', reason: 'chosen by you' });
    const backends = backendState();
    await backends.ready();
    await backends.switchedTo('wasm', 'WebGL context lost');
    const after = await backends.ready();
    expect(after.active).toBe('wasm');
    const webgl = after.probes.find((p) => p.name === 'webgl')!;
    expect(webgl.ok).toBe(false);
    expect(webgl.note).toContain('WebGL context lost');
    // the hardware signature stays: a plan measured here still applies
    expect(after.signature).toBe('sig');
    expect(after.probes.filter((p) => p.ok).map((p) => p.name)).toEqual(['webgpu', 'wasm', 'cpu']);
  });

  it('the head backend that failed is no longer offered either', async () => {
    chosen.info = info('wasm', { name: 'webgl', reason: 'chosen by you' });
    const backends = backendState();
    await backends.ready();
    const after = await backends.dropHead('WebGL context lost');
    expect(after.head).toBeNull();
    expect(after.probes.find((p) => p.name === 'webgl')).toMatchObject({ ok: false });
    expect(after.probes.find((p) => p.name === 'webgl')!.note).toContain('WebGL context lost');
    expect((await backends.ready()).probes.find((p) => p.name === 'webgl')!.ok).toBe(false);
  });

  it('one whose device is lost is made afresh when picked again; one that still works keeps its instance', async () => {
    const lost = fakeGpu('lostgl', { carries: 'webgl' }).register();
    const working = fakeGpu('workgl', { carries: 'webgl' }).register();
    try {
      await tf.setBackend('lostgl');
      await tf.setBackend('workgl');
      await tf.setBackend('cpu');
      expect([lost.made, working.made]).toEqual([1, 1]);
      lost.gl.lost = true;

      chosen.info = { ...info('lostgl'), probes: [...probes, { name: 'lostgl', ok: true }] };
      await backendState().switchedTo('cpu', 'WebGL context lost');
      expect(tf.engine().registry.lostgl).toBeUndefined();
      // the factory stays: a pick starts a new instance rather than the lost one
      expect(tf.findBackendFactory('lostgl')).toBeDefined();
      expect(await tf.setBackend('lostgl')).toBe(true);
      expect(lost.made).toBe(2);
      await tf.setBackend('cpu');

      // out of memory, say: tensors still there stay usable, so the instance stays
      chosen.info = { ...info('workgl'), probes: [...probes, { name: 'workgl', ok: true }] };
      const kept = tf.engine().registry.workgl;
      await backendState().switchedTo('cpu', 'out of memory');
      expect(tf.engine().registry.workgl).toBe(kept);
    } finally {
      await tf.setBackend('cpu');
      lost.remove();
      working.remove();
    }
  });
});
