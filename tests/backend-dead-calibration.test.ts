import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { calibrateBackends } from '../src/worker/calibrate-backends';
import { fakeBackbone } from './helpers';

// A stand-in for tfjs' WebGPU backend: what the loss watch reads of it is its device (an event
// target with a `lost` promise), so the rest of the backend can stay the cpu one.
class FakeDevice extends EventTarget {
  private resolveLost!: (info: { reason?: string; message?: string }) => void;
  lost = new Promise<{ reason?: string; message?: string }>((ok) => (this.resolveLost = ok));
  destroy() {
    this.resolveLost({ reason: 'destroyed', message: 'Device was destroyed.' });
  }
}
const device = new FakeDevice();
let previous = '';

beforeAll(async () => {
  previous = tf.getBackend();
  await tf.setBackend('cpu');
  const cpu = tf.findBackendFactory('cpu')!;
  tf.registerBackend('webgpu', async () => Object.assign(await cpu(), { device }), 0);
});
afterAll(async () => {
  await tf.setBackend(previous || 'cpu');
  tf.removeBackend('webgpu');
});

/**
 * A backbone whose first forward pass loses the device, and whose readback then never settles
 * (what a lost WebGL context does).
 */
function losingBackbone(): Backbone {
  const never = { data: () => new Promise(() => undefined), dispose: () => undefined, shape: [1, 3] };
  return {
    ...fakeBackbone(),
    extract() {
      device.destroy();
      return never as unknown as tf.Tensor2D;
    },
  };
}

describe('a calibration on a backend lost while it is measured', () => {
  it('ends that row with an error and measures the others', async () => {
    const calibration = await calibrateBackends(
      [
        { name: 'webgpu', ok: true },
        { name: 'cpu', ok: true },
      ],
      async () => (tf.getBackend() === 'webgpu' ? losingBackbone() : fakeBackbone()),
      () => undefined,
    );
    const [webgpu, cpu] = calibration.rows;
    expect(webgpu).toMatchObject({ name: 'webgpu', ok: false });
    expect(webgpu.error).toMatch(/stopped working while measured: WebGPU device lost/);
    expect(cpu).toMatchObject({ name: 'cpu', ok: true });
    expect(calibration.best.extraction).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
