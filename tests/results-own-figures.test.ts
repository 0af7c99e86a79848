import 'fake-indexeddb/auto';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrainSummary } from '../src/worker/protocol';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { trainSummary } from './fixtures/train-summary';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));

const { resetWorker, installLocalStorage } = await import('./fake-worker');
const { useTraining } = await import('../src/state/training');
const { runStart } = await import('../src/state/training-run');
const { recordRun } = await import('../src/state/run-record');
const { closeDatabases } = await import('../src/core/storage/databases');
const { AccuracyInterval } = await import('../src/ui/RecipeReport');
const { ConfusionMatrix } = await import('../src/ui/ConfusionMatrix');

const initial = useTraining.getState();
beforeEach(() => {
  resetWorker();
  installLocalStorage();
  useTraining.setState(initial, true);
});
afterEach(async () => {
  await closeDatabases();
});

const memory = { numBytes: 9e6, cacheBytes: 4e6, cachedFeatures: 400 };
const prediction = (id: string, label: number) => ({ id, label, predicted: label, probabilities: [0.5, 0.5] });

/** a run's result on `val` validation images (ids v0…), of `train` training images */
const summary = (train: number, val: number, over: Partial<TrainSummary> = {}) =>
  trainSummary({
    valAccuracy: 0.8,
    valAccuracyInterval: [0.6, 0.9],
    images: { train, val },
    valPredictions: Array.from({ length: val }, (_, i) => prediction(`v${i}`, i % 2)),
    ...over,
  });

describe("the results show this model's figures, not another run's", () => {
  it("a new run's start clears the memory line measured after the run before", () => {
    useTraining.setState({ memory });
    useTraining.setState(runStart(10, { ...DEFAULT_SETTINGS }, null));
    expect(useTraining.getState().memory).toBeNull();
  });

  it("a model chosen again (another run's) does not keep the memory line measured after the last run", () => {
    useTraining.setState({ memory, status: 'done' });
    expect(useTraining.getState().showKept(summary(40, 10))).toBe(true);
    expect(useTraining.getState().memory).toBeNull();
  });

  it('a first model on part of the images is compared as measured on its part, as its record would be', () => {
    // run 1 validated on 10 images; this run's first model on 4 of the same 10 (its part): a figure
    // on 4 images does not measure what one on 10 does
    const before = summary(40, 10);
    const runs = [recordRun(before, 1, [], 'mobilenet-v1-0.25')];
    const first = summary(16, 4, { valAccuracy: 0.75, partOf: { train: 40, val: 10 } });
    const html = renderToStaticMarkup(createElement(AccuracyInterval, { result: first, runs, latest: true }));
    expect(html).not.toContain('the same counts');
    expect(html).toContain('was validated on other data (images 40 + 10 → 16 + 4 (training + validation))');
    expect(html).toContain('95% interval');
  });
});

describe('the confusion matrix', () => {
  it('keeps the open cell a button when the model now shown has no image in it (the full model after the first)', () => {
    const html = renderToStaticMarkup(
      createElement(ConfusionMatrix, {
        classes: ['a', 'b'],
        matrix: [
          [3, 0],
          [1, 2],
        ],
        selected: [0, 1],
        onOpen: () => undefined,
      }),
    );
    expect(html).toContain('aria-label="0 a images predicted as b" aria-pressed="true"');
    // an empty cell not open stays text
    const closed = renderToStaticMarkup(
      createElement(ConfusionMatrix, {
        classes: ['a', 'b'],
        matrix: [
          [3, 0],
          [1, 2],
        ],
        selected: null,
        onOpen: () => undefined,
      }),
    );
    expect(closed).not.toContain('<button type="button" class="cell" aria-label="0 a images');
  });
});
