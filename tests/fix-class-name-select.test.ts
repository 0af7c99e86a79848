import { describe, expect, it } from 'vitest';
import { noteTypedName, selectIfPageMade } from '../src/ui/ClassCard';

// "Start with two empty classes" put the focus in "Class 1" with the caret after it, so typing a
// name gave "Class 1thumbs up": a name the page made is selected as the focus arrives, so typing
// replaces it; a name the person typed is never selected so.

/** a class name field as the handler reads it */
function field(value: string, readOnly = false) {
  const field = { value, readOnly, selected: 0, select: () => field.selected++ };
  return field;
}

describe('a class name field taking the focus', () => {
  it('selects a "Class N" the page made, so typing replaces it', () => {
    const f = field('Class 1');
    expect(selectIfPageMade(f, 'new-1')).toBe(true);
    expect(f.selected).toBe(1);
  });

  it('leaves a folder’s or a typed name as it is', () => {
    const f = field('cats');
    expect(selectIfPageMade(f, 'folder-1')).toBe(false);
    expect(f.selected).toBe(0);
  });

  it('never selects a name the person typed, even one that reads like the page’s', () => {
    noteTypedName('typed-1', 'class 7');
    const f = field('Class 7');
    expect(selectIfPageMade(f, 'typed-1')).toBe(false);
    expect(f.selected).toBe(0);
    // the page's name again (a clash typed and put back on leaving the field): selected
    const back = field('Class 2');
    expect(selectIfPageMade(back, 'typed-1')).toBe(true);
  });

  it('leaves a read-only field (a run holds the project) alone: typing cannot replace it', () => {
    const f = field('Class 1', true);
    expect(selectIfPageMade(f, 'locked-1')).toBe(false);
    expect(f.selected).toBe(0);
  });
});
