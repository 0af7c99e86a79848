import { describe, expect, it } from 'vitest';
import { groupedSplit, type SplitItem } from '../src/core/data/grouped-split';
import { earlyStopPlan, stratifiedFolds, stratifiedSplit } from '../src/core/data/split';
import { imageRows } from '../src/core/features/matrix';
import { datasetHealth, type HealthImage } from '../src/core/data/health';
import { holdOfImage, trainValSplit, type LabelledImage } from '../src/core/data/train-val';
import { frameName, holdOf } from '../src/core/data/frame-name';
import { labelledImage } from '../src/worker/labelled-image';
import { datasetImages } from '../src/cli/dataset';

const plain = (label: number, n: number, prefix = `c${label}-`): SplitItem[] =>
  Array.from({ length: n }, (_, i) => ({ label, key: `${prefix}${i}` }));
const hold = (label: number, stamp: string, n: number): SplitItem[] =>
  Array.from({ length: n }, (_, i) => ({ label, key: `${stamp}#${i}`, group: `webcam-${stamp}` }));
const valKeys = (items: SplitItem[], valFraction: number, seed: number) =>
  groupedSplit(items, valFraction, seed).val.map((k) => items[k].key);
const sideOf = (items: SplitItem[], valFraction: number, seed: number) => {
  const val = new Set(valKeys(items, valFraction, seed));
  return (key: string) => (val.has(key) ? 'val' : 'train');
};

describe('groupedSplit: the studio split', () => {
  it('gives each class of single images the stratified quota, every image once, seeded', () => {
    const items = [...plain(0, 23), ...plain(1, 7), ...plain(2, 2)];
    for (const seed of [1, 2, 3, 99]) {
      const { train, val } = groupedSplit(items, 0.2, seed);
      const old = stratifiedSplit(
        items.map((i) => i.label),
        0.2,
        seed,
      );
      for (const c of [0, 1, 2])
        expect(val.filter((k) => items[k].label === c).length).toBe(old.val.filter((k) => items[k].label === c).length);
      expect([...train, ...val].sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
      expect(groupedSplit(items, 0.2, seed)).toEqual({ train, val });
    }
    expect(valKeys(items, 0.2, 1)).not.toEqual(valKeys(items, 0.2, 2));
    expect(groupedSplit(items, 0, 1).val).toEqual([]);
  });

  it('leaves the other classes alone when images are added to one, and moves few in that class', () => {
    const before = [...plain(0, 30), ...plain(1, 30), ...plain(2, 30)];
    const after = [...plain(0, 30), ...plain(0, 5, 'added-'), ...plain(1, 30), ...plain(2, 30)];
    for (const seed of [1, 2, 3]) {
      const was = new Set(valKeys(before, 0.2, seed));
      const now = new Set(valKeys(after, 0.2, seed));
      const inClass = (set: Set<string>, c: number) => [...set].filter((k) => k.startsWith(`c${c}-`)).sort();
      expect(inClass(now, 1)).toEqual(inClass(was, 1));
      expect(inClass(now, 2)).toEqual(inClass(was, 2));
      // class 0's quota grew by one (6 → 7); the added images take some of its places, the rest stay
      const moved = inClass(was, 0).filter((k) => !now.has(k));
      expect(moved.length).toBeLessThanOrEqual(5);
      expect([...now].filter((k) => k.startsWith('c0-') || k.startsWith('added-')).length).toBe(7);
    }
  });

  it('keeps every webcam hold whole on one side', () => {
    const items = [
      ...hold(0, '20261204-101010', 10),
      ...hold(0, '20261204-101020', 10),
      ...hold(0, '20261204-101030', 10),
      ...hold(0, '20261204-101040', 10),
      ...hold(1, '20261204-102010', 12),
      ...hold(1, '20261204-102020', 9),
      ...plain(1, 5),
    ];
    for (let seed = 0; seed < 30; seed++) {
      const side = sideOf(items, 0.2, seed);
      const sides = new Map<string, Set<string>>();
      for (const it of items) if (it.group) sides.set(it.group, (sides.get(it.group) ?? new Set()).add(side(it.key)));
      for (const s of sides.values()) expect(s.size).toBe(1);
      // both classes still validate and train
      for (const c of [0, 1]) {
        const mine = items.filter((i) => i.label === c);
        expect(mine.some((i) => side(i.key) === 'val')).toBe(true);
        expect(mine.some((i) => side(i.key) === 'train')).toBe(true);
      }
      // class 0: quota 8 of 40, met by one whole hold of 10 rather than 8 frames from several
      expect(items.filter((i) => i.label === 0 && side(i.key) === 'val').length).toBe(10);
    }
  });

  it('fills the quota with single images when a hold would overshoot it', () => {
    const items = [...hold(0, '20261204-101010', 20), ...plain(0, 10), ...plain(1, 10)];
    for (let seed = 0; seed < 20; seed++) {
      const val = new Set(valKeys(items, 0.2, seed));
      expect([...val].filter((k) => k.startsWith('c0-')).length).toBe(6);
      expect([...val].some((k) => k.includes('#'))).toBe(false);
    }
  });

  it('validates on the smallest hold when every hold is larger than the quota allows', () => {
    const items = [...hold(0, '20261204-101010', 25), ...hold(0, '20261204-101020', 30), ...plain(1, 10)];
    const side = sideOf(items, 0.2, 1);
    const val0 = items.filter((i) => i.label === 0 && side(i.key) === 'val');
    expect(val0.length).toBe(25);
    expect(new Set(val0.map((i) => i.group))).toEqual(new Set(['webcam-20261204-101010']));
  });

  it('validates a one-hold class on its last frames as taken, whatever order the class lists them in', () => {
    // frames moved to another class and back come last in the class: the frame numbers still say when they were taken
    const frames: LabelledImage[] = Array.from({ length: 20 }, (_, i) => ({
      id: `f${i}`,
      label: 0,
      name: frameName('20261204-101010', i + 1),
    }));
    const moved = [...frames.slice(15), ...frames.slice(0, 15)];
    const images = [...moved, ...Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, label: 1, name: `p${i}.jpg` }))];
    const { val } = trainValSplit(images, { has: () => true }, { valSplit: 0.2, seed: 1 });
    expect(val.filter((i) => i.label === 0).map((i) => i.id)).toEqual(['f16', 'f17', 'f18', 'f19']);
  });

  it('validates a class that is one hold on its last frames, the least like its first', () => {
    const items = [...hold(0, '20261204-101010', 20), ...plain(1, 10)];
    for (const seed of [1, 2]) {
      const val0 = valKeys(items, 0.2, seed).filter((k) => k.includes('#'));
      expect(val0).toEqual(['16', '17', '18', '19'].map((n) => `20261204-101010#${n}`));
    }
  });
});

describe('webcam holds read from frame names', () => {
  it('names frames of one hold alike and any other file apart', () => {
    const a = frameName('20261204-101010', 1);
    expect(a).toBe('webcam-20261204-101010-1.jpg');
    expect(holdOf(a)).toBe('webcam-20261204-101010');
    expect(holdOf(frameName('20261204-101010', 57))).toBe(holdOf(a));
    expect(holdOf(frameName('20261204-101011', 2))).not.toBe(holdOf(a));
    // a project zip stores images as <m>-<name>, which the CLI reads from the unzipped folder
    expect(holdOf(`12-${a}`)).toBe(holdOf(a));
    for (const other of [
      'cat.jpg',
      'webcam.jpg',
      'webcam-2026-1.jpg',
      'my-webcam-20261204-101010-1.jpg',
      'IMG_0001.JPG',
    ])
      expect(holdOf(other)).toBeUndefined();
  });

  it('gives the worker’s images their file names (a plain blob has none), and so their holds', () => {
    const blob = new Blob([new Uint8Array([1])], { type: 'image/jpeg' });
    const frame = new File([blob], frameName('20261204-101010', 3), { type: 'image/jpeg' });
    const x = labelledImage({ id: 'x', label: 1, blob: frame });
    expect(x).toEqual({ id: 'x', label: 1, name: 'webcam-20261204-101010-3.jpg' });
    expect(holdOfImage(x)).toBe('webcam-20261204-101010');
    expect(labelledImage({ id: 'y', label: 0, blob })).toEqual({ id: 'y', label: 0 });
    expect(holdOfImage(labelledImage({ id: 'z', label: 0, blob: new File([blob], 'cat.jpg') }))).toBeUndefined();
  });

  it('trainValSplit never splits a hold, unreadable frames only dropping out', () => {
    const images: LabelledImage[] = [
      ...Array.from({ length: 30 }, (_, i) => ({
        id: `a${i}`,
        label: 0,
        name: frameName(`2026120${i % 3}-101010`, i),
      })),
      ...Array.from({ length: 12 }, (_, i) => ({ id: `b${i}`, label: 1, name: `b${i}.jpg` })),
    ];
    const all = trainValSplit(images, { has: () => true }, { valSplit: 0.2, seed: 5 });
    const valGroups = new Set(all.val.filter((i) => i.label === 0).map(holdOfImage));
    const trainGroups = new Set(all.train.filter((i) => i.label === 0).map(holdOfImage));
    expect(valGroups.size).toBe(1);
    expect([...valGroups].some((g) => trainGroups.has(g))).toBe(false);
    const without = trainValSplit(images, { has: (id) => id !== 'a4' }, { valSplit: 0.2, seed: 5 });
    expect(without.val.map((i) => i.id)).toEqual(all.val.map((i) => i.id).filter((id) => id !== 'a4'));
  });

  it('the CLI reads holds from an unzipped project’s file names too', () => {
    const { images } = datasetImages({
      classes: ['hand', 'fist'],
      files: [
        { path: '/p/images/1-hand/1-webcam-20261204-101010-1.jpg', label: 0 },
        { path: '/p/images/1-hand/2-webcam-20261204-101010-2.jpg', label: 0 },
        { path: '/p/images/2-fist/3-fist.png', label: 1 },
      ],
      skipped: [],
    });
    expect(images.map(holdOfImage)).toEqual(['webcam-20261204-101010', 'webcam-20261204-101010', undefined]);
  });

  it('places an image by its name, so the same folder splits alike whatever ids and order it was added with', () => {
    const names = Array.from({ length: 40 }, (_, i) => `photo-${i}.jpg`);
    const once = names.map((name, i) => ({ id: `img-a${i}`, label: i % 2, name }));
    // added again in another order (another drop): other ids, other order, same names and classes
    const again = [...once].reverse().map((im, i) => ({ ...im, id: `img-b${i}` }));
    const valNames = (images: LabelledImage[]) =>
      trainValSplit(images, { has: () => true }, { valSplit: 0.2, seed: 3 })
        .val.map((i) => i.name)
        .sort();
    expect(valNames(again)).toEqual(valNames(once));
    // the same name twice in a class (two folders dropped into it) is two images, each placed
    const twice = [...once, ...once.map((im) => ({ ...im, id: `${im.id}-copy` }))];
    const split = trainValSplit(twice, { has: () => true }, { valSplit: 0.5, seed: 3 });
    expect(split.val.length + split.train.length).toBe(80);
    expect(split.val.length).toBe(40);
  });
});

describe('the inner split and the CV folds keep holds together too', () => {
  // class 0: six holds of 5 frames; class 1: 20 single images; class 2: two holds of 10 frames
  const labels = [...Array(30).fill(0), ...Array(20).fill(1), ...Array(20).fill(2)];
  const groups = [
    ...Array.from({ length: 30 }, (_, i) => `webcam-20261204-10101${Math.floor(i / 5)}`),
    ...Array(20).fill(undefined),
    ...Array.from({ length: 20 }, (_, i) => `webcam-20261204-20202${Math.floor(i / 10)}`),
  ];

  it('deals whole holds into folds, balanced, single images as without holds', () => {
    for (const seed of [1, 2, 3]) {
      const fold = stratifiedFolds(labels, 3, seed, groups);
      for (let h = 0; h < 6; h++) expect(new Set(fold.slice(h * 5, h * 5 + 5)).size).toBe(1);
      for (let f = 0; f < 3; f++) expect(fold.slice(0, 30).filter((x) => x === f).length).toBe(10);
      // two holds, fewer than the folds: each whole, in folds of its own (each fold still trains on the other)
      expect(new Set(fold.slice(50, 60)).size).toBe(1);
      expect(new Set(fold.slice(60, 70)).size).toBe(1);
      expect(fold[50]).not.toBe(fold[60]);
      for (let f = 0; f < 3; f++) expect(fold.slice(30, 50).filter((x) => x === f).length).toBeGreaterThanOrEqual(6);
      expect(stratifiedFolds(labels, 3, seed)).toEqual(stratifiedFolds(labels, 3, seed, undefined));
    }
  });

  it('deals a class that is one hold in runs of consecutive frames, and never leaves a fold empty', () => {
    // two classes, each one hold of 9 frames
    const one = [...Array(9).fill(0), ...Array(9).fill(1)];
    const holds = [...Array(9).fill('webcam-20261204-101010'), ...Array(9).fill('webcam-20261204-101020')];
    const fold = stratifiedFolds(one, 3, 1, holds);
    for (const c of [0, 9]) {
      const runs = fold.slice(c, c + 9);
      expect(runs.slice(0, 3).every((f) => f === runs[0])).toBe(true);
      expect(runs.slice(3, 6).every((f) => f === runs[3])).toBe(true);
      expect(runs.slice(6).every((f) => f === runs[6])).toBe(true);
      expect(new Set(runs).size).toBe(3);
    }
    // two classes of two holds each: four holds in three folds, none empty
    const two = [...Array(8).fill(0), ...Array(8).fill(1)];
    const four = Array.from({ length: 16 }, (_, i) => `webcam-20261204-10101${Math.floor(i / 4)}`);
    for (const seed of [1, 2, 3, 4, 5]) {
      const f = stratifiedFolds(two, 3, seed, four);
      expect(new Set(f).size).toBe(3);
      for (let h = 0; h < 4; h++) expect(new Set(f.slice(h * 4, h * 4 + 4)).size).toBe(1);
    }
  });

  it('carves the inner split along holds, and as before without them', () => {
    const plan = earlyStopPlan(labels, 3, 1, groups);
    const inner = new Set(plan.inner!.val);
    for (let h = 0; h < 6; h++) {
      const sides = new Set([0, 1, 2, 3, 4].map((j) => inner.has(h * 5 + j)));
      expect(sides.size).toBe(1);
    }
    expect(earlyStopPlan(labels, 3, 1).inner).toEqual(stratifiedSplit(labels, 0.15, 1 + 7919));
    expect(earlyStopPlan(labels, 3, 1, Array(labels.length).fill(undefined)).inner).toEqual(
      earlyStopPlan(labels, 3, 1).inner,
    );
  });

  it('holds out about 15% for early stopping even when every hold is larger than that', () => {
    // two classes of two 20-frame holds: a whole hold was half of a class's training images
    const two = [...Array(40).fill(0), ...Array(40).fill(1)];
    const holds = Array.from({ length: 80 }, (_, i) => `webcam-20261204-10101${Math.floor(i / 20)}`);
    const inner = earlyStopPlan(two, 10, 1, holds).inner!;
    expect(inner.val.length).toBeLessThanOrEqual(0.3 * 80);
    // each class's last frames, as the class is ordered (the order they were taken)
    expect(inner.val).toEqual([34, 35, 36, 37, 38, 39, 74, 75, 76, 77, 78, 79]);
  });

  it('imageRows carries the holds only when an image has one', () => {
    const table = new Map([
      ['a', new Float32Array([1, 2])],
      ['b', new Float32Array([3, 4])],
    ]);
    expect(
      imageRows(
        [table],
        [
          { id: 'a', label: 0 },
          { id: 'b', label: 1 },
        ],
        2,
      ).groups,
    ).toBeUndefined();
    expect(
      imageRows(
        [table],
        [
          { id: 'a', label: 0, name: 'webcam-20261204-101010-1.jpg' },
          { id: 'b', label: 1 },
        ],
        2,
      ).groups,
    ).toEqual(['webcam-20261204-101010', undefined]);
  });
});

describe('the health check on a class recorded in one hold', () => {
  const run = (images: HealthImage[]) =>
    datasetHealth({
      classes: ['three', 'seven'],
      images,
      hashes: new Map(),
      features: new Map(),
      unreadable: [],
      validation: new Set(),
      minPerClass: 2,
    }).filter((i) => i.kind === 'one-hold');
  const frames = (label: number, stamp: string, n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => ({ id: `${stamp}-${from + i}`, label, name: frameName(stamp, from + i) }));

  it('says its accuracy will look better than it is and asks for a second hold', () => {
    const found = run([...frames(0, '20261204-101010', 12), ...frames(1, '20261204-101020', 4)]);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^All 12 images of "three" were recorded in one webcam hold.*Record it again in a second hold/,
      ),
      expect.stringMatching(/^All 4 images of "seven"/),
    ]);
    expect(found[0].ids).toHaveLength(12);
  });

  it('says nothing of a class with two holds, or with photos beside its hold', () => {
    expect(
      run([
        ...frames(0, '20261204-101010', 6),
        ...frames(0, '20261204-101030', 6, 6),
        ...frames(1, '20261204-101020', 3),
        { id: 'p', label: 1, name: 'seven.jpg' },
      ]),
    ).toEqual([]);
  });
});

describe('figures from two splits are not compared', () => {
  it('the kept model is "more than this one" only on the same split; across splits, said so', async () => {
    const { comparedWith } = await import('../src/ui/other-model-words');
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    expect(comparedWith({ valAccuracy: 0.9, split: 2 }, { valAccuracy: 0.8, split: 2 }, pct)).toBe(
      ", more than this model's 80.0%",
    );
    expect(comparedWith({ valAccuracy: 0.7, split: 2 }, { valAccuracy: 0.8, split: 2 }, pct)).toBe('');
    // a webcam project's model from before version 2 was validated on frames of its training holds
    const across = comparedWith({ valAccuracy: 1 }, { valAccuracy: 0.8, split: 2 }, pct);
    expect(across).toMatch(/^, on other validation images \(an earlier version of the studio divided/);
    expect(across).not.toContain('more than');
  });

  it('nor are figures on other validation images: a first model kept by a Stop was judged on part of them', async () => {
    const { comparedWith } = await import('../src/ui/other-model-words');
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    const full = { valAccuracy: 0.958, split: 2, images: { train: 96, val: 24 }, valSet: 'all' };
    const part = { valAccuracy: 1, split: 2, images: { train: 68, val: 16 }, valSet: 'part' };
    expect(comparedWith(part, full, pct)).toBe(", not comparable with this model's 95.8% (other validation images)");
    // the same counts of other images (one relabelled since)
    expect(comparedWith({ ...full, valAccuracy: 1, valSet: 'other' }, full, pct)).toBe(
      ", not comparable with this model's 95.8% (other validation images)",
    );
    // the same images: compared; a record without its images (stored before) compares as before
    expect(comparedWith({ ...full, valAccuracy: 1 }, full, pct)).toBe(", more than this model's 95.8%");
    expect(comparedWith({ valAccuracy: 1, split: 2 }, full, pct)).toBe(", more than this model's 95.8%");
  });

  it('the CLI JSON says which split its validation images came from', async () => {
    const { summarise } = await import('../src/cli/summary');
    const { SPLIT_VERSION } = await import('../src/core/data/train-val');
    const outcome = {
      classes: ['a', 'b'],
      images: { train: 8, val: 2 },
      valAccuracy: 1,
      valAccuracyInterval: [0.3, 1],
      recipe: null,
      perClass: [
        { count: 1, accuracy: 1, precision: 1, f1: 1 },
        { count: 1, accuracy: 1, precision: 1, f1: 1 },
      ],
      confusion: [],
      history: [],
      skipped: [],
      bestEpoch: null,
      seconds: { extract: 1, train: 1 },
    } as never;
    expect(summarise('mobilenet-v1-0.25', 'wasm', outcome, {} as never, 2).split).toBe(SPLIT_VERSION);
  });
});
