import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfirmDialog } from '../src/ui/ConfirmDialog';
import { ValuesTable } from '../src/ui/ChartValues';

describe('what a screen reader hears of the new parts', () => {
  it("a question's reason is read with its title (the focus goes to Cancel)", () => {
    const html = renderToStaticMarkup(
      createElement(ConfirmDialog, {
        title: 'Download anyway?',
        confirm: 'Download anyway',
        onConfirm() {},
        onCancel() {},
        children: 'its images come to 20 GB',
      }),
    );
    const describedBy = /aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(describedBy).toBeTruthy();
    expect(html).toContain(`<p id="${describedBy}">its images come to 20 GB</p>`);
  });

  it('a values table that leaves rows out says so in its own name, in plain English plurals', () => {
    const points = Array.from({ length: 600 }, (_, i) => ({ x: i + 1, y: 1 }));
    const html = renderToStaticMarkup(
      createElement(ValuesTable, {
        label: 'Training loss per batch',
        axes: { x: { title: 'batch' }, y: {} },
        series: [{ name: 'batch loss', color: '#000', points }],
      }),
    );
    expect(html).toContain('aria-label="Training loss per batch: values (the newest 500 of 600 batches)"');
    expect(html).toContain('The newest 500 of 600 batches.');
    const short = renderToStaticMarkup(
      createElement(ValuesTable, {
        label: 'Loss per epoch',
        axes: { x: { title: 'epoch' }, y: {} },
        series: [{ name: 'loss', color: '#000', points: points.slice(0, 20) }],
      }),
    );
    expect(short).toContain('aria-label="Loss per epoch: values"');
  });
});
