import { describe, expect, it, vi } from 'vitest';
import { all, markup, parse, seed, unseedAfterEach } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { useWebcam } = await import('../src/state/webcam');
const { useModelInUse } = await import('../src/state/model-in-use');
const { LivePrediction } = await import('../src/ui/webcam/LivePrediction');
const { LiveBadge } = await import('../src/ui/webcam/LiveBadge');
const { listedClasses, ALL_CLASSES_UP_TO } = await import('../src/ui/webcam/live-list');
const { PredictionSettings } = await import('../src/ui/webcam/PredictionSettings');
type ModelInfo = import('../src/state/model-in-use').ModelInfo;

// The camera listed the top 3 of a 4-class model where Try it listed all 4 (tulip was missing), and
// said one confidence three times: over the picture, in the answer's heading and on its bar.

unseedAfterEach(useWebcam, useModelInUse);

const flowers = ['sunflower', 'tulip', 'dandelion', 'daisy'];
const ranked = (names: string[]) => names.map((name, i) => ({ name, p: i === 0 ? 0.999 : 0.001 / (names.length - 1) }));

function answering(names: string[], topK: number) {
  const model: ModelInfo = { kind: 'trained', labels: names, inputSize: 224, cropMode: 'center', name: 'run' };
  seed(useModelInUse, { model });
  seed(useWebcam, {
    status: 'on',
    topK,
    liveModel: model,
    live: { label: names[0], top: ranked(names), fps: 10, modelMs: 2, frameMs: 5, frames: 3 },
  });
}

const bars = () =>
  all(parse(markup(LivePrediction)), (n) => n.attrs['aria-label'] === 'Live class probabilities')[0].children.map(
    (li) => li.children[0].text,
  );

describe('the live answer lists the classes as Try it does', () => {
  it('every class of a model of up to 6, whatever "Show top" says', () => {
    expect(ALL_CLASSES_UP_TO).toBe(6);
    answering(flowers, 3);
    expect(bars()).toEqual(flowers);
    const six = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(listedClasses(ranked(six), 1).map((r) => r.name)).toEqual(six);
  });

  it('past 6 classes, the top "Show top" asks for (0: all)', () => {
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    answering(many, 3);
    expect(bars()).toEqual(['a', 'b', 'c']);
    expect(listedClasses(ranked(many), 0)).toHaveLength(8);
    expect(listedClasses(ranked(many), 5)).toHaveLength(5);
  });

  it('says the confidence on the picture and on the bar, not in the heading too, and the two agree', () => {
    answering(flowers, 3);
    const label = all(parse(markup(LivePrediction)), (n) => n.attrs['data-testid'] === 'live-label')[0];
    expect(label.text).toBe('sunflower');
    const badge = all(parse(markup(LiveBadge)), (n) => n.attrs['data-testid'] === 'live-badge')[0];
    expect(badge.text).toBe('sunflower 99.9%');
    expect(parse(markup(LivePrediction)).text).toContain('99.9%');
  });
});

describe('"Show top" is offered only where it cuts the list', () => {
  const settings = () =>
    parse(markup(PredictionSettings, { open: true, onToggle() {}, demo: false, enterDemo() {}, exitDemo() {} }));
  const selects = () => all(settings(), (n) => n.tag === 'select');

  // "Show top 3" beside five listed classes, with a hint that it applies past 6, read as a contradiction
  it('a model of up to 6 classes lists them all: no "Show top" to set, and no hint explaining it away', () => {
    answering(flowers, 3);
    expect(selects()).toEqual([]);
    expect(settings().text).not.toContain('Show top');
    expect(settings().text).not.toContain('are listed');
    answering(['a', 'b', 'c', 'd', 'e', 'f'], 1);
    expect(selects()).toEqual([]);
  });

  it('past 6 classes it is there, labelled, and keeps the saved choice', () => {
    answering(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 3);
    const tree = settings();
    const [select] = all(tree, (n) => n.tag === 'select');
    const label = all(tree, (n) => n.tag === 'label' && n.attrs.for === select.attrs.id)[0];
    expect(label.text).toBe('Show top');
    expect(all(select, (n) => n.tag === 'option' && 'selected' in n.attrs)[0].text).toBe('3');
  });
});
