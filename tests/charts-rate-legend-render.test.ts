import { describe, expect, it, vi } from 'vitest';
import type { EpochMetrics } from '../src/core/train/epochs';
import { all, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { useTraining } = await import('../src/state/training');
const { Charts } = await import('../src/ui/Charts');

const epoch = (i: number, lr = 0.001): EpochMetrics => ({
  epoch: i,
  loss: 1 / i,
  accuracy: i / 10,
  valLoss: 2 / i,
  valAccuracy: i / 20,
  seconds: 1,
  lr,
});
const batches = [{ step: 1, loss: 1 }];

/** the legend entries of the chart named `label` */
function legend(html: string, label: RegExp): string[] {
  const figure = all(parse(html), (n) => n.tag === 'figure' && label.test(n.attrs['aria-label'] ?? ''))[0];
  if (!figure) return [];
  const list = all(figure, (n) => n.tag === 'ul' && (n.attrs.class ?? '').includes('chart-legend'))[0];
  return list ? all(list, (n) => n.tag === 'li').map((li) => li.text.trim()) : [];
}

describe('the learning-rate chart in the Train step', () => {
  it('a constant rate is said in one line, not drawn as a flat chart', () => {
    seed(useTraining, {
      status: 'done',
      settings: { ...DEFAULT_SETTINGS },
      epochs: [epoch(1), epoch(2), epoch(3)],
      batches,
      first: null,
      phase: null,
      result: null,
    });
    const page = markup(Charts);
    expect(page).not.toContain('Learning rate per epoch');
    expect(page).toContain('Learning rate: 0.001, the same every epoch.');
    // the other three charts are all there
    for (const name of ['Loss per epoch', 'Accuracy per epoch', 'Training loss per batch'])
      expect(page).toContain(name);
  });

  it('a rate that changes is charted', () => {
    seed(useTraining, {
      status: 'done',
      settings: { ...DEFAULT_SETTINGS },
      epochs: [epoch(1, 0.001), epoch(2, 0.0005), epoch(3, 0.0001)],
      batches,
    });
    const page = markup(Charts);
    expect(page).toContain('aria-label="Learning rate per epoch, 3 points"');
    expect(page).not.toContain('the same every epoch');
  });

  it("a run under a schedule has its chart from the start, waiting for the first epoch's rate", () => {
    seed(useTraining, {
      status: 'training',
      settings: { ...DEFAULT_SETTINGS, recipe: 'manual', lrSchedule: 'cosine' },
      epochs: [],
      batches,
    });
    expect(markup(Charts)).toContain('aria-label="Learning rate per epoch, 0 points"');
    seed(useTraining, { settings: { ...DEFAULT_SETTINGS, recipe: 'manual', lrSchedule: 'constant' } });
    const page = markup(Charts);
    expect(page).not.toContain('Learning rate per epoch');
    expect(page).not.toContain('the same every epoch');
  });
});

describe("the epoch charts' legends at the full model's start", () => {
  it("name the first model's curve only, until the full model's lines have points", () => {
    const first = [epoch(1), epoch(2)];
    seed(useTraining, {
      status: 'extracting',
      settings: { ...DEFAULT_SETTINGS },
      phase: 'final',
      epochs: [],
      batches,
      first: { valAccuracy: 0.5, epochs: first, seconds: 2, images: { train: 8, val: 2 }, besideFull: true },
    });
    let page = markup(Charts);
    expect(legend(page, /^Loss per epoch/)).toEqual(['quick first model, validation loss']);
    expect(legend(page, /^Accuracy per epoch/)).toEqual(['quick first model, validation accuracy']);
    seed(useTraining, { status: 'training', epochs: [epoch(1)] });
    page = markup(Charts);
    expect(legend(page, /^Loss per epoch/)).toEqual([
      'train loss',
      'validation loss',
      'quick first model, validation loss',
    ]);
  });

  it("name the first model's epochs its own when a Stop kept it before the full model began, on the part it was judged on", () => {
    const first = [epoch(1), epoch(2)];
    const images = { train: 68, val: 16 };
    const partOf = { train: 96, val: 24 };
    seed(useTraining, {
      status: 'stopped',
      settings: { ...DEFAULT_SETTINGS },
      phase: null,
      epochs: first,
      batches,
      first: { valAccuracy: 1, epochs: first, seconds: 2, images, partOf, besideFull: false },
      result: { phase: 'first', images, partOf } as never,
    });
    expect(legend(markup(Charts), /^Accuracy per epoch/)).toEqual([
      'quick first model, train accuracy',
      'quick first model, validation accuracy on 16 of 24 images',
    ]);
  });
});
