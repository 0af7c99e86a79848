import * as tf from '@tensorflow/tfjs';
import type { BackendChoice, BackendInfo, BackendPlan, BackendProbe } from './protocol';
import { chooseBackend, headElsewhere } from './backend-choice';

/** What tfjs' GPU backends hold of their device (read to tell a lost one). */
interface GpuInstance {
  device?: { lost: Promise<unknown> };
  gpgpu?: { gl: { isContextLost(): boolean } };
}

/** Whether the backend registered as `name` lost its GPU device or context (a WebGPU loss settles on a later turn). */
async function deviceLost(name: string): Promise<boolean> {
  const instance = tf.engine().registry[name] as unknown as GpuInstance | undefined;
  if (instance?.gpgpu) return instance.gpgpu.gl.isContextLost();
  if (!instance?.device) return false;
  const lost = instance.device.lost.then(() => true);
  return Promise.race([lost, new Promise<boolean>((ok) => setTimeout(() => ok(false), 0))]);
}

/**
 * A backend whose device is lost is removed and registered again from its factory, so that a
 * later pick starts a fresh one: tfjs' setBackend hands back the registered instance, lost device
 * and all, and answers true. Removal alone forgets the factory as well. Only a lost one: tensors
 * still on a backend that failed otherwise (out of memory, a missing kernel) — an imported model,
 * the last run's head — stay usable there. On a lost device they hold nothing any more, and
 * disposing them after the removal is a no-op (tfjs 4.22: webgl's and webgpu's disposeData skip a
 * disposed backend's textures and buffers). Disposing the instance matters for WebGL: its
 * compiled programs sit in a cache every WebGL instance shares, and a new context given the lost
 * one's programs would compute nothing. Never the active backend: removal would leave tfjs with none.
 */
async function forgetIfLost(name: string): Promise<void> {
  if (!(await deviceLost(name)) || name === tf.getBackend()) return;
  const engine = tf.engine();
  const entry = engine.registryFactory[name];
  if (!entry) return;
  try {
    tf.removeBackend(name);
  } catch (err) {
    console.warn(`Disposing the lost ${name} backend failed: ${(err as Error).message}`);
  } finally {
    // a dispose that threw left the instance registered: a pick would get it again
    delete engine.registry[name];
    if (!engine.registryFactory[name]) tf.registerBackend(name, entry.factory, entry.priority);
  }
}

/** `probes` with `name` unavailable and why (the selects and the calibration pass it over). */
const failedIn = (probes: BackendProbe[], name: string, note: string): BackendProbe[] =>
  probes.map((p) => (p.name === name ? { ...p, ok: false, note } : p));

/**
 * The worker's backend: which one is active and why, where head-only runs train their head, and
 * the page's stored calibration plan and remembered picks that the first choice follows. Every
 * model is created after the backend is chosen, so its weights live on that backend.
 */
export function backendState() {
  let current: Promise<BackendInfo> | null = null;
  let plan: BackendPlan | null = null;
  let choice: BackendChoice | null = null;
  const ready = () => (current ??= chooseBackend({ plan, choice }));
  const update = async (change: (info: BackendInfo) => BackendInfo) => {
    const next = change(await ready());
    current = Promise.resolve(next);
    return next;
  };
  return {
    ready,
    setPlan(p: BackendPlan | null, c: BackendChoice | null) {
      plan = p;
      choice = c;
    },
    /** a new choice (the user's, or a calibration's); the head's backend stays unless it is the one chosen */
    async choose(preferred?: string, why?: string): Promise<BackendInfo> {
      const head = current ? (await current.catch(() => null))?.head : undefined;
      return (current = chooseBackend({ preferred, why, plan, choice, head }));
    },
    /** back to `info`, active again (a switch the loaded backbone could not follow: its weights live there) */
    async restore(info: BackendInfo): Promise<BackendInfo> {
      if (tf.getBackend() !== info.active) {
        await tf.setBackend(info.active);
        await tf.ready();
      }
      current = Promise.resolve(info);
      return info;
    },
    setHead: (name: string | null, reason: string) =>
      update((info) => ({ ...info, head: headElsewhere(name ? { name, reason } : null, info.active, info.probes) })),
    /**
     * The fallback activated `name` after the active backend failed (`why`: how it failed). The
     * failed one is no longer offered (a pick of it ran on the lost device, a calibration of it
     * never ended) until the backends are probed again, by a user's switch or a calibration's.
     */
    async switchedTo(name: string, why: string): Promise<BackendInfo> {
      let failed = '';
      const next = await update((info) => {
        failed = info.active;
        const probes = failedIn(info.probes, failed, `failed during a run: ${why}`);
        return {
          ...info,
          active: name,
          reason: `switched to after ${failed} failed: ${why}`,
          probes,
          head: headElsewhere(info.head, name, probes),
        };
      });
      if (failed !== name) await forgetIfLost(failed);
      return next;
    },
    /**
     * Of the backends a calibration could not measure (`failed`: each one's name and error), those
     * whose device or context is gone: no longer offered nor the head's, and the lost instance
     * forgotten, as after a run's fallback (a pick of it, or a choice falling through to it, got the
     * lost one). One that failed otherwise (out of memory, a missing kernel) stays offered.
     */
    async forgetLost(failed: readonly { name: string; error?: string }[]): Promise<BackendInfo> {
      const lost: { name: string; error?: string }[] = [];
      for (const f of failed) if (await deviceLost(f.name)) lost.push(f);
      if (!lost.length) return ready();
      const next = await update((info) => {
        const probes = lost.reduce(
          (all, f) => failedIn(all, f.name, f.error ?? 'it stopped working while measured'),
          info.probes,
        );
        return { ...info, probes, head: headElsewhere(info.head, info.active, probes) };
      });
      for (const f of lost) await forgetIfLost(f.name);
      return next;
    },
    /** the head's backend failed (`why`: how): later runs train their head where the backbone lives */
    async dropHead(why?: string): Promise<BackendInfo> {
      let failed: string | undefined;
      const next = await update((info) => {
        failed = info.head?.name;
        const note = `failed training a head${why ? `: ${why}` : ''}`;
        return { ...info, head: null, probes: failed ? failedIn(info.probes, failed, note) : info.probes };
      });
      if (failed) await forgetIfLost(failed);
      return next;
    },
  };
}

export type BackendState = ReturnType<typeof backendState>;
