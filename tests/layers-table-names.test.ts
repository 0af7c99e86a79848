import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { BlockInfo } from '../src/core/finetune/blocks';

vi.mock('../src/worker/client', () => import('./fake-worker'));
const { LayerTable } = await import('../src/ui/LayerTable');

const block = (name: string, layers: number): BlockInfo => ({
  name,
  layers: Array.from({ length: layers }, (_, i) => ({
    name: `${name}_${i}`,
    className: 'Conv2D',
    params: 4,
    trainableParams: 4,
  })),
  outputLayer: `${name}_${layers - 1}`,
  outputShape: [7, 7, 8],
  params: 4 * layers,
  trainableParams: 4 * layers,
});

/** each element with an aria-label: its label and its visible text */
function named(html: string, tag: string): { name: string; text: string }[] {
  const found = [...html.matchAll(new RegExp(`<${tag}\\b[^>]*aria-label="([^"]*)"[^>]*>(.*?)</${tag}>`, 'g'))];
  return found.map((m) => ({ name: m[1], text: m[2].replace(/<[^>]*>/g, '') }));
}

describe('the blocks table', () => {
  // block_11 is the boundary; block_12 kept frozen, block_13 trains
  const blocks = [block('block_11', 6), block('block_12', 6), block('block_13', 1)];
  const html = renderToStaticMarkup(
    createElement(LayerTable, {
      blocks,
      firstTrainable: 0,
      kept: new Set(['block_12']),
      trains: (i: number) => i !== 1,
      running: false,
    }),
  );

  it('names each control starting with the words it shows (WCAG 2.5.3: speech users say what they see)', () => {
    const buttons = named(html, 'button');
    expect(buttons.map((b) => b.text)).toEqual(['freeze only this', 'kept frozen']);
    expect(buttons.map((b) => b.name)).toEqual(['freeze only this: block_13', 'kept frozen: block_12']);
    const summaries = named(html, 'summary');
    expect(summaries.map((s) => s.text)).toEqual(['1 layer', '6 layers', '6 layers']);
    expect(summaries.map((s) => s.name)).toEqual([
      '1 layer of block_13',
      '6 layers of block_12',
      '6 layers of block_11',
    ]);
    for (const { name, text } of [...buttons, ...summaries]) expect(name.startsWith(text), name).toBe(true);
  });
});

describe("the blocks table's Keep frozen column", () => {
  const blocks = [block('block_11', 6), block('block_12', 6), block('block_13', 1)];
  const table = (firstTrainable: number) =>
    renderToStaticMarkup(
      createElement(LayerTable, {
        blocks,
        firstTrainable,
        kept: new Set<string>(),
        trains: (i: number) => i >= firstTrainable,
        running: false,
      }),
    );

  it('is there while an unfrozen top holds a block above its boundary, and gone with the whole backbone frozen (it stood empty)', () => {
    expect(table(1)).toContain('>Keep frozen</th>');
    expect(table(3)).not.toContain('Keep frozen');
    // only the boundary block trains: nothing above it to keep frozen
    expect(table(2)).not.toContain('Keep frozen');
    // every row has as many cells as the heading has columns
    for (const html of [table(1), table(3)]) {
      const heads = (html.match(/<th scope="col"/g) ?? []).length;
      const rows = [...html.matchAll(/<tr class="[^"]*">(.*?)<\/tr>/g)].map(
        (m) => (m[1].match(/<t[hd][ >]/g) ?? []).length,
      );
      expect(new Set(rows)).toEqual(new Set([heads]));
    }
  });
});
