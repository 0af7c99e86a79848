import { describe, expect, it } from 'vitest';
import { frameName } from '../src/core/data/frame-name';
import { earlyStopPlan, stratifiedFolds } from '../src/core/data/split';
import { imageRows } from '../src/core/features/matrix';

// A class that is one webcam hold: its frames are listed by name in code units (1, 10, 11, …, 19,
// 2, 20, …), not in the order taken. The inner split and the CV folds must go by the order taken.

const frames = Array.from({ length: 30 }, (_, i) => frameName('20261201-101010', i + 1)).sort();
const photos = Array.from({ length: 30 }, (_, i) => `photo-${String(i + 1).padStart(2, '0')}.jpg`);
const images = [
  ...frames.map((name) => ({ id: name, label: 0, name })),
  ...photos.map((name) => ({ id: name, label: 1, name })),
];
const table = new Map(images.map((img, i) => [img.id, new Float32Array([i, 1])]));
const rows = imageRows([table], images, 2);
const labels = Array.from(rows.labels);
const frameNumber = (i: number) => Number(/-(\d+)\.jpg$/.exec(images[i].name)![1]);

describe('a class that is one webcam hold', () => {
  it('is listed out of the order taken here, so the test means something', () => {
    expect(frames.slice(0, 3).map((_, i) => frameNumber(i))).toEqual([1, 10, 11]);
  });

  it('early stopping watches its highest-numbered training frames', () => {
    const inner = earlyStopPlan(labels, 5, 1, rows.groups, rows.order).inner!;
    const watched = inner.val.filter((i) => labels[i] === 0).map(frameNumber);
    expect(watched.length).toBeGreaterThan(0);
    const n = watched.length;
    expect(watched.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, j) => 30 - n + 1 + j));
  });

  it('is dealt into folds in runs of consecutive frame numbers', () => {
    for (const seed of [1, 2, 3]) {
      const fold = stratifiedFolds(labels, 3, seed, rows.groups, rows.order);
      const byFrame = new Map(frames.map((_, i) => [frameNumber(i), fold[i]]));
      const runs = [1, 11, 21].map((from) => Array.from({ length: 10 }, (_, j) => byFrame.get(from + j)));
      for (const run of runs) expect(new Set(run).size).toBe(1);
      expect(new Set(runs.map((r) => r[0])).size).toBe(3);
    }
  });
});
