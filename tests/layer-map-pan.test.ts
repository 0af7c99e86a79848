import { describe, expect, it } from 'vitest';
import { panTo } from '../src/ui/layer-map-pan';

// a phone: the map's scroller shows 352 of its 550 px (the drawing's width at its least)
const phone = { scrollWidth: 550, clientWidth: 352 };
const end = phone.scrollWidth - phone.clientWidth;

describe('the layer map pans so that the freeze boundary, the blocks that train and the head show', () => {
  it('leaves a map that fits alone (a desktop sees it as before)', () => {
    expect(panTo({ boundary: 400, scrollLeft: 0, scrollWidth: 798, clientWidth: 798 })).toBeNull();
  });

  it('opens at the head end when the boundary lies near it (head only, or the top blocks)', () => {
    // the audit's phone: top 3 trainable, opened at the input's end, boundary and head past the edge
    expect(panTo({ boundary: 380, scrollLeft: 0, ...phone })).toBe(end);
    expect(panTo({ boundary: 500, scrollLeft: 0, ...phone })).toBe(end);
  });

  it('brings the head into view even when the boundary already shows (blocks 6–13 with the head cut off)', () => {
    expect(panTo({ boundary: 380, scrollLeft: 120, ...phone })).toBe(end);
  });

  it('keeps a boundary far from the head at the left edge, the blocks that train to its right', () => {
    const at = panTo({ boundary: 60, scrollLeft: end, ...phone });
    expect(at).not.toBeNull();
    expect(60).toBeGreaterThan(at!);
    expect(60).toBeLessThan(at! + 40);
  });

  it('does not move a map whose boundary is in view and cannot show the head beside it', () => {
    // a keyboard step right of a boundary kept at the left edge: nothing jumps
    expect(panTo({ boundary: 90, scrollLeft: 40, ...phone })).toBeNull();
  });

  it('follows a boundary stepped past either edge', () => {
    expect(panTo({ boundary: 20, scrollLeft: 100, ...phone })).toBe(0);
    expect(panTo({ boundary: 150, scrollLeft: 140, ...phone })).toBeLessThan(140);
  });
});
