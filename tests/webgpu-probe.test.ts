import { afterEach, describe, expect, it, vi } from 'vitest';
import { probeWebGpu } from '../src/worker/backend-choice';

function stubAdapters(answers: unknown[]) {
  const requestAdapter = vi.fn(async () => answers.shift() ?? null);
  vi.stubGlobal('navigator', { gpu: { requestAdapter } });
  return requestAdapter;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the WebGPU probe', () => {
  it('asks again when a GPU process still starting answers the first request with no adapter', async () => {
    const request = stubAdapters([null, { info: { vendor: 'nvidia', architecture: 'hopper' } }]);
    expect(await probeWebGpu()).toEqual({ name: 'webgpu', ok: true, adapter: 'nvidia / hopper', software: false });
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('says there is no adapter after the second empty answer, and asks no more', async () => {
    const request = stubAdapters([null, null, { info: { vendor: 'never asked' } }]);
    expect(await probeWebGpu()).toEqual({ name: 'webgpu', ok: false, note: 'no WebGPU adapter' });
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('takes the first adapter when it comes at once, and marks software adapters', async () => {
    const request = stubAdapters([{ info: { vendor: 'google', architecture: 'swiftshader' } }]);
    expect(await probeWebGpu()).toEqual({ name: 'webgpu', ok: true, adapter: 'google / swiftshader', software: true });
    expect(request).toHaveBeenCalledTimes(1);
  });
});
