import * as tf from '@tensorflow/tfjs';
import type { BackendChoice, BackendInfo, BackendPlan } from './protocol';
import { chooseBackend, headElsewhere } from './backend-choice';

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
    /** the fallback activated `name` after the active backend failed (`why`: how it failed) */
    switchedTo: (name: string, why: string) =>
      update((info) => ({
        ...info,
        active: name,
        reason: `switched to after ${info.active} failed: ${why}`,
        head: headElsewhere(info.head, name, info.probes),
      })),
    /** the head's backend failed: later runs train their head where the backbone lives */
    dropHead: () => update((info) => ({ ...info, head: null })),
  };
}

export type BackendState = ReturnType<typeof backendState>;
