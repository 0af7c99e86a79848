import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { all, markup, parse, seed } from './a11y-html';
import { trainSummary } from './fixtures/train-summary';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { useTraining } = await import('../src/state/training');
const { Results, RunDetails } = await import('../src/ui/Results');

const NAMES = ['cat', 'dog'];
const recipe = { hiddenUnits: 0, dropout: 0, weightDecay: 0.0001, standardise: true, views: true, epochs: 20 };
const result = trainSummary({
  classes: NAMES,
  valAccuracy: 0.95,
  images: { train: 32, val: 8 },
  history: [{ epoch: 1, loss: 1, accuracy: 1, valLoss: 0.6959, valAccuracy: 0.95, seconds: 1 }],
  backend: 'wasm',
  trainableParams: 514,
  frozenParams: 218544,
  recipe: { chosen: recipe, folds: 3, seconds: 1.2, table: [{ recipe, accuracy: 0.9, loss: 0.3 }] },
});
const memory = { numBytes: 1.8 * 2 ** 20, cacheBytes: 0.5 * 2 ** 20, cachedFeatures: 520 };

/** the element whose data-testid is `id`, and whether a <details> holds it */
function find(html: string, id: string) {
  const node = all(parse(html), (n) => n.attrs['data-testid'] === id)[0];
  let inDetails = false;
  for (let n = node?.parent; n; n = n.parent)
    if (n.tag === 'details' && n.attrs.class?.includes('run-more')) inDetails = true;
  return { node, inDetails };
}

describe("Evaluate's first glance", () => {
  it('the headline is the validation accuracy alone, its interval line right under it', () => {
    seed(useTraining, { status: 'done', settings: { ...DEFAULT_SETTINGS }, result, memory, runs: [], first: null });
    const html = markup(Results);
    expect(find(html, 'val-accuracy').node?.text).toBe('Validation accuracy: 95.0%');
    expect(html).not.toMatch(/validation loss/i);
    const order = ['val-accuracy', 'val-interval'].map((id) => html.indexOf(`data-testid="${id}"`));
    expect(order[0]).toBeGreaterThan(-1);
    expect(order[1]).toBeGreaterThan(order[0]);
    // nothing stands between the figure and its interval: the one paragraph opened between is the interval's own
    expect(html.slice(order[0], order[1]).match(/<p[\s>]/g)).toHaveLength(1);
  });

  it('How it was trained keeps the run line in view and the expert figures behind Details', () => {
    const html = markup(RunDetails, { result, memory });
    const loss = find(html, 'val-loss');
    expect(loss.node?.text).toBe('0.6959');
    expect(loss.inDetails).toBe(true);
    const mem = find(html, 'memory');
    expect(mem.node?.text).toBe('Memory: feature cache 0.5 MB (520 entries), tensors 1.8 MB');
    expect(mem.inDetails).toBe(true);
    expect(find(html, 'trained-params').inDetails).toBe(true);
    expect(find(html, 'trained-params').node?.text).toBe(
      'Trained the head only: 514 trainable parameters, 218,544 frozen',
    );
    expect(find(html, 'recipe-report').inDetails).toBe(true);
    // the disclosure names what it holds
    const summary = all(parse(html), (n) => n.tag === 'summary' && n.parent?.attrs.class === 'run-more')[0];
    expect(summary.text).toBe('Details: validation loss, head recipe, parameters, memory');
    // the run's counts and times stay in view
    const line = find(html, 'run-line');
    expect(line.inDetails).toBe(false);
    expect(line.node?.text).toContain('32 training and 8 validation images · 1 epochs on wasm');
  });

  it('before the memory figures come, the Details name no memory', () => {
    const html = markup(RunDetails, { result: { ...result, recipe: undefined }, memory: null });
    expect(find(html, 'memory').node).toBeUndefined();
    const summary = all(parse(html), (n) => n.tag === 'summary' && n.parent?.attrs.class === 'run-more')[0];
    expect(summary.text).toBe('Details: validation loss, parameters');
  });

  it('says the backbone passes were of augmented views only where the run used them', () => {
    const line = (r: typeof result) => find(markup(RunDetails, { result: r, memory }), 'run-line').node!.text;
    const withViews = { ...result, extracted: 96, settings: { ...DEFAULT_SETTINGS, augmentViews: 2 } };
    expect(line(withViews)).toContain('features extracted in 96 backbone passes (images and augmented views)');
    const none = { ...withViews, extracted: 40, settings: { ...DEFAULT_SETTINGS, augmentViews: 0 } };
    expect(line(none)).toContain('features extracted in 40 backbone passes (the images alone, no augmented views)');
    // a first model trains on the plain features, whatever its run will go on to extract
    expect(line({ ...withViews, extracted: 40, phase: 'first' })).toContain('(the images alone, no augmented views)');
  });
});
