import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { decide, defaultThreshold } = await import('../src/core/live/decision');
const { LIVE_DEFAULTS, madeByHand, parseProjectRecord } = await import('../src/core/project/record');
const { useWebcam } = await import('../src/state/webcam');
const { connectStores } = await import('../src/state/coordinator');
const { applyRecord, currentRecord } = await import('../src/state/page-record');
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');

const initial = useWebcam.getState();
beforeEach(() => useWebcam.setState(initial, true));

describe('the default "unknown" threshold', () => {
  it('is halfway between a guess (1/N) and certainty, on the slider’s 5% steps', () => {
    expect(defaultThreshold(2)).toBe(0.75);
    expect(defaultThreshold(3)).toBe(0.65);
    expect(defaultThreshold(5)).toBe(0.6);
    expect(defaultThreshold(10)).toBe(0.55);
    expect(defaultThreshold(100)).toBe(0.5);
    // no model, or one class (always answered at 100%): the plain majority
    expect(defaultThreshold(null)).toBe(0.5);
    expect(defaultThreshold(1)).toBe(0.5);
  });

  it('can say "unknown" on any model: a top class barely ahead of a guess is not claimed, a clear one is', () => {
    for (let n = 2; n <= 40; n++) {
      const t = defaultThreshold(n);
      const names = Array.from({ length: n }, (_, i) => `c${i}`);
      // the old 50% never said it on two classes: the top one is always at least 50% there
      const even = names.map((_, i) => (i === 0 ? 1 / n + 0.01 : (1 - 1 / n - 0.01) / (n - 1)));
      expect(decide(names, even, t, 3).label).toBeNull();
      const clear = names.map((_, i) => (i === 0 ? 0.9 : 0.1 / (n - 1)));
      expect(decide(names, clear, t, 3).label).toBe('c0');
      // one the slider can show (it holds 5% steps)
      expect(Math.round(t * 20)).toBeCloseTo(t * 20, 10);
    }
    // the review's hand in front of a 5-class camera: "tulip (51%)" is unknown now
    expect(
      decide(['a', 'b', 'c', 'd', 'tulip'], [0.1, 0.13, 0.13, 0.13, 0.51], defaultThreshold(5), 3).label,
    ).toBeNull();
  });
});

describe('the threshold follows the class count of the model in use, the user’s own never', () => {
  it('a new project’s default follows each model’s class count', () => {
    const s = () => useWebcam.getState();
    expect(s().threshold).toBe(LIVE_DEFAULTS.threshold);
    expect(s().thresholdChosen).toBe(false);
    s().followClassCount(2);
    expect(s().threshold).toBe(0.75);
    s().followClassCount(5);
    expect(s().threshold).toBe(0.6);
    s().followClassCount(null);
    expect(s().threshold).toBe(0.5);
  });

  it('a value the user set is kept across a model change, and Use the default follows the model again', () => {
    const s = () => useWebcam.getState();
    s().followClassCount(2);
    s().setThreshold(0.4);
    expect(s()).toMatchObject({ threshold: 0.4, thresholdChosen: true });
    s().followClassCount(5);
    s().followClassCount(null);
    s().followClassCount(3);
    expect(s().threshold).toBe(0.4);
    // chosen even where it equals the default: the next model does not move it
    s().setThreshold(0.65);
    s().followClassCount(2);
    expect(s().threshold).toBe(0.65);
    s().resetThreshold();
    expect(s()).toMatchObject({ threshold: 0.75, thresholdChosen: false });
    s().followClassCount(5);
    expect(s().threshold).toBe(0.6);
  });

  it('a project’s own choices come in with it: its threshold kept, the defaults’ following the model', () => {
    const s = () => useWebcam.getState();
    s().followClassCount(5);
    s().setLiveChoices({ threshold: 0.3, smoothing: 0.2, topK: 1 });
    expect(s()).toMatchObject({ threshold: 0.3, thresholdChosen: true, smoothing: 0.2, topK: 1 });
    s().setLiveChoices(LIVE_DEFAULTS);
    expect(s()).toMatchObject({ threshold: 0.6, thresholdChosen: false, smoothing: LIVE_DEFAULTS.smoothing });
  });

  it('saved as a project keeps it and read back (a reload): the user’s value stays, a default follows again', () => {
    const s = () => useWebcam.getState();
    const reload = () => {
      const saved = JSON.parse(
        JSON.stringify({
          version: 1,
          classes: [],
          settings: DEFAULT_SETTINGS,
          backboneId: 'x',
          savedAt: '',
          live: s().liveChoices(),
        }),
      );
      useWebcam.setState(initial, true);
      s().setLiveChoices(parseProjectRecord(saved).live ?? LIVE_DEFAULTS);
    };
    s().followClassCount(2);
    reload();
    expect(s().thresholdChosen).toBe(false);
    s().followClassCount(5);
    expect(s().threshold).toBe(0.6);

    s().setThreshold(0.85);
    reload();
    s().followClassCount(2);
    expect(s()).toMatchObject({ threshold: 0.85, thresholdChosen: true });
  });

  it('a deliberate 50% (the defaults’ own value) is kept as chosen over a reload', () => {
    const s = () => useWebcam.getState();
    s().followClassCount(2);
    s().setThreshold(0.5);
    const saved = parseProjectRecord(
      JSON.parse(
        JSON.stringify({
          version: 1,
          classes: [],
          settings: DEFAULT_SETTINGS,
          backboneId: 'x',
          savedAt: '',
          live: s().liveChoices(),
        }),
      ),
    );
    expect(madeByHand(saved)).toBe(true);
    useWebcam.setState(initial, true);
    s().setLiveChoices(saved.live ?? LIVE_DEFAULTS);
    s().followClassCount(2);
    expect(s()).toMatchObject({ threshold: 0.5, thresholdChosen: true });
  });

  it('a project saved before the choice was kept: 50% is none chosen, another value is the user’s', () => {
    const s = () => useWebcam.getState();
    const older = (threshold: number) =>
      parseProjectRecord({
        version: 1,
        classes: [],
        settings: DEFAULT_SETTINGS,
        backboneId: 'x',
        savedAt: '',
        live: { threshold, smoothing: 0.5, topK: 3 },
      });
    expect(madeByHand(older(0.5))).toBe(false);
    s().setLiveChoices(older(0.5).live!);
    s().followClassCount(2);
    expect(s()).toMatchObject({ threshold: 0.75, thresholdChosen: false });
    s().setLiveChoices(older(0.6).live!);
    s().followClassCount(5);
    expect(s()).toMatchObject({ threshold: 0.6, thresholdChosen: true });
  });
});

describe('through the page’s record (autosave and project zip)', () => {
  let disconnect: () => void;
  beforeEach(() => (disconnect = connectStores()));
  afterEach(() => disconnect());

  it('a threshold the user set is saved and comes back as theirs, whatever model answers next', () => {
    const s = () => useWebcam.getState();
    s().followClassCount(2);
    s().setThreshold(0.7);
    const saved = parseProjectRecord(JSON.parse(JSON.stringify(currentRecord())));
    useWebcam.setState(initial, true);
    applyRecord(saved, () => undefined);
    s().followClassCount(5);
    expect(s()).toMatchObject({ threshold: 0.7, thresholdChosen: true });
  });
});
