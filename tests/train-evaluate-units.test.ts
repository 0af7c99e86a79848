import { describe, expect, it, vi } from 'vitest';
import type { EpochMetrics } from '../src/core/train/epochs';
import type { BackboneInfo } from '../src/worker/protocol';
import { all, byId, markup, parse, seed } from './a11y-html';
import { trainSummary } from './fixtures/train-summary';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { DEFAULT_SETTINGS } = await import('../src/core/train/settings');
const { formatValue } = await import('../src/ui/chart-scale');
const { useTraining } = await import('../src/state/training');
const { useProject, projectImage } = await import('../src/state/project');
const { useBackbone } = await import('../src/state/backbone');
const { useLrSuggestion } = await import('../src/state/lr-suggestion');
const { Charts } = await import('../src/ui/Charts');
const { PerClassTable } = await import('../src/ui/Results');
const { TrainPanel } = await import('../src/ui/TrainPanel');
const { InsightPanel } = await import('../src/ui/InsightPanel');

const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });
const text = (html: string) => parse(html).text.replace(/\s+/g, ' ');

describe('accuracy is read in % wherever the page shows it', () => {
  it('a chart value and tick written as a percentage', () => {
    expect(formatValue('percent', 0.85)).toBe('85%');
    expect(formatValue('percent', 0.7272727)).toBe('72.7%');
    expect(formatValue('percent', 1)).toBe('100%');
    expect(formatValue('percent', 0.2)).toBe('20%');
  });

  it("the accuracy chart's line says 75%, the loss chart's a plain number", () => {
    const epoch: EpochMetrics = { epoch: 1, loss: 0.0664, accuracy: 1, valLoss: 1.2, valAccuracy: 0.75, seconds: 1 };
    seed(useTraining, {
      status: 'done',
      settings: { ...DEFAULT_SETTINGS },
      epochs: [epoch],
      batches: [],
      first: null,
      phase: null,
      result: null,
    });
    const page = text(markup(Charts));
    expect(page).toContain('epoch 1: train accuracy 100% · validation accuracy 75%');
    expect(page).toContain('epoch 1: train loss 0.0664 · validation loss 1.2');
  });

  it("the per-class table's F1 is a percentage beside recall and precision", () => {
    const result = trainSummary({
      classes: ['daisy', 'rose'],
      perClass: [
        { count: 5, accuracy: 0.8, precision: 2 / 3, f1: 0.7272727 },
        { count: 5, accuracy: 1, precision: 1, f1: 1 },
      ],
    });
    const rows = all(parse(markup(PerClassTable, { result })), (n) => n.tag === 'tr').map((r) =>
      all(r, (n) => n.tag === 'td').map((c) => c.text),
    );
    expect(rows[1]).toEqual(['5', '80.0%', '66.7%', '72.7%']);
    expect(rows[2]).toEqual(['5', '100.0%', '100.0%', '100.0%']);
  });
});

const loaded = { id: 'mobilenet-v1-0.25', blocks: [] } as unknown as BackboneInfo;
function project(images: number) {
  seed(useProject, {
    classes: ['cats', 'dogs'].map((name) => ({
      id: name,
      name,
      images: Array.from({ length: images }, (_, i) => projectImage(`${name}${i}`, file(`${i}.png`))),
    })),
  });
  seed(useTraining, { status: 'idle', settings: { ...DEFAULT_SETTINGS }, epochs: [], batches: [], result: null });
  seed(useLrSuggestion, { status: 'idle' });
  seed(useBackbone, { status: 'ready', calibrating: null, loaded });
}

describe('the Train step before a run', () => {
  it('puts Train before the learning-rate finder', () => {
    project(3);
    const page = markup(TrainPanel);
    const buttons = all(parse(page), (n) => n.tag === 'button').map((b) => b.text.trim());
    expect(buttons.indexOf('Train')).toBeGreaterThan(-1);
    expect(buttons.indexOf('Train')).toBeLessThan(buttons.indexOf('Find learning rate'));
  });

  it('says beside Train what it will train on', () => {
    project(3);
    const page = markup(TrainPanel);
    expect(all(parse(page), (n) => n.attrs['data-testid'] === 'train-what')[0]?.text).toBe('2 classes · 6 images');
  });

  it('says nothing of it once a run is under way', () => {
    project(3);
    seed(useTraining, { status: 'training' });
    expect(markup(TrainPanel)).not.toContain('data-testid="train-what"');
  });
});

describe('Check the data on an empty project', () => {
  it('says what it will check, without disabled buttons or words about caching', () => {
    project(0);
    const page = markup(InsightPanel);
    expect(all(parse(page), (n) => n.tag === 'button')).toHaveLength(0);
    expect(byId(page, 'insight-title')?.text).toBe('Check the data');
    expect(text(page)).toContain('Once you add images, this looks them over before training');
    expect(page).not.toMatch(/cached/);
  });

  it('shows its buttons once there are images', () => {
    project(2);
    const names = all(parse(markup(InsightPanel)), (n) => n.tag === 'button').map((b) => b.text.trim());
    expect(names).toEqual(expect.arrayContaining(['Check dataset health', 'Show feature map']));
  });
});
