import * as tf from '@tensorflow/tfjs';
import type { BackendChoice, BackendInfo, BackendPlan, BackendProbe } from './protocol';
import { automaticOrder } from '../core/backend-order';

const SOFTWARE = /swiftshader|llvmpipe|software|basic render/i;

/**
 * On a fresh page Chromium's GPU process may not be up yet: with an NVIDIA H200 two of four
 * launches answered the first requestAdapter with null and gave an adapter a moment later, which
 * would have put those visits on WebGL. One retry after a short pause costs machines without
 * WebGPU that pause once, off the main thread.
 */
const ADAPTER_RETRY_MS = 300;

async function requestAdapterWithRetry(gpu: { requestAdapter(): Promise<unknown> }): Promise<unknown> {
  const first = await gpu.requestAdapter();
  if (first) return first;
  await new Promise((ok) => setTimeout(ok, ADAPTER_RETRY_MS));
  return gpu.requestAdapter();
}

export async function probeWebGpu(): Promise<BackendProbe> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return { name: 'webgpu', ok: false, note: 'navigator.gpu is missing' };
  try {
    const adapter = (await requestAdapterWithRetry(gpu)) as {
      info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
      isFallbackAdapter?: boolean;
    } | null;
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
    // a context left to the garbage collector counts against the browser's limit (16 in Chromium)
    // until then: every backend switch probes again, and past the limit the oldest context, tfjs'
    // own included, is lost
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { name: 'webgl', ok: true, adapter: renderer, software: SOFTWARE.test(renderer) };
  } catch (err) {
    return { name: 'webgl', ok: false, note: (err as Error).message };
  }
}

async function probeWasm(): Promise<BackendProbe> {
  const flag = async (name: string) =>
    Boolean(
      await tf
        .env()
        .getAsync(name)
        .catch(() => false),
    );
  const [simd, threads] = await Promise.all([flag('WASM_HAS_SIMD_SUPPORT'), flag('WASM_HAS_MULTITHREAD_SUPPORT')]);
  // threads need cross-origin isolation (COOP/COEP headers), which a static host rarely sends
  return { name: 'wasm', ok: true, adapter: `SIMD ${simd ? 'yes' : 'no'}, threads ${threads ? 'yes' : 'no'}` };
}

/** What the probes found, as one comparable string (a plan measured on other hardware does not apply). */
export function probeSignature(probes: readonly BackendProbe[]): string {
  return probes
    .map((p) => `${p.name}:${p.ok ? `${p.adapter ?? 'ok'}${p.software ? ' (software)' : ''}` : 'no'}`)
    .join('|');
}

/** `head` unless it names the active backend or one that is not available here. */
export function headElsewhere(
  head: BackendInfo['head'],
  active: string,
  probes: readonly BackendProbe[],
): BackendInfo['head'] {
  return head && head.name !== active && probes.some((p) => p.name === head.name && p.ok) ? head : null;
}

const day = (iso: string) => iso.slice(0, 10);

/**
 * Probes every backend and activates the best: the user's choice (now, else on an earlier visit);
 * else what a calibration on this same hardware measured fastest for feature extraction; else a hardware GPU (WebGPU, then WebGL)
 * when there is one, else wasm, which is the fastest CPU path for frozen forward passes and dense
 * heads. `head` (kept through a user's switch) or the plan's head backend is where head-only runs train.
 */
export async function chooseBackend(
  options: {
    preferred?: string;
    why?: string;
    plan?: BackendPlan | null;
    choice?: BackendChoice | null;
    head?: BackendInfo['head'];
  } = {},
): Promise<BackendInfo> {
  const { preferred, why = 'chosen by you', plan, choice, head } = options;
  const probes: BackendProbe[] = [await probeWebGpu(), probeWebGl(), await probeWasm(), { name: 'cpu', ok: true }];
  const signature = probeSignature(probes);
  const planned = plan && plan.signature === signature ? plan : null;
  const chosen = choice && choice.signature === signature ? choice : null;
  const earlier = 'chosen by you on an earlier visit';
  const order: { name: string; reason: string }[] = [];
  if (preferred) order.push({ name: preferred, reason: why });
  if (chosen?.backend) order.push({ name: chosen.backend, reason: earlier });
  // a WebGPU adapter whose backend does not start leaves WebGL on the same card: every hardware GPU is tried
  order.push(...automaticOrder(probes, planned));
  const headWanted =
    head !== undefined
      ? head
      : chosen && chosen.head !== undefined
        ? chosen.head
          ? { name: chosen.head, reason: earlier }
          : null
        : planned?.headTraining
          ? {
              name: planned.headTraining,
              reason: `fastest for head training when calibrated on ${day(planned.measuredAt)}`,
            }
          : null;
  // the first backend wanted that did not start: the reason says so, rather than why the next one was
  let passedOver: { name: string; reason: string } | null = null;
  for (const candidate of order) {
    const probe = probes.find((p) => p.name === candidate.name);
    if (probe && !probe.ok) continue;
    let failure: string;
    try {
      // tfjs answers false, without throwing, when a backend's initialisation fails (WebGPU's
      // device request, a WebGL context it cannot make)
      if (await tf.setBackend(candidate.name)) {
        await tf.ready();
        const active = tf.getBackend();
        const reason = passedOver
          ? `${passedOver.name} (${passedOver.reason}) did not start; using ${active} (${candidate.reason})`
          : candidate.reason;
        return { active, reason, probes, signature, head: headElsewhere(headWanted, active, probes) };
      }
      failure = 'failed to start';
    } catch (err) {
      failure = `failed to start: ${(err as Error).message}`;
    }
    // not offered in the selects, nor tried again below, nor given the head
    if (probe) Object.assign(probe, { ok: false, note: failure });
    passedOver ??= candidate;
  }
  throw new Error('No TensorFlow.js backend could start in this browser');
}
