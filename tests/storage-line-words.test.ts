import { describe, expect, it, vi } from 'vitest';
import { all, markup, parse } from './a11y-html';

vi.hoisted(() => Object.assign(globalThis, { __MODELS_BASE__: '/models/' }));
vi.mock('../src/worker/client', () => import('./fake-worker'));
const { SaveStatus } = await import('../src/ui/SaveStatus');

/**
 * "storage 13.9 MB of 10.0 GB" read at a glance as a quota passed (13.9 of 10): the line says
 * which figure is used and which is the room there is.
 */
const line = (used: number, quota: number) => {
  const tree = parse(
    markup(SaveStatus, { status: 'saved', usage: { used, quota }, savedImages: 3, kept: true, images: 3 }),
  );
  return all(tree, (n) => (n.attrs.class ?? '').split(' ').includes('storage-use'))[0].text.replace(/\s+/g, ' ');
};

describe('the storage line', () => {
  it('names the used figure and a round quota', () => {
    expect(line(13.9 * 2 ** 20, 10 * 2 ** 30)).toBe(' · 13.9 MB used of 10 GB');
  });

  it('keeps a fractional quota as it is', () => {
    expect(line(2.5 * 2 ** 30, 12.4 * 2 ** 30)).toBe(' · 2.5 GB used of 12.4 GB');
  });
});
