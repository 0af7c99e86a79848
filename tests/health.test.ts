import { describe, expect, it } from 'vitest';
import { datasetHealth, exactDuplicates, nearDuplicates } from '../src/core/data/health';
import { sha256Hex } from '../src/core/data/sha256';
import { healthImages } from './fixtures/health-images';

const classes = ['cat', 'dog'];
const images = healthImages;

describe('duplicate detection', () => {
  it('groups equal hashes in input order', () => {
    const hashes = new Map([
      ['a', 'x'],
      ['b', 'y'],
      ['c', 'x'],
      ['d', 'x'],
      ['e', 'z'],
    ]);
    expect(exactDuplicates(['a', 'b', 'c', 'd', 'e'], hashes)).toEqual([['a', 'c', 'd']]);
  });

  it('links feature vectors above the cosine threshold to the first kept one, and ignores scale', () => {
    const features = new Map<string, number[]>([
      ['a', [1, 0, 0]],
      ['b', [10, 0.1, 0]], // cos(a,b) ≈ 0.99995
      ['c', [1, 0.05, 0.1]], // cos(a,c) ≈ 0.994
      ['d', [0, 1, 0]],
      ['e', [0.6, 0.8, 0]], // cos(d,e) = 0.8: not a duplicate
    ]);
    expect(nearDuplicates(['a', 'b', 'c', 'd', 'e'], features, 0.98)).toEqual([['a', 'b', 'c']]);
    expect(nearDuplicates(['a', 'b', 'c'], features, 0.9999)).toEqual([['a', 'b']]);
    // pairs already known (e.g. identical bytes) are left out
    expect(nearDuplicates(['a', 'b'], features, 0.98, () => true)).toEqual([]);
  });

  it('hashes bytes with SHA-256', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('datasetHealth', () => {
  const base = {
    classes,
    images,
    hashes: new Map(images.map((i) => [i.id, i.id === 'd2' ? 'h-c1' : `h-${i.id}`])),
    features: new Map(images.map((i, k) => [i.id, Array.from({ length: 6 }, (_, j): number => (j === k ? 1 : 0))])),
    unreadable: [] as { id: string; reason: string }[],
    validation: new Set(['c1', 'd1']),
    minPerClass: 3,
  };

  it('reports an exact duplicate across classes with a fix that keeps the first copy; across the split, as the split leak alone', () => {
    // c1 and its copy d2 both train
    const issues = datasetHealth({ ...base, validation: new Set(['d1']) });
    expect(issues.filter((i) => i.kind === 'split-leak')).toEqual([]);
    const dup = issues.find((i) => i.kind === 'exact-duplicate')!;
    expect(dup.ids).toEqual(['c1', 'd2']);
    expect(dup.remove).toEqual(['d2']);
    expect(dup.message).toContain('c1.jpg (cat)');
    expect(dup.message).toContain('copy-of-c1.jpg (dog)');
    expect(issues.filter((i) => i.kind === 'near-duplicate')).toEqual([]);
    // c1 is in validation, its copy d2 trains: the pair is said once, as the leak
    const across = datasetHealth(base);
    expect(across.find((i) => i.kind === 'split-leak')?.ids).toEqual(['c1', 'd2']);
    expect(across.filter((i) => i.kind === 'exact-duplicate' || i.kind === 'near-duplicate')).toEqual([]);
  });

  it('reports near duplicates from features, but not identical files twice', () => {
    const features = new Map(base.features);
    features.set('d2', features.get('c1')!);
    features.set('d3', [0, 0, 0, 1, 0.05, 0]); // ≈ d1
    // nothing validates: no leak, each group said as what it is
    const oneSide = datasetHealth({ ...base, features, validation: new Set() });
    expect(oneSide.filter((i) => i.kind === 'near-duplicate').map((i) => i.ids)).toEqual([['d1', 'd3']]);
    expect(oneSide.filter((i) => i.kind === 'exact-duplicate').map((i) => i.ids)).toEqual([['c1', 'd2']]);
    // c1 and d1 validate: both groups straddle the split, each said once, as its leak
    const issues = datasetHealth({ ...base, features });
    expect(issues.filter((i) => i.kind === 'near-duplicate' || i.kind === 'exact-duplicate')).toEqual([]);
    expect(issues.filter((i) => i.kind === 'split-leak').map((i) => i.ids)).toEqual([
      ['c1', 'd2'],
      ['d1', 'd3'],
    ]);
  });

  it('reports unreadable files, small classes and imbalance', () => {
    const issues = datasetHealth({
      ...base,
      hashes: new Map(),
      unreadable: [{ id: 'd3', reason: 'not a readable image' }],
      maxImbalance: 1.2,
    });
    expect(issues.find((i) => i.kind === 'unreadable')).toMatchObject({ ids: ['d3'], remove: ['d3'] });
    expect(issues.find((i) => i.kind === 'unreadable')!.message).toContain('d3.jpg (dog): not a readable image');
    expect(issues.filter((i) => i.kind === 'few-images').map((i) => i.message)).toEqual([
      'Class "dog" has only 2 readable images; aim for at least 3 so training and validation both see enough of it.',
    ]);
    expect(issues.find((i) => i.kind === 'imbalance')?.message).toContain('"cat" has 3 images, "dog" 2 (1.5×)');
    expect(datasetHealth({ ...base, hashes: new Map() })).toEqual([]);
  });

  it('says every small class in one finding, which names each with its count', () => {
    const issues = datasetHealth({ ...base, hashes: new Map(), minPerClass: 5 });
    const few = issues.filter((i) => i.kind === 'few-images');
    expect(few.map((i) => i.message)).toEqual([
      '2 classes have fewer than 5 readable images: "cat" (3), "dog" (3); aim for at least 5 each so training and validation both see enough of them.',
    ]);
    expect(few[0].ids.sort()).toEqual(['c1', 'c2', 'c3', 'd1', 'd2', 'd3']);
  });
});
