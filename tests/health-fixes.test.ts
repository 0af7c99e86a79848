import { describe, expect, it } from 'vitest';
import { datasetHealth, findingApplies, fixRemoves, type HealthIssue } from '../src/core/data/health';
import { copiesFinding, healthImages } from './fixtures/health-images';

describe('a finding’s fix is worked out from the images still in the project', () => {
  const pair = copiesFinding;

  it('keeps the copy whose original was deleted since the check, and drops a pair with one image left', () => {
    const all = new Set(['cat1', 'cat1-copy', 'dog1']);
    expect(fixRemoves(pair, all)).toEqual(['cat1-copy']);
    expect(findingApplies(pair, all)).toBe(true);
    // cat1.jpg deleted with its thumbnail's ×: the copy is the last one of the picture
    const afterDelete = new Set(['cat1-copy', 'dog1']);
    expect(fixRemoves(pair, afterDelete)).toEqual([]);
    expect(findingApplies(pair, afterDelete)).toBe(false);
  });

  it('keeps the first present of a larger group and removes the rest', () => {
    const three = { ...pair, ids: ['a', 'b', 'c'], remove: ['b', 'c'] };
    expect(fixRemoves(three, new Set(['b', 'c']))).toEqual(['c']);
    expect(findingApplies(three, new Set(['b', 'c']))).toBe(true);
    expect(findingApplies(three, new Set(['c']))).toBe(false);
  });

  it('removes whatever unreadable files remain, and keeps findings without a fix', () => {
    const unreadable: HealthIssue = { kind: 'unreadable', message: '', ids: ['x', 'y'], remove: ['x', 'y'] };
    expect(fixRemoves(unreadable, new Set(['y']))).toEqual(['y']);
    expect(findingApplies(unreadable, new Set(['y']))).toBe(true);
    expect(findingApplies(unreadable, new Set())).toBe(false);
    const few: HealthIssue = { kind: 'few-images', message: '', ids: ['a'] };
    expect(fixRemoves(few, new Set(['a']))).toEqual([]);
    expect(findingApplies(few, new Set())).toBe(true);
  });
});

describe('identical files among near duplicates', () => {
  const images = healthImages;
  const oneHot = (k: number) => Array.from({ length: 6 }, (_, j): number => (j === k ? 1 : 0));
  const features = new Map(images.map((i, k) => [i.id, oneHot(k)]));
  // d2 is c1's bytes, so its features are c1's; c2 is a near copy of c1
  features.set('d2', oneHot(0));
  features.set('c2', [1, 0.05, 0, 0, 0, 0]);
  const input = {
    classes: ['cat', 'dog'],
    images,
    hashes: new Map(images.map((i) => [i.id, i.id === 'd2' ? 'h-c1' : `h-${i.id}`])),
    features,
    unreadable: [],
    validation: new Set(['c1', 'd1']),
    minPerClass: 3,
  };

  it('are one near-duplicate group with the copy named as identical', () => {
    // all three train: no leak
    const issues = datasetHealth({ ...input, validation: new Set(['d1']) });
    expect(issues.filter((i) => i.kind === 'split-leak')).toEqual([]);
    expect(issues.filter((i) => i.kind === 'exact-duplicate').map((i) => i.ids)).toEqual([['c1', 'd2']]);
    const near = issues.filter((i) => i.kind === 'near-duplicate');
    expect(near.map((i) => i.ids)).toEqual([['c1', 'd2', 'c2']]);
    expect(near[0].remove).toEqual(['d2', 'c2']);
    expect(near[0].message).toBe(
      'Nearly identical images (feature similarity above 0.98): c1.jpg (cat), c2.jpg (cat). copy-of-c1.jpg (dog) is an identical copy of c1.jpg (cat).',
    );
  });

  it('on both sides of the split, are one split leak that still names the identical copy, and nothing else', () => {
    const issues = datasetHealth(input);
    // c1 validates while d2 and c2 train: one leak, not one for the identical pair and another for the
    // group, nor the group again as copies
    const leaks = issues.filter((i) => i.kind === 'split-leak');
    expect(leaks.map((i) => i.ids)).toEqual([['c1', 'd2', 'c2']]);
    expect(leaks[0].remove).toEqual(['d2', 'c2']);
    expect(leaks[0].message).toContain('copy-of-c1.jpg (dog) is an identical copy of c1.jpg (cat).');
    expect(issues.filter((i) => i.kind === 'exact-duplicate' || i.kind === 'near-duplicate')).toEqual([]);
  });

  it('are not nearly identical to each other alone', () => {
    const apart = new Map(features);
    apart.set('c2', oneHot(1));
    const issues = datasetHealth({ ...input, features: apart });
    expect(issues.filter((i) => i.kind === 'near-duplicate')).toEqual([]);
    expect(issues.filter((i) => i.kind === 'split-leak').map((i) => i.ids)).toEqual([['c1', 'd2']]);
  });
});
