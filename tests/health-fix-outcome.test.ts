import { describe, expect, it } from 'vitest';
import { datasetHealth, fixRemoves, nearDuplicates, type HealthInput } from '../src/core/data/health';

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let j = 0; j < a.length; j++) {
    ab += a[j] * b[j];
    aa += a[j] * a[j];
    bb += b[j] * b[j];
  }
  return ab / Math.sqrt(aa * bb);
};

describe('near duplicates in a chain (frames of a recording, each close to the next)', () => {
  // unit vectors each 8° on from the last: neighbours cos ≈ 0.990, the ends cos 72° ≈ 0.309
  const n = 10;
  const features = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const t = (i * 8 * Math.PI) / 180;
    features.set(`i${i}`, [Math.cos(t), Math.sin(t)]);
  }
  const images = Array.from({ length: n }, (_, i) => ({ id: `i${i}`, label: 0, name: `f${i}.jpg` }));
  const input: HealthInput = {
    classes: ['a', 'b'],
    images,
    hashes: new Map(),
    features,
    unreadable: [],
    // every other frame validates, so each group straddles the split too
    validation: new Set(images.filter((_, i) => i % 2 === 0).map((i) => i.id)),
    minPerClass: 0,
  };
  const all = new Set(images.map((i) => i.id));

  it('are grouped around the image a fix keeps, not end to end', () => {
    expect(nearDuplicates([...features.keys()], features, 0.98)).toEqual([
      ['i0', 'i1'],
      ['i2', 'i3'],
      ['i4', 'i5'],
      ['i6', 'i7'],
      ['i8', 'i9'],
    ]);
  });

  it('lose to a fix only images above the threshold with the one it keeps', () => {
    const issues = datasetHealth(input).filter((i) => i.kind === 'near-duplicate' || i.kind === 'split-leak');
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      const kept = issue.ids[0];
      const removed = fixRemoves(issue, all);
      expect(removed.length).toBeGreaterThan(0);
      for (const id of removed) expect(cosine(features.get(id)!, features.get(kept)!)).toBeGreaterThan(0.98);
    }
    // each group straddles the split: said once, as its leak, not also as near duplicates
    expect(issues.filter((i) => i.kind === 'near-duplicate')).toEqual([]);
    // no image is removed by two fixes, and every group keeps one
    const removed = issues.flatMap((i) => fixRemoves(i, all));
    expect(new Set(removed).size).toBe(removed.length);
    expect(removed.length).toBe(5);
  });

  it('join the first earlier kept image they are similar to', () => {
    const at = (deg: number) => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
    const f = new Map<string, number[]>([
      ['a', at(0)],
      ['b', at(8)], // ≈ a
      ['c', at(16)], // ≈ b, not a: kept
      ['d', at(10)], // ≈ a and, closer, c: joins a, the first kept
    ]);
    expect(nearDuplicates(['a', 'b', 'c', 'd'], f, 0.98)).toEqual([['a', 'b', 'd']]);
  });
});

describe('an identical file in two classes', () => {
  const images = [
    { id: 'x', label: 0, name: 'IMG_1.jpg' },
    { id: 'y', label: 1, name: 'IMG_1.jpg' },
    { id: 'z', label: 1, name: 'IMG_1 copy.jpg' },
    { id: 'w', label: 0, name: 'IMG_1 (2).jpg' },
  ];
  const check = (ids: string[], validation: string[] = []) =>
    datasetHealth({
      classes: ['cats', 'dogs'],
      images: images.filter((i) => ids.includes(i.id)),
      hashes: new Map(ids.map((id) => [id, 'h'])),
      features: new Map(),
      unreadable: [],
      validation: new Set(validation),
      minPerClass: 0,
    });
  const dup = (ids: string[]) => check(ids).find((i) => i.kind === 'exact-duplicate')!;

  it('has a fix that says which class keeps the image and which loses it', () => {
    const d = dup(['x', 'y']);
    expect(d.remove).toEqual(['y']);
    expect(d.fixLabel).toBe('Remove duplicate from dogs, keep the one in cats');
  });

  it('says, for more copies, where the image stays and how many copies go', () => {
    expect(dup(['x', 'y', 'z']).fixLabel).toBe('Remove 2 duplicates from dogs, keep the one in cats');
    expect(dup(['x', 'y', 'w']).fixLabel).toBe('Remove 2 duplicates from dogs and cats, keep one in cats');
  });

  it('says so for the split leak it makes too, and keeps the plain label within one class', () => {
    expect(check(['x', 'y'], ['x']).find((i) => i.kind === 'split-leak')!.fixLabel).toBe(
      'Keep one copy in cats, remove the other from dogs',
    );
    expect(dup(['x', 'w']).fixLabel).toBe('Remove duplicate');
  });
});

describe('a large group of identical files', () => {
  it('names 3 of them and counts the rest; its fix still removes every copy but one', () => {
    const n = 21;
    const images = Array.from({ length: n }, (_, i) => ({ id: `w${i}`, label: 0, name: `webcam-${i}.jpg` }));
    const [exact] = datasetHealth({
      classes: ['cup', 'mug'],
      images,
      hashes: new Map(images.map((i) => [i.id, 'same'])),
      features: new Map(),
      unreadable: [],
      validation: new Set(),
      minPerClass: 0,
    }).filter((f) => f.kind === 'exact-duplicate');
    expect(exact.message).toBe(
      'Identical files: webcam-0.jpg (cup), webcam-1.jpg (cup), webcam-2.jpg (cup) and 18 more.',
    );
    expect(exact.remove).toHaveLength(n - 1);
  });
});
