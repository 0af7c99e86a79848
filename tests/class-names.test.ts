import { describe, expect, it } from 'vitest';
import { classNameProblem, datasetProblems, freeClassName } from '../src/core/data/problems';
import { useProject } from '../src/state/project';

describe('class names', () => {
  it('a name is wrong when empty or another class has it, compared trimmed and case-blind', () => {
    expect(classNameProblem(['cats', 'dogs'], 1)).toBeNull();
    expect(classNameProblem(['cats', ' Cats '], 1)).toBe('Another class is named "cats".');
    expect(classNameProblem(['cats', ' Cats '], 0)).toBe('Another class is named "Cats".');
    expect(classNameProblem(['cats', '   '], 1)).toBe('A class needs a name.');
    // the training check reads names the same way
    expect(datasetProblems(['cats', ' Cats '], [2, 2])).toEqual(['Two classes are named " Cats ".']);
  });

  it('a new class takes the first free "Class N" from the count on', () => {
    expect(freeClassName([], 1)).toBe('Class 1');
    expect(freeClassName(['Class 2'], 2)).toBe('Class 3');
    expect(freeClassName(['class 2', 'Class 3', 'x'], 2)).toBe('Class 4');
  });

  it('Add class after a deletion does not repeat a name (two classes, the first deleted, one added)', () => {
    const { addClass, removeClass } = useProject.getState();
    const first = addClass();
    addClass();
    removeClass(first);
    addClass();
    const names = useProject.getState().classes.map((c) => c.name);
    expect(names).toEqual(['Class 2', 'Class 3']);
  });
});
