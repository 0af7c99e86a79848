import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfusionDisclosure, MATRIX_OPEN_UP_TO } from '../src/ui/ConfusionDisclosure';
import type { TrainSummary } from '../src/worker/protocol';

// Evaluate shows a small project's confusion matrix without a click; a large one's waits for it.

const summary = (k: number) =>
  ({
    classes: Array.from({ length: k }, (_, i) => `class ${i}`),
    confusion: Array.from({ length: k }, (_, i) => Array.from({ length: k }, (__, j) => (i === j ? 2 : 0))),
    valPredictions: [],
  }) as unknown as TrainSummary;

const render = (k: number) =>
  renderToStaticMarkup(createElement(ConfusionDisclosure, { result: summary(k), classes: k }));

describe('the confusion matrix disclosure', () => {
  it('starts open with its table for up to ten classes', () => {
    expect(MATRIX_OPEN_UP_TO).toBe(10);
    for (const k of [2, 4, 10]) {
      const html = render(k);
      expect(html).toMatch(/^<details open="">/);
      expect(html).toContain('aria-label="Confusion matrix (rows: true class, columns: predicted class)"');
      expect(html.match(/<th scope="row"/g)).toHaveLength(k);
    }
  });

  it('starts folded, its cells not built, from eleven classes on', () => {
    for (const k of [11, 100]) {
      const html = render(k);
      expect(html).toMatch(/^<details>/);
      expect(html).not.toContain('<table');
    }
  });
});
