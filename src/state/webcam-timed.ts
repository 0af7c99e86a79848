// Why: a timed recording's settings and their keeping on this device are apart from the camera (state/webcam.ts).
import type { StoreApi } from 'zustand';
import { readLocal, writeLocal } from '../core/storage/local';
import type { WebcamState } from './webcam-types';

/** A timed recording's countdown and length, in whole seconds (Teachable Machine's Delay and Duration). */
export const TIMED_LIMITS = {
  delay: { min: 0, max: 10, initial: 3 },
  duration: { min: 1, max: 60, initial: 5 },
} as const;
type TimedSetting = keyof typeof TIMED_LIMITS;

/** A setting within its limits; NaN (an empty field) and anything not a number: null. */
export function timedValue(which: TimedSetting, value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const { min, max } = TIMED_LIMITS[which];
  return Math.min(max, Math.max(min, Math.round(value)));
}
/** The settings chosen on this device's last visit (one stored out of range is brought within it). */
function rememberedTimed(): Pick<WebcamState, 'timedDelay' | 'timedDuration'> {
  const kept = readLocal('timedCapture') as Partial<Record<TimedSetting, unknown>> | null;
  return {
    timedDelay: timedValue('delay', kept?.delay) ?? TIMED_LIMITS.delay.initial,
    timedDuration: timedValue('duration', kept?.duration) ?? TIMED_LIMITS.duration.initial,
  };
}

/** The webcam store's timed settings: last visit's to start with, each change kept for the next. */
export function timedSlice({
  getState: get,
  setState: set,
}: Pick<StoreApi<WebcamState>, 'getState' | 'setState'>): Pick<
  WebcamState,
  'timedDelay' | 'timedDuration' | 'setTimedDelay' | 'setTimedDuration'
> {
  return {
    ...rememberedTimed(),
    setTimedDelay(seconds) {
      const timedDelay = timedValue('delay', seconds);
      if (timedDelay === null) return;
      writeLocal('timedCapture', { delay: timedDelay, duration: get().timedDuration });
      set({ timedDelay });
    },
    setTimedDuration(seconds) {
      const timedDuration = timedValue('duration', seconds);
      if (timedDuration === null) return;
      writeLocal('timedCapture', { delay: get().timedDelay, duration: timedDuration });
      set({ timedDuration });
    },
  };
}
