import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { installLocalStorage } = await import('./fake-worker');
const { readLocal, writeLocal } = await import('../src/core/storage/local');
const { useWebcam } = await import('../src/state/webcam');
const { emptyProject } = await import('../src/state/coordinator');
const { applyRecord } = await import('../src/state/page-record');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { closeDatabases } = await import('../src/core/storage/databases');
const { setHidden, webcamCaptureEachTest } = await import('./helpers-webcam-capture');

beforeEach(() => installLocalStorage());
afterEach(() => closeDatabases());
// cameras that say which way they face (phones do) when asked for by the id 'front' or 'back'; the
// test starts each one
webcamCaptureEachTest({
  start: false,
  track: (video) => {
    const id = (video.deviceId as { exact?: string } | undefined)?.exact ?? 'laptop';
    const facingMode = { front: 'user', back: 'environment' }[id];
    return {
      label: id === 'laptop' ? 'Integrated Camera' : '',
      settings: { deviceId: id, ...(facingMode && { facingMode }) },
    };
  },
});

const mirrorWith = async (deviceId: string) => {
  await useWebcam.getState().start(deviceId);
  return useWebcam.getState().mirror;
};

describe('"Mirror view" per facing', () => {
  it('a back camera shows unmirrored, a front one and one that does not say (a laptop webcam) mirrored', async () => {
    expect(await mirrorWith('back')).toBe(false);
    expect(useWebcam.getState().facing).toBe('back');
    expect(await mirrorWith('front')).toBe(true);
    expect(await mirrorWith('laptop')).toBe(true);
  });

  it("each facing keeps its own choice: unticking it on one camera leaves the other's as it was", async () => {
    expect(await mirrorWith('front')).toBe(true);
    useWebcam.getState().setMirror(false);
    expect(await mirrorWith('back')).toBe(false);
    useWebcam.getState().setMirror(true);
    expect(await mirrorWith('front')).toBe(false);
    expect(await mirrorWith('back')).toBe(true);
    // kept for the next visit on this device
    expect(readLocal('mirror')).toEqual({ front: false, back: true });
  });

  it("an earlier visit's single choice was the front camera's; a back camera is not mirrored by it", async () => {
    writeLocal('mirror', false);
    expect(await mirrorWith('front')).toBe(false);
    expect(await mirrorWith('back')).toBe(false);
    writeLocal('mirror', true);
    expect(await mirrorWith('laptop')).toBe(true);
    expect(await mirrorWith('back')).toBe(false);
  });
});

/** a recording stopped by the tab going out of sight leaves its note, and the count of what it took */
async function hiddenNote() {
  await useWebcam.getState().start();
  useWebcam.getState().setCaptureClass('c3');
  useWebcam.getState().startRecording();
  // the count its frames left (how many does not matter here: that it goes)
  useWebcam.setState({ recorded: 4 });
  setHidden(true);
  setHidden(false);
  expect(useWebcam.getState()).toMatchObject({ recording: false, recorded: 4, recordedInto: 'c3' });
  expect(useWebcam.getState().recordNote).toMatch(/tab was hidden/);
}
const captureLeft = () => {
  const { recordNote, recorded, recordedInto } = useWebcam.getState();
  return { recordNote, recorded, recordedInto };
};
const cleared = { recordNote: null, recorded: 0, recordedInto: '' };

describe("a recording's note and counts", () => {
  it('go when the camera stops (they were shown again with the next camera)', async () => {
    await hiddenNote();
    useWebcam.getState().stop();
    expect(captureLeft()).toEqual(cleared);
    await useWebcam.getState().start();
    expect(captureLeft()).toEqual(cleared);
  });

  it('go with a new project, the camera running on', async () => {
    await hiddenNote();
    emptyProject();
    expect(useWebcam.getState().status).toBe('on');
    expect(captureLeft()).toEqual(cleared);
  });

  it('go when another project is opened', async () => {
    await hiddenNote();
    applyRecord(
      { version: 1, classes: [], settings: { ...DEFAULT_SETTINGS }, backboneId: 'mobilenet-v2-0.35', savedAt: '' },
      () => undefined,
    );
    expect(useWebcam.getState().status).toBe('on');
    expect(captureLeft()).toEqual(cleared);
  });
});
