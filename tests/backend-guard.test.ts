import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendLostError } from '../src/core/backend-fault';
import { watchBackend } from '../src/worker/backend-guard';

// A stand-in for tfjs' WebGPU backend: what the guard reads of it is its device (an event target
// with a `lost` promise), so the rest of the backend can stay the cpu one.
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
  const cpu = tf.findBackendFactory('cpu')!;
  tf.registerBackend('webgpu', async () => Object.assign(await cpu(), { device }), 0);
  await tf.setBackend('webgpu');
});
afterAll(async () => {
  await tf.setBackend(previous || 'cpu');
  tf.removeBackend('webgpu');
});

describe('watchBackend on WebGPU', () => {
  it('rejects on a WebGPU error nobody captured (a kernel that failed validation computes nothing)', async () => {
    const watch = watchBackend();
    const error = Object.assign(new Event('uncapturederror'), {
      error: {
        message:
          'The number of storage buffers (10) in the Compute stage exceeds the maximum per-stage limit (8).\n - While validating binding counts',
      },
    });
    device.dispatchEvent(error);
    const err = await watch.lost.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendLostError);
    expect((err as Error).message).toContain('WebGPU error: The number of storage buffers (10)');
    expect((err as Error).message).not.toContain('While validating');
    watch.stop();
  });

  it('after stop, an error no longer rejects', async () => {
    const watch = watchBackend();
    watch.stop();
    device.dispatchEvent(Object.assign(new Event('uncapturederror'), { error: { message: 'late' } }));
    const settled = await Promise.race([
      watch.lost.then(
        () => 'settled',
        () => 'rejected',
      ),
      new Promise((ok) => setTimeout(() => ok('pending'), 50)),
    ]);
    expect(settled).toBe('pending');
  });

  it('rejects when the device is lost', async () => {
    const watch = watchBackend();
    device.destroy();
    await expect(watch.lost).rejects.toThrow('WebGPU device lost (destroyed: Device was destroyed.)');
    watch.stop();
  });
});
