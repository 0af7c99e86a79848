import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { WebcamState } from '../src/state/webcam-types';

// The webcam store's parts (timed settings, answer choices, capture) work on whatever store they are
// handed, and state/webcam.ts still offers what the panels import from it.
const webcam = await import('../src/state/webcam');
const { TIMED_LIMITS, timedSlice, timedValue } = await import('../src/state/webcam-timed');
const { choicesSlice } = await import('../src/state/webcam-choices');
const { BURST_MS, CAPTURE_RATE, captureSlice } = await import('../src/state/webcam-capture');
const { LIVE_DEFAULTS } = await import('../src/core/project/record');

/** a bare store holding one part: the rest of the webcam state is not needed by it */
const storeOf = <T extends object>(slice: (store: never) => T) =>
  createStore<WebcamState>()((_set, _get, api) => slice(api as never) as unknown as WebcamState);

describe('the webcam store split by part', () => {
  it('a timed setting is brought within its limits; an empty field is none', () => {
    expect(timedValue('delay', 42)).toBe(TIMED_LIMITS.delay.max);
    expect(timedValue('duration', 0)).toBe(TIMED_LIMITS.duration.min);
    expect(timedValue('duration', 2.6)).toBe(3);
    expect(timedValue('delay', NaN)).toBeNull();
    expect(timedValue('delay', '5')).toBeNull();
  });

  it('the timed settings work on a store of their own', () => {
    const store = storeOf(timedSlice);
    expect([store.getState().timedDelay, store.getState().timedDuration]).toEqual([3, 5]);
    store.getState().setTimedDelay(-4);
    store.getState().setTimedDuration(99);
    expect([store.getState().timedDelay, store.getState().timedDuration]).toEqual([0, 60]);
  });

  it('a default threshold follows the class count on a store of its own, a chosen one stays', () => {
    const store = storeOf(choicesSlice);
    const s = () => store.getState();
    expect(s().threshold).toBe(0.5);
    s().followClassCount(2);
    expect(s().threshold).toBe(0.75);
    expect(s().liveChoices().threshold).toBe(LIVE_DEFAULTS.threshold);
    s().setThreshold(0.9);
    s().followClassCount(5);
    expect([s().threshold, s().liveChoices().threshold]).toEqual([0.9, 0.9]);
    s().resetThreshold();
    expect(s().threshold).toBe(0.6);
  });

  it('capture records nothing on a store whose camera is off', () => {
    let asked = 0;
    const store = createStore<WebcamState>()(
      (_set, _get, api) =>
        ({
          status: 'off',
          paused: false,
          captureClassId: 'c',
          recording: false,
          timed: null,
          hidden: false,
          ...captureSlice({
            store: api,
            video: () => null,
            project: () => ({ hasClass: () => (asked++, true), addImage: () => true }),
          }),
        }) as unknown as WebcamState,
    );
    store.getState().startRecording();
    expect([store.getState().recording, asked]).toEqual([false, 0]);
  });

  it('state/webcam.ts still offers the capture and timed constants the panels import', () => {
    expect(webcam.TIMED_LIMITS).toBe(TIMED_LIMITS);
    expect([webcam.CAPTURE_RATE, webcam.BURST_MS]).toEqual([CAPTURE_RATE, BURST_MS]);
  });
});
