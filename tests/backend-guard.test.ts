import { describe, expect, it } from 'vitest';
import { BackendLostError } from '../src/core/backend-fault';
import { watchBackend } from '../src/worker/backend-guard';
import { backendsForFile, fakeGpu } from './helpers-fake-backend';

const gpu = fakeGpu('webgpu', { carries: 'webgpu' });
backendsForFile('webgpu', gpu);
/** the device of the instance the tests run on */
const device = () => gpu.devices.at(-1)!;

describe('watchBackend on WebGPU', () => {
  it('rejects on a WebGPU error nobody captured (a kernel that failed validation computes nothing)', async () => {
    const watch = watchBackend();
    const error = Object.assign(new Event('uncapturederror'), {
      error: {
        message:
          'The number of storage buffers (10) in the Compute stage exceeds the maximum per-stage limit (8).\n - While validating binding counts',
      },
    });
    device().dispatchEvent(error);
    const err = await watch.lost.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendLostError);
    expect((err as Error).message).toContain('WebGPU error: The number of storage buffers (10)');
    expect((err as Error).message).not.toContain('While validating');
    watch.stop();
  });

  it('after stop, an error no longer rejects', async () => {
    const watch = watchBackend();
    watch.stop();
    device().dispatchEvent(Object.assign(new Event('uncapturederror'), { error: { message: 'late' } }));
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
    device().destroy();
    await expect(watch.lost).rejects.toThrow('WebGPU device lost (destroyed: Device was destroyed.)');
    watch.stop();
  });
});
