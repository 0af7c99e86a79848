import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { connectedStoresEachTest } = await import('./store-harness');
const { useWebcam } = await import('../src/state/webcam');
const { persistContext, currentRecord, applyRecord } = await import('../src/state/page-record');
const { defaultThreshold } = await import('../src/core/live/decision');

connectedStoresEachTest([useWebcam]);

/** the autosave's watch: how many saves the webcam's choices asked for */
function saves(act: () => void): number {
  const changed = vi.fn();
  const stop = persistContext.get().watch(changed, () => undefined);
  act();
  stop();
  return changed.mock.calls.length;
}

describe("the webcam's threshold choice, saved with the project", () => {
  it('is saved when "Use the default" leaves the value as it was', () => {
    const webcam = () => useWebcam.getState();
    // chosen by hand, at the value the default has: only the choice changes
    webcam().setThreshold(defaultThreshold(webcam().classCount));
    expect(webcam().thresholdChosen).toBe(true);
    expect(saves(() => webcam().resetThreshold())).toBe(1);
    const record = JSON.parse(JSON.stringify(currentRecord()));
    expect(record.live.thresholdChosen).toBe(false);
    // restored, the threshold follows the model's class count again
    webcam().setThreshold(defaultThreshold(webcam().classCount));
    applyRecord(record, () => undefined);
    expect(webcam().thresholdChosen).toBe(false);
    webcam().followClassCount(5);
    expect(webcam().threshold).toBe(defaultThreshold(5));
  });

  it('is saved when a threshold is chosen at the default value', () => {
    const webcam = () => useWebcam.getState();
    expect(webcam().thresholdChosen).toBe(false);
    expect(saves(() => webcam().setThreshold(webcam().threshold))).toBe(1);
  });
});
