import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { recordRun } from '../src/state/run-record';
import { changed } from '../src/ui/run-changes';
import type { TrainSummary } from '../src/worker/protocol';
import { trainSummary } from './fixtures/train-summary';

const epoch = { epoch: 1, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.7, seconds: 1 };
const summary = (over: Partial<TrainSummary> = {}) =>
  trainSummary({
    valAccuracy: 0.7,
    history: [epoch],
    images: { train: 40, val: 10 },
    settings: { ...DEFAULT_SETTINGS, augmentViews: 0 },
    ...over,
  });

const full = recordRun(summary({ valAccuracy: 0.8 }), 1, [], 'x');

describe('a first model kept by Stop', () => {
  it('stopped before the other images were read: recorded on the images its figures rest on, and as a first model', () => {
    const kept = summary({
      phase: 'first',
      stopped: true,
      images: { train: 16, val: 4 },
      partOf: { train: 40, val: 10 },
    });
    const run = recordRun(kept, 2, [], 'x');
    expect(run.images).toEqual({ train: 16, val: 4 });
    expect(run.label).toMatch(
      /^first model kept by Stop \(trained on 16 of 40 training images, validated on 4 of 10\), head only/,
    );
    expect(changed(run, full)).toBe('images 40 + 10 → 16 + 4 (training + validation)');
  });

  it("judged on every validation image: on the run's validation images, its label says it trained on part", () => {
    const kept = summary({
      phase: 'first',
      stopped: true,
      images: { train: 16, val: 10 },
      partOf: { train: 40, val: 10 },
    });
    const run = recordRun(kept, 2, [], 'x');
    expect(run.images).toEqual({ train: 40, val: 10 });
    expect(run.label).toMatch(/^first model kept by Stop \(trained on 16 of 40 training images\), head only/);
  });

  it('on all the images from the start: a first model all the same; a full run says nothing of it', () => {
    expect(recordRun(summary({ phase: 'first', stopped: true }), 2, [], 'x').label).toMatch(
      /^first model kept by Stop, head only/,
    );
    expect(recordRun(summary({ phase: 'first', stopped: false }), 2, [], 'x').label).toMatch(/^first model, head only/);
    expect(full.label).toMatch(/^head only/);
  });
});
