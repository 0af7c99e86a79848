import { describe, expect, it, vi } from 'vitest';
import { all, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { liveRateWords } = await import('../src/ui/webcam/live-rate');
const { exportCheckWords } = await import('../src/ui/export-lines');
const { LivePrediction } = await import('../src/ui/webcam/LivePrediction');
const { useWebcam } = await import('../src/state/webcam');
const { useModelInUse } = await import('../src/state/model-in-use');
type ModelInfo = import('../src/state/model-in-use').ModelInfo;

// "model forward 32.4 ms (raw rate ≈ 31/s)" and "max difference 0.0e+0" stood in plain view, in the
// main path of someone making their first model: the plain meaning is said there, the figures kept
// under Details.

describe('the live answer says how often it answers, in words', () => {
  it('answers a second, rounded', () => {
    expect(liveRateWords(24.3)).toBe('Live: 24 answers a second');
    expect(liveRateWords(1.5)).toBe('Live: 2 answers a second');
  });

  it('below one a second (a busy machine), how many seconds between answers: never "0 answers"', () => {
    expect(liveRateWords(0.56)).toBe('Live: one answer every 2 seconds');
    expect(liveRateWords(0.1)).toBe('Live: one answer every 10 seconds');
    expect(liveRateWords(1.2)).toBe('Live: about one answer a second');
  });

  it('before the rate is measured, says so', () => {
    expect(liveRateWords(0)).toBe('Live: measuring how often it answers…');
    expect(liveRateWords(Number.NaN)).toBe('Live: measuring how often it answers…');
  });

  it('shows the words in the main path and the timings under Details', () => {
    const model: ModelInfo = { kind: 'trained', labels: ['a', 'b'], inputSize: 224, cropMode: 'center', name: 'run' };
    seed(useModelInUse, { model });
    seed(useWebcam, {
      status: 'on',
      liveModel: model,
      live: { label: 'a', top: [{ name: 'a', p: 0.9 }], fps: 24.3, modelMs: 32.4, frameMs: 40, frames: 30 },
    });
    const tree = parse(markup(LivePrediction));
    const [details] = all(tree, (n) => n.tag === 'details');
    expect(all(details, (n) => n.tag === 'summary')[0].text).toBe('Details');
    expect(details.text).toContain('model forward 32.4 ms');
    expect(details.text).toContain('24.3 frames/s');
    const outside = tree.text.replace(details.text, '');
    expect(outside).toContain('Live: 24 answers a second');
    expect(outside).not.toMatch(/ ms|frames\/s|forward/);
  });
});

describe("the export check's plain sentence", () => {
  it('says the download answers as the studio does, on how many images', () => {
    expect(exportCheckWords({ ok: true, samples: 5 })).toBe(
      'Checked on 5 validation images: the exported model answers as the studio does on all 5.',
    );
    expect(exportCheckWords({ ok: true, samples: 1 })).toBe(
      'Checked on 1 validation image: the exported model answers as the studio does on it.',
    );
  });

  it('says when it does not, or when nothing could be compared', () => {
    expect(exportCheckWords({ ok: false, samples: 5 })).toMatch(
      /^Checked on 5 validation images: the exported model does not answer as the studio does/,
    );
    expect(exportCheckWords({ ok: false, samples: 0 })).toBe(
      'The exported model could not be checked against the studio: see Details for why.',
    );
  });

  it('holds no figure (they are under Details)', () => {
    for (const ok of [true, false])
      expect(exportCheckWords({ ok, samples: 5 })).not.toMatch(/difference|e[+-]\d|tolerance/);
  });
});
