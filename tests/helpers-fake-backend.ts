import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';

/**
 * Stand-ins for the GPU backends Node lacks, for the tests of what the worker does when one is lost:
 * the cpu backend under another name, carrying what the loss watch and the backend state read of a
 * real one.
 */

/** A WebGPU device as the loss watch reads one: an event target with a `lost` promise. */
export class FakeDevice extends EventTarget {
  private resolveLost!: (info: { reason?: string; message?: string }) => void;
  lost = new Promise<{ reason?: string; message?: string }>((ok) => (this.resolveLost = ok));
  destroy() {
    this.resolveLost({ reason: 'destroyed', message: 'Device was destroyed.' });
  }
}

export interface FakeGpuOptions {
  /** what each instance carries: a WebGL context (`gl`), a fresh WebGPU device, or neither */
  carries: 'webgl' | 'webgpu' | 'nothing';
  /** register the cpu kernels under its name too, for work that runs on it */
  kernels?: boolean;
}

export interface FakeGpu {
  name: string;
  /** the WebGL context every instance of a `webgl` one answers with: set `lost` to lose it */
  gl: { lost: boolean; isContextLost(): boolean };
  /** the device of each instance of a `webgpu` one, newest last */
  devices: FakeDevice[];
  /** how many instances its factory made */
  made: number;
  register(): FakeGpu;
  remove(): void;
}

/** A stand-in GPU backend under `name`, registered once `register()` is called. */
export function fakeGpu(name: string, { carries, kernels = false }: FakeGpuOptions): FakeGpu {
  const gl = { lost: false, isContextLost: () => gl.lost };
  const extra = () =>
    carries === 'webgl'
      ? { gpgpu: { gl } }
      : carries === 'webgpu'
        ? { device: gpu.devices[gpu.devices.push(new FakeDevice()) - 1] }
        : {};
  const gpu: FakeGpu = {
    name,
    gl,
    devices: [],
    made: 0,
    register() {
      const cpu = tf.findBackendFactory('cpu')!;
      tf.registerBackend(name, async () => (gpu.made++, Object.assign(await cpu(), extra())), 0);
      if (kernels) tf.getKernelsForBackend('cpu').forEach((k) => tf.registerKernel({ ...k, backendName: name }));
      return gpu;
    },
    remove() {
      if (kernels) tf.getKernelsForBackend('cpu').forEach((k) => tf.unregisterKernel(k.kernelName, name));
      tf.removeBackend(name);
    },
  };
  return gpu;
}

/**
 * The file's tests start on `start` with `fakes` registered; after them the backend active before
 * is active again (before the fakes go, one of which may be the active one).
 */
export function backendsForFile(start: string, ...fakes: FakeGpu[]): void {
  let previous = '';
  beforeAll(async () => {
    previous = tf.getBackend();
    fakes.forEach((f) => f.register());
    await tf.setBackend(start);
  });
  afterAll(async () => {
    await tf.setBackend(previous || 'cpu');
    fakes.forEach((f) => f.remove());
  });
}

/**
 * `backbone`, but its first forward pass loses the newest device of `gpu`, its readback then never
 * settling (as on a lost WebGL context).
 */
export function losingBackbone(gpu: FakeGpu, backbone: Backbone): Backbone {
  const never = { data: () => new Promise(() => undefined), dispose: () => undefined, shape: [1, 3] };
  return {
    ...backbone,
    extract() {
      gpu.devices.at(-1)!.destroy();
      return never as unknown as tf.Tensor2D;
    },
  };
}
