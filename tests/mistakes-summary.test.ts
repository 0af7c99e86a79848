import { describe, expect, it, vi } from 'vitest';
import { all, markup, parse } from './a11y-html';
import { trainSummary } from './fixtures/train-summary';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { TopLosses } = await import('../src/ui/TopLosses');

/** `wrong` dogs taken for cats, and one cat right */
const withWrong = (wrong: number) =>
  trainSummary({
    valPredictions: [
      { id: 'cat', label: 0, predicted: 0, probabilities: [0.9, 0.1] },
      ...Array.from({ length: wrong }, (_, i) => ({
        id: `dog${i}`,
        label: 1,
        predicted: 0,
        probabilities: [0.6 + i / 100, 0.4 - i / 100],
      })),
    ],
  });

const summary = (wrong: number) =>
  all(parse(markup(TopLosses, { result: withWrong(wrong) })), (n) => n.tag === 'summary')[0].text.replace(/\s+/g, ' ');

describe('the validation mistakes in Evaluate', () => {
  it('are called mistakes (a notebook called them "top losses"), with how many are shown of how many', () => {
    expect(summary(1)).toBe('Most confident mistakes (1 wrong validation image)');
    expect(summary(3)).toBe('Most confident mistakes (3 wrong validation images)');
    // twelve tiles at most: it said "the 12 most confidently wrong of 20", after "most confident"
    expect(summary(20)).toBe('Most confident mistakes (12 of 20 wrong validation images)');
  });

  it('are a line, not an empty disclosure, when there are none', () => {
    const html = markup(TopLosses, { result: withWrong(0) });
    expect(all(parse(html), (n) => n.tag === 'details')).toHaveLength(0);
    expect(parse(html).text).toBe('Every validation image was classified correctly.');
  });
});
