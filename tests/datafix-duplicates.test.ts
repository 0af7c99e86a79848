import { describe, expect, it } from 'vitest';
import { duplicateWarnings } from '../src/core/data/duplicates';
import { frameName } from '../src/core/data/frame-name';

// 21 identical webcam frames made a 12-line paragraph naming every one: a group names at most
// three files, and a group of recorded frames only says what that most likely means.

const copies = (n: number, name: (k: number) => string, label = 0) =>
  Array.from({ length: n }, (_, k) => ({ name: name(k), label, fingerprint: 'same' }));

describe('a duplicate warning with many copies', () => {
  it('names three files, then how many more', () => {
    const [line] = duplicateWarnings(
      ['cup', 'mug'],
      copies(7, (k) => `photo-${k}.jpg`),
    );
    expect(line).toBe(
      'The same image is in "cup" 7 times: "photo-0.jpg", "photo-1.jpg", "photo-2.jpg" and 4 more. A copy can land in validation and flatter the accuracy.',
    );
  });

  it('across classes: three names, then how many more', () => {
    const group = [...copies(3, (k) => `a${k}.jpg`, 0), ...copies(2, (k) => `b${k}.jpg`, 1)];
    const [line] = duplicateWarnings(['cup', 'mug'], group);
    expect(line).toBe(
      'The same image is in 2 classes (5 copies): "a0.jpg" (cup), "a1.jpg" (cup), "a2.jpg" (cup) and 2 more. The model is taught two answers for one picture; keep it in one class.',
    );
  });

  it('21 identical recorded frames: the camera picture may have been frozen, no file names', () => {
    const [line] = duplicateWarnings(
      ['cup', 'mug'],
      copies(21, (k) => frameName('20261206-004214', k + 1)),
    );
    expect(line).toBe('21 recorded frames in "cup" are identical: the camera picture may have been frozen.');
    expect(line).not.toContain('webcam-');
  });

  it('recorded frames read back from a project zip (their names numbered) count as frames too', () => {
    const [line] = duplicateWarnings(
      ['cup'],
      copies(3, (k) => `${k}-${frameName('20261206-004214', k + 1)}`),
    );
    expect(line).toBe('3 recorded frames in "cup" are identical: the camera picture may have been frozen.');
  });

  it('frames in two classes: frozen, and the two answers said', () => {
    const group = [
      ...copies(2, (k) => frameName('20261206-004214', k + 1), 0),
      ...copies(2, (k) => frameName('20261206-004300', k + 1), 1),
    ];
    const [line] = duplicateWarnings(['cup', 'mug'], group);
    expect(line).toBe(
      '4 recorded frames in "cup" and "mug" are identical: the camera picture may have been frozen. The model is taught two answers for one picture; keep it in one class.',
    );
  });

  it('a frame and a file that is not one: named as files', () => {
    const group = [
      { name: frameName('20261206-004214', 1), label: 0, fingerprint: 'x' },
      { name: 'cup.jpg', label: 0, fingerprint: 'x' },
    ];
    expect(duplicateWarnings(['cup'], group)[0]).toBe(
      'The same image is in "cup" 2 times: "webcam-20261206-004214-1.jpg", "cup.jpg". A copy can land in validation and flatter the accuracy.',
    );
  });
});

describe('pictures copied alike are one line', () => {
  /** `n` pictures, each filed once in every class of `classes` (a class twice: two copies there) */
  const twice = (classes: number[], n: number) =>
    Array.from({ length: n }, (_, p) =>
      classes.map((label, k) => ({ name: `p${p}-${k}.jpg`, label, fingerprint: `p${p}` })),
    ).flat();

  it('a class folder added twice: one line for the class, its first pictures named', () => {
    expect(duplicateWarnings(['digit_0', 'digit_1'], twice([1, 1], 100))).toEqual([
      '100 images are each in "digit_1" twice: "p0-0.jpg", "p1-0.jpg", "p2-0.jpg" and 97 more. A copy can land in validation and flatter the accuracy.',
    ]);
  });

  it('three copies of some: "more than once"; two pictures are both named', () => {
    const images = [
      ...twice([0, 0], 1),
      ...twice([0, 0, 0], 1).map((i) => ({ ...i, name: `q-${i.name}`, fingerprint: 'q' })),
    ];
    expect(duplicateWarnings(['cup'], images)).toEqual([
      '2 images are each in "cup" more than once: "p0-0.jpg" and "q-p0-0.jpg". A copy can land in validation and flatter the accuracy.',
    ]);
  });

  it('pictures in the same three classes are one line; another pair of classes is a line of its own', () => {
    const images = [...twice([0, 1, 2], 4), ...twice([0, 2], 1).map((i) => ({ ...i, fingerprint: 'other' }))];
    expect(duplicateWarnings(['a', 'b', 'c'], images)).toEqual([
      '4 images are each in 3 classes: "a", "b" and "c": "p0-0.jpg", "p1-0.jpg", "p2-0.jpg" and 1 more. The model is taught two answers for each; keep each in one class.',
      'The same image is in 2 classes: "p0-0.jpg" (a), "p0-1.jpg" (c). The model is taught two answers for one picture; keep it in one class.',
    ]);
  });
});
