import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { measuredOn, recordRun, valSetOf } from '../src/state/run-record';
import { AccuracyInterval } from '../src/ui/RecipeReport';
import type { TrainSummary } from '../src/worker/protocol';
import { trainSummary } from './fixtures/train-summary';

const summary = (over: Partial<TrainSummary> = {}) =>
  trainSummary({ valAccuracyInterval: [0.7, 1], images: { train: 40, val: 10 }, ...over });

const predictions = (ids: string[]) =>
  ids.map((id) => ({ id, label: 0, predicted: 0, confidence: 1 })) as unknown as TrainSummary['valPredictions'];
const all = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v9'];

// another run: its own record is not the run before it
const earlier = (over: Partial<TrainSummary> = {}) =>
  recordRun(summary({ seconds: { extract: 1, train: 5 }, ...over }), 1, [], 'x');

const shown = (now: TrainSummary, before: ReturnType<typeof recordRun>) =>
  renderToStaticMarkup(createElement(AccuracyInterval, { result: now, runs: [before], latest: true }));

// the first model of a run still going: trained and validated on part of the images
const firstOnPart = (over: Partial<TrainSummary> = {}) =>
  summary({ phase: 'first', images: { train: 16, val: 4 }, partOf: { train: 40, val: 10 }, ...over });

describe('a first model measured on part of the validation images, against a full run', () => {
  it('did not score "the same" on the same images: its figure is of 4 images, the run’s of 10', () => {
    const html = shown(firstOnPart(), earlier());
    expect(html).not.toContain('scored the same');
    expect(html).not.toContain('too small');
    expect(html).toContain('was validated on other data (images 40 + 10 → 16 + 4 (training + validation))');
  });

  it('is compared on the images its record would hold', () => {
    const first = firstOnPart({ valPredictions: predictions(all.slice(0, 4)) });
    const run = recordRun({ ...first, stopped: true }, 2, [], 'x');
    expect(measuredOn(first)).toEqual({ images: run.images, valSet: run.valSet });
    expect(measuredOn(first)).toEqual({ images: { train: 16, val: 4 }, valSet: valSetOf(first) });
  });

  it('judged on every validation image: compared on the run’s images, and scores the same as a run on them', () => {
    const first = firstOnPart({ images: { train: 16, val: 10 }, valPredictions: predictions(all) });
    expect(measuredOn(first)).toEqual({ images: { train: 40, val: 10 }, valSet: valSetOf(first) });
    const html = shown(first, earlier({ valPredictions: predictions(all) }));
    expect(html).toContain('This run scored the same as run 1');
  });
});

describe('a run before whose validation images are not known', () => {
  it('is not said to have scored the same on the same validation images', () => {
    const { images: _, ...older } = earlier();
    expect(shown(summary(), older)).not.toContain('scored the same');
  });
});
