import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerLazyBackend } from '../src/worker/lazy-backend';
import { useBackend } from './helpers';

// A backend whose package is loaded only when it first starts (the worker's WebGPU): here a
// stand-in package that registers a CPU backend under the lazy name, as tfjs-backend-webgpu
// registers 'webgpu' on import.
const CpuBackend = () => tf.engine().findBackend('cpu').constructor as new () => tf.KernelBackend;
let serial = 0;

function fakePackage(name: string, registers = true) {
  return vi.fn(async () => {
    if (registers) tf.registerBackend(name, () => new (CpuBackend())(), 3);
  });
}

describe('registerLazyBackend', () => {
  let name = '';
  beforeAll(() => useBackend('cpu'));
  afterEach(async () => {
    await tf.setBackend('cpu');
    if (tf.engine().registryFactory[name]) tf.removeBackend(name);
    vi.restoreAllMocks();
  });
  const next = () => (name = `lazy${++serial}`);

  it('loads the package only when the backend first starts, once, and starts the backend it registered', async () => {
    const load = fakePackage(next());
    registerLazyBackend(name, 3, load);
    expect(load).not.toHaveBeenCalled();
    expect(tf.engine().registryFactory[name].priority).toBe(3);

    expect(await tf.setBackend(name)).toBe(true);
    expect(tf.getBackend()).toBe(name);
    expect(load).toHaveBeenCalledTimes(1);

    // a second start (after another backend) uses the package's own factory: no second load
    await tf.setBackend('cpu');
    tf.engine().registry[name].dispose();
    delete tf.engine().registry[name];
    expect(await tf.setBackend(name)).toBe(true);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a package that cannot be fetched fails that start only: the next start asks for it again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    next();
    const good = fakePackage(name);
    let calls = 0;
    registerLazyBackend(name, 3, async () => {
      calls++;
      if (calls === 1) throw new Error('Failed to fetch dynamically imported module');
      await good();
    });
    expect(await tf.setBackend(name)).toBe(false);
    expect(String(warn.mock.calls.flat().join(' '))).toMatch(/could not be loaded: Failed to fetch/);
    // still offered: the stand-in is back in place of the missing factory
    expect(tf.engine().registryFactory[name]).toBeDefined();

    expect(await tf.setBackend(name)).toBe(true);
    expect(calls).toBe(2);
  });

  it('a package that registers nothing (the browser lacks the API) fails the start with why', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const load = fakePackage(next(), false);
    registerLazyBackend(name, 3, load);
    expect(await tf.setBackend(name)).toBe(false);
    expect(String(warn.mock.calls.flat().join(' '))).toMatch(/not available in this browser/);
    expect(await tf.setBackend(name)).toBe(false);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
