import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { recordRun } from '../src/state/run-record';
import { AccuracyInterval } from '../src/ui/RecipeReport';
import type { TrainSummary } from '../src/worker/protocol';
import { trainSummary } from './fixtures/train-summary';

const summary = (valAccuracy: number, seconds: number) =>
  trainSummary({
    valAccuracy,
    valAccuracyInterval: [0.5, 0.95],
    images: { train: 40, val: 10 },
    seconds: { extract: 1, train: seconds },
  });

const shown = (now: TrainSummary, before: TrainSummary) =>
  renderToStaticMarkup(
    createElement(AccuracyInterval, { result: now, runs: [recordRun(before, 1, [], 'x')], latest: true }),
  );

describe('the run before with the same validation accuracy', () => {
  it('is said to have scored the same, not to be too close to tell apart', () => {
    const html = shown(summary(0.8, 2), summary(0.8, 1));
    expect(html).toContain('This run scored the same as run 1: 80.0% on the same validation images.');
    expect(html).not.toContain('too small');
  });

  it('a close but different figure is still too close to tell apart', () => {
    const html = shown(summary(0.8, 2), summary(0.7, 1));
    expect(html).toContain('too small to tell this run (80.0%) from run 1 (70.0%) apart');
    expect(html).not.toContain('scored the same');
  });
});
