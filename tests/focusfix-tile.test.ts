import { beforeEach, describe, expect, it, vi } from 'vitest';
import { all, markup, parse, seed } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
vi.mock('../src/ui/focus-after-removal', () => import('./hand-on-recorder'));
const { handOns } = await import('./hand-on-recorder');
const { useProject, projectImage } = await import('../src/state/project');
const { useInsight } = await import('../src/state/dataset-insight');
const { ImageTile } = await import('../src/ui/ImageTile');

const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });
const tileOf = (html: string) => all(parse(html), (n) => n.tag === 'li')[0];

beforeEach(() => {
  handOns.length = 0;
});

describe('a results tile keeps the focus its Delete hands it through the undo (Ctrl+Z dropped it to the page)', () => {
  it('the tile itself takes it, the same element whether it shows the image or says Deleted', () => {
    seed(useProject, {
      classes: [
        { id: 'c1', name: 'cats', images: [projectImage('i1', file('a.jpg'))] },
        { id: 'c2', name: 'dogs', images: [] },
      ],
    });
    seed(useInsight, { changed: {} });
    const shown = tileOf(markup(ImageTile, { id: 'i1' }));
    const del = handOns.find((h) => h.peers === '.tile-delete')!;
    // the gallery's last: to the tile, not to its "Deleted" words, which the undo takes away
    expect(del.fallback).toBe('[data-tile="i1"]');
    expect(shown.attrs).toMatchObject({ 'data-tile': 'i1', tabindex: '-1' });

    seed(useProject, { classes: [{ id: 'c2', name: 'dogs', images: [] }] });
    seed(useInsight, { changed: { i1: { what: 'deleted', from: 'c1' } } });
    const gone = tileOf(markup(ImageTile, { id: 'i1' }));
    expect(gone.attrs).toMatchObject({ 'data-tile': 'i1', tabindex: '-1' });
    expect(gone.text).toBe('Deleted');
    expect(all(gone, (n) => n.attrs.tabindex !== undefined)).toHaveLength(0);
  });
});
