import { describe, expect, it } from 'vitest';
import { heldAt, hold } from '../src/ui/review-active';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `im${i + 1}`);
const without = (list: string[], ...gone: string[]) => list.filter((id) => !gone.includes(id));

describe('the review grid holds its active image by id', () => {
  it('stays on the same image when a delete, a move or an Undo changes the images before it', () => {
    const all = ids(20);
    // arrowed to image 10 after selecting image 8: Delete takes image 8 out
    const active = hold(all, 9);
    expect(active?.id).toBe('im10');
    const after = without(all, 'im8');
    expect(after[heldAt(after, active)]).toBe('im10');
    expect(heldAt(after, active)).toBe(8);
    // and Undo puts image 8 back before it
    expect(heldAt(all, active)).toBe(9);
    // images appended after it (moved in from another class) change nothing
    expect(heldAt([...all, 'x1', 'x2'], active)).toBe(9);
  });

  it('follows its image through a filter change that keeps it', () => {
    const all = ids(10);
    const active = hold(all, 6);
    const odd = all.filter((_, k) => k % 2 === 0);
    expect(odd[heldAt(odd, active)]).toBe('im7');
  });

  it('hands on to the next image still shown when its own is gone, else the one before', () => {
    const all = ids(20);
    const active = hold(all, 9);
    // image 10 deleted with image 8: image 11 takes its place, not image 12 at its old index
    const after = without(all, 'im8', 'im10');
    expect(after[heldAt(after, active)]).toBe('im11');
    // everything after it gone too: the nearest before it
    const tail = without(all, ...all.slice(9));
    expect(tail[heldAt(tail, active)]).toBe('im9');
    const gap = without(all, 'im8', 'im9', ...all.slice(9));
    expect(gap[heldAt(gap, active)]).toBe('im7');
  });

  it('keeps the position (or the new last) when none of the images shown with it is left', () => {
    const active = hold(ids(10), 6);
    expect(heldAt(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], active)).toBe(6);
    expect(heldAt(['a', 'b', 'c'], active)).toBe(2);
  });

  it('holds nothing when nothing is chosen or shown', () => {
    expect(hold(ids(3), -1)).toBeNull();
    expect(hold(ids(3), 3)).toBeNull();
    expect(hold([], 0)).toBeNull();
    expect(heldAt(ids(3), null)).toBe(-1);
    expect(heldAt([], hold(ids(3), 1))).toBe(-1);
    // held from elsewhere: not among the ids it was chosen from
    expect(heldAt(ids(3), { id: 'x', among: ids(3) })).toBe(-1);
  });
});
