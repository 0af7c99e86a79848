import { describe, expect, it, vi } from 'vitest';
import { all, markup, parse } from './a11y-html';

vi.mock('../src/worker/client', () => import('./fake-worker'));

const { Thumbnail } = await import('../src/ui/Thumbnail');

// A picture not made yet (off screen, or still in the worker) shows a placeholder in its place.

describe("a thumbnail's placeholder", () => {
  const file = new File(['x'], 'a.png', { type: 'image/png' });
  const placeholder = (alt: string) =>
    all(parse(markup(Thumbnail, { file, url: null, alt, size: 56 })), (n) =>
      String(n.attrs.class).includes('thumb-placeholder'),
    )[0];

  it('is a named picture where the thumbnail has words', () => {
    expect(placeholder('a.png').attrs).toMatchObject({ role: 'img', 'aria-label': 'a.png' });
  });

  it("is decorative where it has none (the review grid's cell names its image): no nameless picture", () => {
    const { attrs } = placeholder('');
    expect(attrs.role).toBeUndefined();
    expect(attrs['aria-label']).toBeUndefined();
    expect(attrs['aria-hidden']).toBe('true');
  });
});
