import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EpochMetrics } from '../src/core/train/epochs';
import { all, parse, seed, unseedAfterEach } from './a11y-html';
import { installLocalStorage } from './fake-worker';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const KEY = 'transfer-studio-larger-charts';

/** the chart-size store as a fresh page (a reload) would find it */
async function freshStore() {
  vi.resetModules();
  return (await import('../src/state/chart-size')).useChartSize;
}

describe('"Larger charts" is kept on this device', () => {
  let local: ReturnType<typeof installLocalStorage>;
  beforeEach(() => void (local = installLocalStorage()));
  afterEach(() => void delete (globalThis as { localStorage?: unknown }).localStorage);

  it('starts compact, and a choice survives a reload', async () => {
    const store = await freshStore();
    expect(store.getState().large).toBe(false);
    store.getState().setLarge(true);
    expect(store.getState().large).toBe(true);
    expect((await freshStore()).getState().large).toBe(true);
    (await freshStore()).getState().setLarge(false);
    expect((await freshStore()).getState().large).toBe(false);
  });

  it('reads garbage as compact, and still switches when storage refuses the write', async () => {
    local.store.set(KEY, '{not json');
    expect((await freshStore()).getState().large).toBe(false);
    local.store.set(KEY, '"yes"');
    expect((await freshStore()).getState().large).toBe(false);
    local.full.on = true;
    const store = await freshStore();
    store.getState().setLarge(true);
    expect(store.getState().large).toBe(true);
  });

  it('starts compact without localStorage at all', async () => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
    expect((await freshStore()).getState().large).toBe(false);
  });
});

describe('the Train step charts, compact or larger', async () => {
  vi.resetModules();
  const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
  const { useTraining } = await import('../src/state/training');
  const { useChartSize } = await import('../src/state/chart-size');
  const { Charts } = await import('../src/ui/Charts');
  const { markup } = await import('./a11y-html');
  unseedAfterEach(useTraining, useChartSize);

  const epoch = (i: number): EpochMetrics => ({
    epoch: i,
    loss: 1 / i,
    accuracy: i / 10,
    valLoss: 2 / i,
    valAccuracy: i / 20,
    seconds: 1,
    lr: 0.001,
  });
  const trained = () =>
    seed(useTraining, {
      status: 'done',
      settings: { ...DEFAULT_SETTINGS },
      epochs: [epoch(1), epoch(2), epoch(3)],
      batches: [{ step: 1, loss: 1 }],
      first: null,
      phase: null,
      result: null,
    });
  const toggle = (html: string) => all(parse(html), (n) => n.tag === 'button' && n.text.trim() === 'Larger charts');
  const grid = (html: string) => all(parse(html), (n) => /\bcharts\b/.test(n.attrs.class ?? ''))[0];
  const canvasHeights = (html: string) =>
    all(parse(html), (n) => n.tag === 'canvas').map((n) => /height:\s*(\d+)px/.exec(n.attrs.style ?? '')?.[1]);

  it('no toggle while there are no charts', () => {
    seed(useTraining, { status: 'idle', epochs: [], batches: [] });
    expect(toggle(markup(Charts))).toHaveLength(0);
  });

  it('compact: the toggle is not pressed, the charts in a grid at their small height', () => {
    trained();
    const html = markup(Charts);
    expect(toggle(html)).toHaveLength(1);
    expect(toggle(html)[0].attrs['aria-pressed']).toBe('false');
    expect(toggle(html)[0].attrs.type).toBe('button');
    expect(grid(html).attrs.class).not.toContain('charts-large');
    // loss, accuracy and the loss per batch
    expect(canvasHeights(html)).toEqual(['136', '136', '136']);
  });

  it('larger: pressed, one chart a row, every canvas taller', () => {
    trained();
    seed(useChartSize, { large: true });
    const html = markup(Charts);
    expect(toggle(html)[0].attrs['aria-pressed']).toBe('true');
    expect(grid(html).attrs.class).toContain('charts-large');
    const heights = canvasHeights(html).map(Number);
    expect(heights).toHaveLength(3);
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(260);
  });
});
