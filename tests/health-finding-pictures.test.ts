import { describe, expect, it } from 'vitest';
import { datasetHealth, type HealthIssue } from '../src/core/data/health';
import { findingText, picturesOf, showsPictures } from '../src/ui/health-words';
import { copiesFinding } from './fixtures/health-images';

const near = (message: string, ids = ['a', 'b']): HealthIssue => ({
  kind: 'near-duplicate',
  message,
  ids,
  remove: ids.slice(1),
});

describe('a health finding shown with its pictures', () => {
  it('says identical files in plain words, the names left to the pictures', () => {
    expect(showsPictures(copiesFinding)).toBe(true);
    expect(findingText(copiesFinding, copiesFinding.message)).toBe(
      'Identical files (the same picture more than once).',
    );
  });

  it('says nearly identical without the similarity figure, and keeps which files are identical copies', () => {
    const images = ['c1', 'c2', 'd2'].map((id, k) => ({ id, label: k === 2 ? 1 : 0, name: `${id}.jpg` }));
    const [issue] = datasetHealth({
      classes: ['cat', 'dog'],
      images,
      hashes: new Map([
        ['c1', 'h1'],
        ['c2', 'h2'],
        ['d2', 'h1'],
      ]),
      features: new Map([
        ['c1', [1, 0]],
        ['c2', [1, 0.05]],
        ['d2', [1, 0]],
      ]),
      unreadable: [],
      validation: new Set(),
      minPerClass: 0,
    }).filter((i) => i.kind === 'near-duplicate');
    expect(findingText(issue, issue.message)).toBe(
      'Nearly identical images (they look almost the same to the model). d2.jpg (dog) is an identical copy of c1.jpg (cat).',
    );
    expect(
      findingText(near(''), 'Nearly identical images (feature similarity above 0.98): w (a), x (a), y (a) and 2 more.'),
    ).toBe('Nearly identical images (they look almost the same to the model).');
  });

  it('says a leak within a class without its list, and one across classes as it is', () => {
    const leak = (message: string): HealthIssue => ({ kind: 'split-leak', message, ids: ['a', 'b'], remove: ['b'] });
    const within =
      'Copies on both sides of the train/validation split make validation accuracy look better than it is: a.jpg (cat), b.jpg (cat).';
    expect(findingText(leak(within), within)).toBe(
      'Copies on both sides of the train/validation split make validation accuracy look better than it is.',
    );
    const across =
      'Nearly identical images in different classes, "cat" and "dog", are on both sides of the train/validation split: a.jpg (cat), b.jpg (dog). Check their labels.';
    expect(findingText(leak(across), across)).toBe(across);
  });

  it('keeps the names in the words where no pictures stand for them', () => {
    const words = 'Nearly identical images (feature similarity above 0.98): x.jpg (daisy), y.jpg (daisy).';
    expect(findingText(near(words, []), words)).toBe(
      'Nearly identical images (they look almost the same to the model): x.jpg (daisy), y.jpg (daisy).',
    );
    const few: HealthIssue = { kind: 'few-images', message: 'Class "a" has only 2 readable images.', ids: ['a', 'b'] };
    expect(showsPictures(few)).toBe(false);
    expect(findingText(few, few.message)).toBe(few.message);
  });

  it('shows a few pictures of a large group and counts the rest', () => {
    expect(picturesOf([1, 2])).toEqual({ shown: [1, 2], more: 0 });
    expect(picturesOf([1, 2, 3, 4])).toEqual({ shown: [1, 2, 3, 4], more: 0 });
    expect(picturesOf(Array.from({ length: 21 }, (_, k) => k))).toEqual({ shown: [0, 1, 2], more: 18 });
  });
});
