import { describe, expect, it, vi } from 'vitest';
import type { EpochMetrics } from '../src/core/train/epochs';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import type { TrainSummary } from '../src/worker/protocol';
import { topLosses } from '../src/core/train/top-losses';
import { all, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { useProject, projectImage } = await import('../src/state/project');
const { useInsight } = await import('../src/state/dataset-insight');
const { useTraining } = await import('../src/state/training');
const { TopLossTiles } = await import('../src/ui/TopLosses');
const { CellImages } = await import('../src/ui/ConfusionExplorer');
const { AccuracyInterval, RecipeReport } = await import('../src/ui/RecipeReport');
const { Charts } = await import('../src/ui/Charts');

const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/jpeg' });
const CLASSES = ['daisy', 'rose', 'tulip'];
// two tulips the model called daisy: one unsure (45%), one sure (92%, tulip 3%)
const unsure = { id: 'u', label: 2, predicted: 0, probabilities: [0.45, 0.25, 0.3] };
const sure = { id: 's', label: 2, predicted: 0, probabilities: [0.92, 0.05, 0.03] };
const result = {
  classes: CLASSES,
  valAccuracy: 11 / 12,
  valAccuracyInterval: [0.646, 0.985],
  images: { train: 48, val: 12 },
  confusion: [
    [4, 0, 0],
    [0, 4, 0],
    [2, 0, 2],
  ],
  valPredictions: [unsure, sure],
  settings: { ...DEFAULT_SETTINGS },
  history: [],
} as unknown as TrainSummary;

seed(useProject, {
  classes: [
    { id: 'c0', name: 'daisy', images: [] },
    { id: 'c1', name: 'rose', images: [] },
    { id: 'c2', name: 'tulip', images: [projectImage('u', file('u.jpg')), projectImage('s', file('s.jpg'))] },
  ],
});
seed(useInsight, { changed: {} });

/** each tile's text (what is seen, and what is heard), its marked move's label, its lead line's title */
function tiles(html: string) {
  return all(parse(html), (n) => n.tag === 'li').map((li) => {
    const less = (cut: (n: (typeof li.children)[number]) => boolean) =>
      all(li, cut).reduce((text, n) => text.replace(n.text, ''), li.text);
    return {
      text: li.text,
      seen: less((n) => (n.attrs.class ?? '').split(' ').includes('visually-hidden')),
      heard: less((n) => n.attrs['aria-hidden'] === 'true'),
      moves: all(li, (n) => n.tag === 'button' && n.text.startsWith('Move to ')).map((b) => b.text),
      quick: all(li, (n) => n.tag === 'button' && (n.attrs.class ?? '').split(' ').includes('suggested'))[0]?.text,
      title: all(li, (n) => (n.attrs.class ?? '') === 'tile-said')[0]?.attrs.title,
    };
  });
}

/** the same run shown right on more validation images: its interval starts above 70% (tile-words.ts TRUSTED_FROM) */
const trusted = { ...result, valAccuracyInterval: [0.79, 0.99] } as TrainSummary;

describe('results tiles mark the move to the answer as the likely fix only for a sure answer', () => {
  it('in the top losses: the 45% guess has its moves unmarked, the answer first; the 92% answer is marked', () => {
    // the surer mistake ranks first
    const [first, second] = tiles(markup(TopLossTiles, { result: trusted, ranked: topLosses(result.valPredictions) }));
    expect(first.text).toContain('s.jpg');
    expect(first.quick).toBe('Move to daisy');
    expect(second.text).toContain('u.jpg');
    expect(second.quick).toBeUndefined();
    expect(second.moves).toEqual(['Move to daisy', 'Move to rose']);
  });

  it('in a confusion cell the same', () => {
    const html = markup(CellImages, { result: trusted, cell: [2, 0] });
    expect(tiles(html).map((t) => t.quick)).toEqual([undefined, 'Move to daisy']);
  });

  it('none, however sure, from a model 11 of 12 right: its interval starts at 65%', () => {
    const shown = [
      ...tiles(markup(TopLossTiles, { result, ranked: topLosses(result.valPredictions) })),
      ...tiles(markup(CellImages, { result, cell: [2, 0] })),
    ];
    expect(shown.map((t) => t.quick)).toEqual([undefined, undefined, undefined, undefined]);
    expect(shown[0].moves).toEqual(['Move to daisy', 'Move to rose']);
  });
});

describe("a top loss's caption", () => {
  it('says the label once and the answer plainly, seen and heard; the loss is in its title, in words', () => {
    const [tile] = tiles(markup(TopLossTiles, { result, ranked: topLosses([unsure]) }));
    expect(tile.text).toContain('u.jpg');
    expect(tile.seen).toContain('tulip → daisy · 45%');
    expect(tile.heard).toContain('labelled tulip, the model said daisy (45%)');
    expect(tile.seen.match(/tulip/g)).toHaveLength(1);
    expect(tile.heard.match(/tulip/g)).toHaveLength(1);
    expect(tile.text).not.toMatch(/loss|predicted/);
    expect(tile.title).toBe('How wrong (loss): 1.20; the model gave tulip 30%');
  });
});

describe("Evaluate's interval line", () => {
  it('is a plain sentence; the method is named in its title', () => {
    const html = markup(AccuracyInterval, { result, runs: [], latest: true });
    const line = all(parse(html), (n) => n.attrs['data-testid'] === 'val-interval')[0];
    expect(line.text).toBe(
      'Measured on 12 validation images (each counts for 8.3%): the true accuracy is probably between 64% and 99%.',
    );
    expect(line.attrs.title).toBe('95% interval by the Wilson score method: 64.6% to 98.5%');
  });
});

describe("Details' head recipe", () => {
  it('leads with one plain sentence before the technical line', () => {
    const recipe = { hiddenUnits: 0, dropout: 0, weightDecay: 1, standardise: true, views: true, epochs: 100 };
    const row = { recipe, accuracy: 0.9, loss: 0.3 };
    const html = markup(RecipeReport, {
      result: { ...result, recipe: { chosen: recipe, folds: 3, seconds: 0.5, table: Array(18).fill(row) } },
    });
    const report = all(parse(html), (n) => n.attrs['data-testid'] === 'recipe-report')[0];
    const plain = report.text.indexOf(
      'A simple classifier on top of the backbone, chosen automatically by trying 18 settings on the training images.',
    );
    expect(plain).toBe(0);
    const summary = all(report, (n) => n.tag === 'summary')[0];
    expect(summary.text).toMatch(/^Head recipe \(automatic\): linear, L2 1, standardised/);
  });
});

const epoch = (i: number): EpochMetrics => ({
  epoch: i,
  loss: 1 / i,
  accuracy: 0.5,
  valLoss: 1 / i,
  valAccuracy: 0.5,
  seconds: 1,
  lr: 0.01,
});

describe('the Train charts', () => {
  const run = (batchesPerEpoch: number) =>
    seed(useTraining, {
      status: 'done',
      settings: { ...DEFAULT_SETTINGS },
      epochs: Array.from({ length: 10 }, (_, i) => epoch(i + 1)),
      batches: Array.from({ length: 10 * batchesPerEpoch }, (_, i) => ({ step: i + 1, loss: 1 })),
      first: null,
      phase: null,
      result: null,
    });

  it('leave out the per-batch chart when each epoch was one batch, without a line about the chart not shown', () => {
    run(1);
    const html = markup(Charts);
    expect(html).toContain('Loss per epoch');
    expect(html).not.toContain('Training loss per batch');
    expect(html).not.toMatch(/per-batch chart/);
  });

  it('keep it for several batches an epoch', () => {
    run(3);
    const html = markup(Charts);
    expect(html).toContain('aria-label="Training loss per batch, 30 points"');
    expect(html).not.toContain('data-testid="one-batch"');
  });
});
