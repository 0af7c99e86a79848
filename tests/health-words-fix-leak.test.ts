import { describe, expect, it } from 'vitest';
import { datasetHealth } from '../src/core/data/health';
import { healthImages } from './fixtures/health-images';

// one-hot features: no two images alike unless a test makes them so
const features = new Map(
  healthImages.map((i, k) => [i.id, Array.from({ length: 6 }, (_, j): number => (j === k ? 1 : 0))]),
);
const input = (copyOfC1: string) => ({
  classes: ['cat', 'dog'],
  images: healthImages,
  hashes: new Map(healthImages.map((i) => [i.id, i.id === copyOfC1 ? 'h-c1' : `h-${i.id}`])),
  features,
  unreadable: [],
  // c1 validates; its copy trains
  validation: new Set(['c1', 'd1']),
  minPerClass: 1,
});
const leak = (copyOfC1: string) => datasetHealth(input(copyOfC1)).find((i) => i.kind === 'split-leak')!;

describe('a picture on both sides of the train/validation split', () => {
  it('in one class: said to make validation accuracy look better', () => {
    expect(leak('c2').message).toBe(
      'Copies on both sides of the train/validation split make validation accuracy look better than it is: c1.jpg (cat), c2.jpg (cat).',
    );
  });

  it('in two classes: said as one picture labelled as both, a labelling mistake, not an inflated accuracy', () => {
    const { message } = leak('d2');
    expect(message).toBe(
      'The same picture is labelled as two classes, "cat" and "dog", with copies on both sides of the train/validation split: c1.jpg (cat), copy-of-c1.jpg (dog). One of the labels is wrong: the fix keeps the copy in "cat" and removes the other, so use it only if "cat" is right; if not, delete the copy in "cat" instead.',
    );
    expect(message).not.toContain('look better');
  });

  it('in three classes: names each of them', () => {
    const images = [...healthImages, { id: 'b1', label: 2, name: 'b1.jpg' }];
    const issues = datasetHealth({
      ...input('d2'),
      classes: ['cat', 'dog', 'bird'],
      images,
      hashes: new Map(images.map((i) => [i.id, i.id === 'd2' || i.id === 'b1' ? 'h-c1' : `h-${i.id}`])),
      features: new Map([...features, ['b1', [0, 0, 0, 0, 0, 0.5]]]),
    });
    expect(issues.find((i) => i.kind === 'split-leak')!.message).toMatch(
      /^The same picture is labelled as three classes, "cat", "dog" and "bird", with copies/,
    );
  });
});
