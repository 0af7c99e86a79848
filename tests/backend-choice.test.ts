import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** tfjs' backend switch, faked: `starts` says which backends start (false: setBackend answers false) */
const fake = vi.hoisted(() => {
  const state = { active: 'cpu', starts: {} as Record<string, boolean>, tried: [] as string[] };
  return {
    state,
    tf: {
      setBackend: async (name: string) => {
        state.tried.push(name);
        // tfjs makes the name active before its initialisation fails, and answers false
        state.active = name;
        return state.starts[name] ?? true;
      },
      ready: async () => undefined,
      getBackend: () => state.active,
      env: () => ({ getAsync: async () => false }),
    },
  };
});
vi.mock('@tensorflow/tfjs', () => fake.tf);

const { chooseBackend } = await import('../src/worker/backend-choice');

/** a browser with a hardware WebGPU adapter and a WebGL2 context on the same card */
function gpuBrowser() {
  const lost: string[] = [];
  vi.stubGlobal('navigator', {
    gpu: { requestAdapter: async () => ({ info: { vendor: 'nvidia', architecture: 'hopper' } }) },
  });
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      getContext() {
        return {
          RENDERER: 1,
          getParameter: () => 'ANGLE (NVIDIA H200)',
          getExtension: (name: string) =>
            name === 'WEBGL_lose_context' ? { loseContext: () => void lost.push(name) } : null,
        };
      }
    },
  );
  return { lost };
}

beforeEach(() => {
  fake.state.starts = {};
  fake.state.tried = [];
  fake.state.active = 'cpu';
});
afterEach(() => vi.unstubAllGlobals());

describe('chooseBackend when a GPU backend does not start', () => {
  it('tries WebGL on the same card after WebGPU answers false, and says WebGPU did not start', async () => {
    gpuBrowser();
    fake.state.starts.webgpu = false;
    const info = await chooseBackend();
    expect(fake.state.tried).toEqual(['webgpu', 'webgl']);
    expect(info.active).toBe('webgl');
    expect(info.reason).toMatch(/^webgpu \(hardware GPU: nvidia \/ hopper\) did not start; using webgl/);
    expect(info.reason).not.toMatch(/no hardware GPU/);
    expect(info.probes.find((p) => p.name === 'webgpu')).toMatchObject({ ok: false, note: 'failed to start' });
  });

  it("the user's WebGPU that does not start: WebGL, not wasm, and the reason names their choice", async () => {
    gpuBrowser();
    fake.state.starts.webgpu = false;
    const info = await chooseBackend({ preferred: 'webgpu', why: 'your choice' });
    // tried once: a backend that failed is not tried again further down the order
    expect(fake.state.tried).toEqual(['webgpu', 'webgl']);
    expect(info.reason).toMatch(/^webgpu \(your choice\) did not start; using webgl/);
  });

  it('a head wanted on the backend that did not start is dropped', async () => {
    gpuBrowser();
    fake.state.starts.webgpu = false;
    const info = await chooseBackend({ preferred: 'wasm', head: { name: 'webgpu', reason: 'chosen by you' } });
    // wasm started first: webgpu was never tried, so the head stays there
    expect(info.head).toEqual({ name: 'webgpu', reason: 'chosen by you' });
    const failed = await chooseBackend({ head: { name: 'webgpu', reason: 'chosen by you' } });
    expect(failed.active).toBe('webgl');
    expect(failed.head).toBeNull();
  });

  it('no GPU backend starting falls to wasm with the first failure named', async () => {
    gpuBrowser();
    Object.assign(fake.state.starts, { webgpu: false, webgl: false });
    const info = await chooseBackend();
    expect(fake.state.tried).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(info.active).toBe('wasm');
    expect(info.reason).toMatch(/^webgpu .* did not start; using wasm/);
  });

  it('a plain start keeps the reason it had', async () => {
    gpuBrowser();
    const info = await chooseBackend();
    expect(info).toMatchObject({ active: 'webgpu', reason: 'hardware GPU: nvidia / hopper' });
  });
});

describe('the WebGL probe', () => {
  it('gives its context back once it has read the renderer (each choice probes again)', async () => {
    const { lost } = gpuBrowser();
    await chooseBackend();
    await chooseBackend({ preferred: 'wasm' });
    expect(lost).toEqual(['WEBGL_lose_context', 'WEBGL_lose_context']);
  });
});
