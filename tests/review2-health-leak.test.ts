import { describe, expect, it } from 'vitest';
import { datasetHealth, fixRemoves, type HealthIssue } from '../src/core/data/health';
import { healthImages } from './fixtures/health-images';

// one-hot features: no two images alike unless a test makes them so
const oneHot = (k: number) => Array.from({ length: 6 }, (_, j): number => (j === k ? 1 : 0));
const features = new Map(healthImages.map((i, k) => [i.id, oneHot(k)]));
const present = new Set(healthImages.map((i) => i.id));
// c1 (cat) validates; d2 (dog) trains
const check = (hashes: Map<string, string>, alike = features) =>
  datasetHealth({
    classes: ['cat', 'dog'],
    images: healthImages,
    hashes,
    features: alike,
    unreadable: [],
    validation: new Set(['c1', 'd1']),
    minPerClass: 1,
  });
const leakOf = (issues: HealthIssue[]) => issues.find((i) => i.kind === 'split-leak')!;
const ownHashes = () => new Map(healthImages.map((i) => [i.id, `h-${i.id}`]));

describe('images in two classes on both sides of the split', () => {
  it('exact copies: a labelling mistake, and the advice says which copy the fix keeps', () => {
    const leak = leakOf(check(new Map([...ownHashes(), ['d2', 'h-c1']])));
    expect(leak.message).toBe(
      'The same picture is labelled as two classes, "cat" and "dog", with copies on both sides of the train/validation split: c1.jpg (cat), copy-of-c1.jpg (dog). One of the labels is wrong: the fix keeps the copy in "cat" and removes the other, so use it only if "cat" is right; if not, delete the copy in "cat" instead.',
    );
    // what the button does: keeps the copy in cat, removes the one in dog
    expect(fixRemoves(leak, present)).toEqual(['d2']);
    expect(leak.fixLabel).toBe('Keep one copy in cat, remove the other from dog');
  });

  it('near duplicates (other files): not called the same picture nor a wrong label, their labels are to be checked', () => {
    // two different frames of one scene: the same background, other files
    const alike = new Map([...features, ['d2', [0.99, 0.01, 0, 0, 0, 0]]]);
    const leak = leakOf(check(ownHashes(), alike));
    expect(leak.ids).toEqual(['c1', 'd2']);
    expect(leak.message).toBe(
      'Nearly identical images in different classes, "cat" and "dog", are on both sides of the train/validation split: c1.jpg (cat), copy-of-c1.jpg (dog). Check their labels: the fix keeps the image in "cat" and removes the other, so use it only if they show the same thing and "cat" is right.',
    );
    expect(leak.message).not.toContain('same picture');
    expect(leak.message).not.toContain('wrong');
    expect(fixRemoves(leak, present)).toEqual(['d2']);
  });

  it('a near group holding copies and another file is a near group', () => {
    const alike = new Map([...features, ['c2', [0.99, 0.01, 0, 0, 0, 0]]]);
    const leak = leakOf(check(new Map([...ownHashes(), ['d2', 'h-c1']]), alike));
    expect(leak.ids).toEqual(['c1', 'd2', 'c2']);
    expect(leak.message).toMatch(/^Nearly identical images in different classes, "cat" and "dog"/);
    expect(leak.message).toContain('the fix keeps one image in "cat" and removes the other 2,');
    expect(fixRemoves(leak, present)).toEqual(['d2', 'c2']);
  });

  it('within one class: copies are called copies, near duplicates nearly identical images', () => {
    const same = leakOf(check(new Map([...ownHashes(), ['c2', 'h-c1']])));
    expect(same.message).toMatch(/^Copies on both sides of the train\/validation split/);
    const alike = new Map([...features, ['c2', [0.99, 0.01, 0, 0, 0, 0]]]);
    const near = leakOf(check(ownHashes(), alike));
    expect(near.ids).toEqual(['c1', 'c2']);
    expect(near.message).toMatch(/^Nearly identical images on both sides of the train\/validation split/);
  });
});
