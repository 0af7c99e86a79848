import * as tf from '@tensorflow/tfjs';
import { BackendLostError, isBackendFault } from '../core/backend-fault';

interface GpuBackendInternals {
  device?: EventTarget & { lost: Promise<{ reason?: string; message?: string }>; destroy(): void };
  gpgpu?: { gl: WebGL2RenderingContext };
}

const internals = () => tf.backend() as unknown as GpuBackendInternals;

/**
 * Rejects when the active GPU backend loses its device or context. A WebGPU loss rejects the
 * next readback, but on a lost WebGL context readbacks never settle (measured in Chromium), so
 * training races against this promise instead of waiting forever.
 *
 * A WebGPU error nobody captured rejects too: a kernel whose pipeline fails validation is
 * skipped without a throw, and everything after it computes on unwritten buffers (a 9-input
 * addN did exactly that on an NVIDIA H200 and on SwiftShader). Training on must not go on there.
 */
export function watchBackend(): { lost: Promise<never>; stop(): void } {
  const name = tf.getBackend();
  let stop = () => {};
  const lost = new Promise<never>((_, reject) => {
    let live = true;
    const fail = (reason: string) => live && reject(new BackendLostError(name, reason));
    const b = internals();
    if (name === 'webgpu' && b.device) {
      const device = b.device;
      void device.lost.then((info) =>
        fail(`WebGPU device lost (${info.reason ?? 'unknown'}${info.message ? `: ${info.message}` : ''})`),
      );
      const onError = (e: Event) => {
        const message = (e as Event & { error?: { message?: string } }).error?.message ?? 'unknown';
        fail(`WebGPU error: ${message.split('\n')[0]}`);
      };
      device.addEventListener('uncapturederror', onError);
      const previous = stop;
      stop = () => {
        previous();
        device.removeEventListener('uncapturederror', onError);
      };
    } else if (name === 'webgl' && b.gpgpu) {
      const gl = b.gpgpu.gl;
      const canvas = gl.canvas as EventTarget;
      const onLost = () => fail('WebGL context lost');
      canvas.addEventListener('webglcontextlost', onLost);
      // a context lost before this watch began (e.g. with the GPU process that took WebGPU down)
      // sends no event any more: poll for it as well
      const poll = setInterval(() => gl.isContextLost() && onLost(), 500);
      if (gl.isContextLost()) onLost();
      const previous = stop;
      stop = () => {
        previous();
        clearInterval(poll);
        canvas.removeEventListener('webglcontextlost', onLost);
      };
    }
    const inner = stop;
    stop = () => {
      live = false;
      inner();
    };
  });
  lost.catch(() => undefined); // handled by whoever races against it
  return { lost, stop: () => stop() };
}

/**
 * Guards work on a backend that is not the active one (a head training elsewhere): races it
 * against that backend's loss, and names the backend in its faults so the fallback knows which
 * one broke (worker/fallback.ts). Call it with that backend active.
 */
export function guardBackend(name: string) {
  return async <T>(work: () => Promise<T>): Promise<T> => {
    const watch = watchBackend();
    try {
      return await Promise.race([work(), watch.lost]);
    } catch (err) {
      if (err instanceof BackendLostError || !isBackendFault(err)) throw err;
      throw new BackendLostError(name, (err as Error).message);
    } finally {
      watch.stop();
    }
  };
}

/**
 * Test hook (opt-in from the page with ?fault=gpu-lost-after-epoch-N): really loses the GPU —
 * destroys the WebGPU device or loses the WebGL context. Returns what it did.
 */
export function loseGpu(): string {
  const name = tf.getBackend();
  const b = internals();
  if (name === 'webgpu' && b.device) {
    b.device.destroy();
    return 'destroyed the WebGPU device';
  }
  if (name === 'webgl' && b.gpgpu) {
    b.gpgpu.gl.getExtension('WEBGL_lose_context')?.loseContext();
    return 'lost the WebGL context';
  }
  return `nothing to lose on ${name}`;
}
