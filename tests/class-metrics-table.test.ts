import { describe, expect, it } from 'vitest';
import type { ClassMetrics } from '../src/core/train/metrics';
import { ClassMetricsTable } from '../src/ui/ClassMetricsTable';
import { all, markup, parse } from './a11y-html';

const m = (count: number, accuracy: number, precision: number, f1: number, predicted = 1): ClassMetrics => ({
  count,
  accuracy,
  precision,
  f1,
  predicted,
});

const table = (images: string, perClass: ClassMetrics[], counted = 'Tested') =>
  parse(
    markup(ClassMetricsTable, { label: 'Per-class test metrics', images, counted, classes: ['cat', 'dog'], perClass }),
  );
const headings = (html: ReturnType<typeof parse>) => all(html, (n) => n.tag === 'th' && n.attrs.scope === 'col');

describe('the per-class tables of validation and test images', () => {
  it('have the same five columns, the count headed in one word ("Validated") and named in full', () => {
    for (const [images, counted] of [
      ['Validation images', 'Validated'],
      ['Test images', 'Tested'],
    ]) {
      const cols = headings(table(images, [m(5, 0.8, 1, 0.889), m(4, 1, 0.8, 0.889)], counted));
      expect(cols.map((c) => c.text.replace(images, '').trim())).toEqual([
        'Class',
        counted,
        'Recall',
        'Precision',
        'F1',
      ]);
      const seen = all(cols[1], (n) => n.attrs['aria-hidden'] === 'true')[0];
      expect(seen.text).toBe(counted);
      expect(all(cols[1], (n) => (n.attrs.class ?? '').includes('visually-hidden'))[0].text).toBe(images);
      expect(cols[1].attrs.title).toBe(images);
    }
  });

  it("show F1 in %, and a dash for recall and F1 of a class with no images, 'never predicted' for its precision", () => {
    const rows = all(table('Test images', [m(5, 0.8, 1, 0.889), m(0, 0, 0, 0, 0)]), (n) => n.tag === 'tr').slice(1);
    const cells = (r: (typeof rows)[number]) => all(r, (n) => n.tag === 'td').map((c) => c.text);
    expect(cells(rows[0])).toEqual(['5', '80.0%', '100.0%', '88.9%']);
    expect(cells(rows[1])).toEqual(['0', '—', 'never predicted', '—']);
  });
});
