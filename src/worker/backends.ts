import * as tf from '@tensorflow/tfjs';
import type { BackendInfo, BackendProbe } from './protocol';

const SOFTWARE = /swiftshader|llvmpipe|software|basic render/i;

async function probeWebGpu(): Promise<BackendProbe> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return { name: 'webgpu', ok: false, note: 'navigator.gpu is missing' };
  try {
    const adapter = (await gpu.requestAdapter()) as
      | { info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean }; isFallbackAdapter?: boolean }
      | null;
    if (!adapter) return { name: 'webgpu', ok: false, note: 'no WebGPU adapter' };
    const info = adapter.info ?? {};
    const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' / ') || 'unknown adapter';
    const software = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || SOFTWARE.test(name);
    return { name: 'webgpu', ok: true, adapter: name, software };
  } catch (err) {
    return { name: 'webgpu', ok: false, note: (err as Error).message };
  }
}

function probeWebGl(): BackendProbe {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return { name: 'webgl', ok: false, note: 'no WebGL2 context' };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    return { name: 'webgl', ok: true, adapter: renderer, software: SOFTWARE.test(renderer) };
  } catch (err) {
    return { name: 'webgl', ok: false, note: (err as Error).message };
  }
}

async function probeWasm(): Promise<BackendProbe> {
  const flag = async (name: string) => Boolean(await tf.env().getAsync(name).catch(() => false));
  const [simd, threads] = await Promise.all([flag('WASM_HAS_SIMD_SUPPORT'), flag('WASM_HAS_MULTITHREAD_SUPPORT')]);
  // threads need cross-origin isolation (COOP/COEP headers), which a static host rarely sends
  return { name: 'wasm', ok: true, adapter: `SIMD ${simd ? 'yes' : 'no'}, threads ${threads ? 'yes' : 'no'}` };
}

/**
 * Probes every backend and activates the best: a hardware GPU (WebGPU, then WebGL) when there
 * is one, else wasm, which is the fastest CPU path for frozen forward passes and dense heads.
 */
export async function chooseBackend(preferred?: string): Promise<BackendInfo> {
  const probes: BackendProbe[] = [await probeWebGpu(), probeWebGl(), await probeWasm(), { name: 'cpu', ok: true }];
  const usable = probes.filter((p) => p.ok);
  const hardware = usable.find((p) => p.software === false);
  const order: { name: string; reason: string }[] = [];
  if (preferred) order.push({ name: preferred, reason: 'chosen by you' });
  if (hardware) order.push({ name: hardware.name, reason: `hardware GPU: ${hardware.adapter}` });
  order.push({ name: 'wasm', reason: 'no hardware GPU found; wasm is the fastest CPU backend' });
  order.push({ name: 'cpu', reason: 'fallback: the other backends failed to start' });
  for (const candidate of order) {
    const probe = probes.find((p) => p.name === candidate.name);
    if (probe && !probe.ok) continue;
    try {
      if (await tf.setBackend(candidate.name)) {
        await tf.ready();
        return { active: tf.getBackend(), reason: candidate.reason, probes };
      }
    } catch (err) {
      if (probe) probe.note = `failed to start: ${(err as Error).message}`;
    }
  }
  throw new Error('No TensorFlow.js backend could start in this browser');
}
