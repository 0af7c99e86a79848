import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { installLocalStorage } = await import('./fake-worker');
const { CAPTURE_RATE, TIMED_LIMITS, useWebcam } = await import('../src/state/webcam');
const { imagesIn, setHidden, wait, webcamCaptureEachTest } = await import('./helpers-webcam-capture');

webcamCaptureEachTest();

/**
 * The page's clock, moved by the test: a timed recording's countdown and length follow it, not how
 * fast this machine runs. Whole milliseconds, so the steps add up to the countdown's end exactly.
 */
function stubClock() {
  let now = Math.ceil(performance.now()) + 1000;
  const spy = vi.spyOn(performance, 'now').mockImplementation(() => now);
  /** moves the clock in steps of 100 ms (one frame's worth), letting the capture interval turn at each */
  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += 100) {
      now += Math.min(100, ms - t);
      await wait(15);
    }
    // the last frame's JPEG is encoded after its turn
    await wait(5);
  };
  return { advance, restore: () => spy.mockRestore() };
}
const timed = () => useWebcam.getState().timed;

describe('a timed recording (hands free)', () => {
  let clock: ReturnType<typeof stubClock>;
  beforeEach(() => {
    clock = stubClock();
  });
  afterEach(() => clock.restore());

  it('counts down recording nothing, records at the capture rate for its length, then stops by itself', async () => {
    const seconds: string[] = [];
    const unsubscribe = useWebcam.subscribe((s, before) => {
      if (s.timed !== before.timed) seconds.push(s.timed ? `${s.timed.phase} ${s.timed.secondsLeft}` : 'ended');
    });
    useWebcam.getState().setTimedDelay(2);
    useWebcam.getState().setTimedDuration(2);
    useWebcam.getState().startTimed();
    expect(timed()).toMatchObject({ phase: 'countdown', secondsLeft: 2 });
    expect(useWebcam.getState()).toMatchObject({ recording: false, recordedInto: 'c3' });
    await clock.advance(1900);
    expect(imagesIn('c3')).toBe(0);
    expect(useWebcam.getState()).toMatchObject({ recording: false, recorded: 0 });
    expect(timed()).toMatchObject({ phase: 'countdown', secondsLeft: 1 });
    await clock.advance(100);
    expect(timed()).toMatchObject({ phase: 'recording', secondsLeft: 2 });
    expect(useWebcam.getState().recording).toBe(true);
    await clock.advance(1900);
    expect(useWebcam.getState().recording).toBe(true);
    await clock.advance(100);
    expect(timed()).toBeNull();
    expect(useWebcam.getState().recording).toBe(false);
    await clock.advance(500);
    expect(useWebcam.getState().recorded).toBe(2 * CAPTURE_RATE);
    expect(imagesIn('c3')).toBe(2 * CAPTURE_RATE);
    // the seconds shown change once a second, not with each frame
    expect(seconds).toEqual(['countdown 2', 'countdown 1', 'recording 2', 'recording 1', 'ended']);
    unsubscribe();
  });

  it('with no countdown records at once', async () => {
    useWebcam.getState().setTimedDelay(0);
    useWebcam.getState().setTimedDuration(1);
    useWebcam.getState().startTimed();
    expect(timed()).toMatchObject({ phase: 'recording', secondsLeft: 1 });
    await clock.advance(1000);
    expect(timed()).toBeNull();
    expect(imagesIn('c3')).toBe(CAPTURE_RATE);
  });

  it('cancelled during the countdown records nothing, even once the countdown would have ended', async () => {
    useWebcam.getState().setTimedDelay(1);
    useWebcam.getState().startTimed();
    await clock.advance(500);
    useWebcam.getState().stopTimed();
    expect(timed()).toBeNull();
    await clock.advance(2000);
    expect(useWebcam.getState()).toMatchObject({ recording: false, recorded: 0 });
    expect(imagesIn('c3')).toBe(0);
  });

  it('stopped while it records keeps the frames it took, as letting go of a hold does', async () => {
    useWebcam.getState().setTimedDelay(0);
    useWebcam.getState().setTimedDuration(10);
    useWebcam.getState().startTimed();
    await clock.advance(500);
    useWebcam.getState().stopTimed();
    expect(useWebcam.getState()).toMatchObject({ recording: false, timed: null });
    await clock.advance(1000);
    // one at its start, then one each 100 ms
    expect(useWebcam.getState().recorded).toBe(6);
    expect(imagesIn('c3')).toBe(6);
  });

  it('the tab hidden during the countdown ends it, says so, and it does not start again on return', async () => {
    useWebcam.getState().setTimedDelay(1);
    useWebcam.getState().startTimed();
    await clock.advance(300);
    setHidden(true);
    expect(timed()).toBeNull();
    expect(useWebcam.getState().recordNote).toMatch(/hidden/);
    setHidden(false);
    await clock.advance(2000);
    expect(useWebcam.getState()).toMatchObject({ recording: false, timed: null });
    expect(imagesIn('c3')).toBe(0);
  });

  it('the tab hidden while it records stops it and says so', async () => {
    useWebcam.getState().setTimedDelay(0);
    useWebcam.getState().startTimed();
    await clock.advance(300);
    setHidden(true);
    expect(useWebcam.getState()).toMatchObject({ recording: false, timed: null });
    expect(useWebcam.getState().recordNote).toMatch(/Recording stopped when the tab was hidden/);
    await clock.advance(500);
    expect(imagesIn('c3')).toBe(4);
  });

  it('pausing the camera, stopping it, or a new project ends a countdown', async () => {
    for (const end of [
      () => useWebcam.getState().setPaused(true),
      () => useWebcam.getState().resetCapture(),
      () => useWebcam.getState().stop(),
    ]) {
      await useWebcam.getState().start();
      useWebcam.getState().setCaptureClass('c3');
      useWebcam.getState().setTimedDelay(1);
      useWebcam.getState().startTimed();
      expect(timed()).not.toBeNull();
      end();
      expect(timed()).toBeNull();
      useWebcam.getState().setPaused(false);
      await clock.advance(1500);
      expect(imagesIn('c3')).toBe(0);
    }
  });

  it('a paused or hidden camera does not start one', () => {
    useWebcam.getState().setPaused(true);
    useWebcam.getState().startTimed();
    expect(timed()).toBeNull();
    useWebcam.getState().setPaused(false);
    setHidden(true);
    useWebcam.getState().startTimed();
    expect(timed()).toBeNull();
  });

  it('a hold or a burst cannot start while one runs, nor one while a hold runs', async () => {
    useWebcam.getState().setTimedDelay(1);
    useWebcam.getState().startTimed();
    useWebcam.getState().startRecording();
    useWebcam.getState().recordBurst();
    expect(useWebcam.getState()).toMatchObject({ recording: false, timed: { phase: 'countdown' } });
    await clock.advance(1000);
    expect(timed()?.phase).toBe('recording');
    // a hold pressed meanwhile neither starts nor cuts the timed recording short
    useWebcam.getState().startRecording();
    expect(timed()?.phase).toBe('recording');
    useWebcam.getState().stopTimed();
    await clock.advance(200);

    useWebcam.getState().startRecording();
    useWebcam.getState().startTimed();
    expect(useWebcam.getState()).toMatchObject({ recording: true, timed: null });
    useWebcam.getState().stopRecording();
  });
});

describe('the countdown and the length chosen', () => {
  it('are kept within their limits, in whole seconds', () => {
    const s = () => useWebcam.getState();
    s().setTimedDelay(99);
    s().setTimedDuration(0);
    expect([s().timedDelay, s().timedDuration]).toEqual([TIMED_LIMITS.delay.max, TIMED_LIMITS.duration.min]);
    s().setTimedDelay(-4);
    s().setTimedDuration(2.6);
    expect([s().timedDelay, s().timedDuration]).toEqual([0, 3]);
    // an empty or unreadable field changes nothing
    s().setTimedDelay(NaN);
    s().setTimedDuration(NaN);
    expect([s().timedDelay, s().timedDuration]).toEqual([0, 3]);
  });

  it('are remembered on this device for the next visit (3 s and 5 s before any choice)', async () => {
    installLocalStorage();
    try {
      vi.resetModules();
      const first = (await import('../src/state/webcam')).useWebcam;
      expect([first.getState().timedDelay, first.getState().timedDuration]).toEqual([3, 5]);
      first.getState().setTimedDelay(7);
      first.getState().setTimedDuration(42);
      vi.resetModules();
      const next = (await import('../src/state/webcam')).useWebcam;
      expect([next.getState().timedDelay, next.getState().timedDuration]).toEqual([7, 42]);
      // a stored value out of range (an older version, edited by hand) is kept within the limits
      const { writeLocal } = await import('../src/core/storage/local');
      writeLocal('timedCapture', { delay: 30, duration: 'long' });
      vi.resetModules();
      const edited = (await import('../src/state/webcam')).useWebcam;
      expect([edited.getState().timedDelay, edited.getState().timedDuration]).toEqual([10, 5]);
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});
