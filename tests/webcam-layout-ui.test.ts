import { describe, expect, it, vi } from 'vitest';
import { all, byId, markup, nameOf, parse, seed, unseedAfterEach } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { useWebcam } = await import('../src/state/webcam');
const { useProject } = await import('../src/state/project');
const { useModelInUse } = await import('../src/state/model-in-use');
const { WebcamPanel } = await import('../src/ui/webcam/WebcamPanel');
const { LivePrediction } = await import('../src/ui/webcam/LivePrediction');
const { UnknownThreshold } = await import('../src/ui/UnknownThreshold');
const { CameraView } = await import('../src/ui/webcam/CameraView');
const { useTraining } = await import('../src/state/training');
type ModelInfo = import('../src/state/model-in-use').ModelInfo;

// the server render reads each store's initial state (a11y-html seed): put back after each test
unseedAfterEach(useWebcam, useProject, useModelInUse, useTraining);

const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });
const model: ModelInfo = {
  kind: 'trained',
  labels: ['street', 'road'],
  inputSize: 224,
  cropMode: 'center',
  name: 'run',
};

/** A running camera recording into "road", and a live answer from `model`. */
function cameraWithAnswer() {
  seed(useProject, {
    classes: [{ id: 'c1', name: 'road', images: [{ id: 'i1', file: file('a.png') }] }] as never,
  });
  seed(useModelInUse, { model });
  seed(useWebcam, {
    status: 'on',
    captureClassId: 'c1',
    liveModel: model,
    live: { label: 'street', top: [{ name: 'street', p: 0.9 }], fps: 10, modelMs: 2, frameMs: 5, frames: 3 },
  });
}

describe('the camera panel: the picture, the answer once a model answers, what records, then its settings', () => {
  it('before a model: the record controls right after the picture (nothing to answer yet)', () => {
    seed(useProject, { classes: [{ id: 'c1', name: 'road', images: [] }] as never });
    seed(useWebcam, { status: 'on', captureClassId: 'c1' });
    const html = markup(WebcamPanel);
    const at = (what: string) => html.indexOf(what);
    const order = [
      at('data-testid="camera-video"'),
      at('>Hold to record into road</button>'),
      at('>Start timed recording into road</button>'),
      at('Train a model (step 3) to see live predictions here'),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('the panel’s introduction gives way to the camera once it runs, all but where the frames stay', () => {
    const intro = () => all(parse(markup(WebcamPanel)), (n) => n.tag === 'p' && n.text.includes('Frames stay'))[0];
    // the live answer first: recording lives in the class cards, which the intro points to
    expect(intro().text).toMatch(/^See the model classify the camera image live\./);
    expect(intro().text).toContain('use Record from camera on a class card (Data step)');
    // its four lines on a phone put Hold to record, under the answer, off the first screen
    cameraWithAnswer();
    expect(intro().text).toBe('Frames stay on this device.');
  });

  it('the answer’s rate and its Details share a line', () => {
    cameraWithAnswer();
    const row = all(parse(markup(LivePrediction)), (n) =>
      (n.attrs.class ?? '').split(' ').includes('live-rate-row'),
    )[0];
    expect(all(row, (n) => n.attrs['data-testid'] === 'live-rate')).toHaveLength(1);
    expect(all(row, (n) => n.tag === 'summary').map((n) => n.text)).toEqual(['Details']);
  });

  it('under the picture one line on the outlined box, the rest folded', () => {
    cameraWithAnswer();
    const tree = parse(markup(CameraView));
    const caption = all(tree, (n) => n.tag === 'figcaption')[0];
    const summary = all(caption, (n) => n.tag === 'summary')[0];
    expect(summary.text).toBe('The outlined box is what the model sees.');
    // the crop and the mirroring, a click away
    expect(caption.text).toContain('the centre square, scaled to 224×224');
    expect(all(caption, (n) => n.tag === 'details')[0].attrs.open).toBeUndefined();
  });

  it('folds the timed recording’s seconds under a line that says them, its Start button in view', () => {
    cameraWithAnswer();
    seed(useWebcam, { timedDelay: 3, timedDuration: 5 });
    const html = markup(WebcamPanel);
    const tree = parse(html);
    const fold = all(tree, (n) => n.tag === 'details' && (n.attrs.class ?? '').includes('timed-settings'))[0];
    expect(fold.attrs.open).toBeUndefined();
    expect(all(fold, (n) => n.tag === 'summary')[0].text.replace(/\s+/g, ' ')).toBe(
      'Starts after 3 s, records for 5 s · Change',
    );
    expect(all(fold, (n) => n.tag === 'input').map((n) => nameOf(html, n))).toEqual([
      'Countdown (s)',
      'Record for (s)',
    ]);
    // the button itself stays out of the fold
    expect(all(fold, (n) => n.tag === 'button')).toEqual([]);
    expect(html).toMatch(/>Start timed recording into road<\/button>/);
  });

  it('once a model answers: the answer and its bars right under the picture, then the record controls', () => {
    cameraWithAnswer();
    const html = markup(WebcamPanel);
    const at = (what: string | RegExp) => {
      const i = typeof what === 'string' ? html.indexOf(what) : html.search(what);
      expect(i, String(what)).toBeGreaterThanOrEqual(0);
      return i;
    };
    const video = at('data-testid="camera-video"');
    const order = [
      video,
      // Teachable Machine's bars under its preview: on a laptop's screen with the picture and Hold to record
      at('data-testid="live-label"'),
      at('aria-label="Live class probabilities"'),
      at('>Record into</label>'),
      at('>New class</button>'),
      at(/>Hold to record into road<\/button>/),
      at('data-testid="capture-count"'),
      at(/>Start timed recording into road<\/button>/),
      // how to record, the record buttons' description, under the answer: it had kept it off a laptop's screen
      at('<p id="capture-hint"'),
      at('<summary>Prediction settings</summary>'),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const tree = parse(html);
    const hold = all(tree, (n) => n.tag === 'button' && n.text.startsWith('Hold to record'))[0];
    expect(byId(html, hold.attrs['aria-describedby'])?.text).toMatch(/^Hold the button with the mouse or touch/);
    // the settings' fold (the answer's timings have a Details of their own, above it)
    const details = all(
      tree,
      (n) => n.tag === 'details' && all(n, (m) => m.tag === 'summary')[0]?.text === 'Prediction settings',
    )[0];
    // folded until opened
    expect(details.attrs.open).toBeUndefined();
    const inside = (test: Parameters<typeof all>[1]) => all(details, test);
    const named = (n: ReturnType<typeof parse>) => nameOf(html, n);
    expect(inside((n) => n.tag === 'button').map((n) => n.text.trim())).toEqual(['Pause', 'Demo mode (full screen)']);
    expect(inside((n) => n.tag === 'input' || n.tag === 'select').map(named)).toEqual([
      'Mirror view',
      expect.stringMatching(/^Unknown below \d+%$/),
      'Smoothing 50%',
      // no "Show top": a 2-class model's answer lists both (ui/webcam/live-list.ts)
    ]);
    // the answer itself stays out of the fold
    expect(all(details, (n) => n.attrs['data-testid'] === 'live-label')).toEqual([]);
  });

  it('shows the answer over the picture too, there to see while recording, and not while a run holds it', () => {
    cameraWithAnswer();
    const frame = () =>
      all(parse(markup(CameraView)), (n) => (n.attrs.class ?? '').split(' ').includes('camera-frame'))[0];
    const badge = () => all(frame(), (n) => n.attrs['data-testid'] === 'live-badge')[0];
    // as the bar says it (one decimal): "100%" over the picture beside a 99.9% bar read as two answers
    expect(badge()?.text).toBe('street 90.0%');
    // its words are the live region's (LivePrediction) to say
    expect(badge()?.attrs['aria-hidden']).toBe('true');
    seed(useWebcam, {
      live: { label: null, top: [{ name: 'street', p: 0.4 }], fps: 1, modelMs: 2, frameMs: 5, frames: 4 },
    });
    expect(badge()?.text).toBe('Unknown');
    seed(useTraining, { status: 'training' });
    expect(badge()).toBeUndefined();
  });

  it('says under the answer that the model answers a class the project no longer has', () => {
    cameraWithAnswer();
    const tree = parse(markup(LivePrediction));
    const since = all(tree, (n) => n.attrs['data-testid'] === 'live-model-since')[0];
    expect(since?.text).toBe('It answers “street”, a class the project no longer has.');
  });

  it('says nothing of it when the model answers the project’s classes', () => {
    cameraWithAnswer();
    seed(useModelInUse, { model: { ...model, labels: ['road'] } });
    seed(useWebcam, { liveModel: { ...model, labels: ['road'] } });
    expect(markup(LivePrediction)).not.toContain('live-model-since');
  });

  it('before a model, says where to train one', () => {
    seed(useWebcam, { status: 'on' });
    expect(parse(markup(LivePrediction)).text).toContain('Train a model (step 3) to see live predictions here');
  });
});

describe('the unknown threshold says its default', () => {
  it('untouched: the default for the class count, and how it was reached', () => {
    seed(useWebcam, { threshold: 0.6, thresholdChosen: false, classCount: 5 });
    const html = markup(UnknownThreshold);
    const slider = all(parse(html), (n) => n.tag === 'input')[0];
    expect(nameOf(html, slider)).toBe('Unknown below 60%');
    const described = slider.attrs['aria-describedby'].split(' ').map((id) => byId(html, id)?.text);
    expect(described[0]).toBe('(default for 5 classes: halfway from a 20% guess to sure)');
    // what it does not do: a picture of none of the classes can still be answered surely
    expect(described[1]).toBe('Unknown means unsure, not “none of these”: an “other” class catches those.');
    seed(useWebcam, { threshold: 0.65, classCount: 3 });
    expect(parse(markup(UnknownThreshold)).text).toContain('default for 3 classes: about halfway from a 33% guess');
    expect(all(parse(markup(UnknownThreshold)), (n) => n.tag === 'button')).toEqual([]);
  });

  it('Try it leaves its meaning to the answer (why: false): the slider describes its default alone', () => {
    seed(useWebcam, { threshold: 0.6, thresholdChosen: false, classCount: 5 });
    const html = markup(UnknownThreshold, { why: false });
    const slider = all(parse(html), (n) => n.tag === 'input')[0];
    expect(byId(html, slider.attrs['aria-describedby'])?.text).toBe(
      '(default for 5 classes: halfway from a 20% guess to sure)',
    );
    expect(parse(html).text).not.toContain('Unknown means unsure');
  });

  it('set by the user: theirs, with the way back to the default', () => {
    seed(useWebcam, { threshold: 0.4, thresholdChosen: true, classCount: 2 });
    const tree = parse(markup(UnknownThreshold));
    expect(tree.text).not.toContain('default for');
    expect(all(tree, (n) => n.tag === 'button').map((n) => n.text)).toEqual(['Use the default (75%)']);
  });
});
