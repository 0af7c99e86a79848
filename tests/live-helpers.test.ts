import { describe, expect, it } from 'vitest';
import { CaptureScheduler } from '../src/core/live/capture';
import { modelCropRect } from '../src/core/live/cropbox';
import { decide, topK } from '../src/core/live/decision';
import { FpsMeter, median } from '../src/core/live/fps';
import { ProbabilitySmoother } from '../src/core/live/smoothing';

describe('ProbabilitySmoother', () => {
  it('passes frames through with no smoothing', () => {
    const s = new ProbabilitySmoother(0);
    expect(s.push([0.2, 0.8])).toEqual([0.2, 0.8]);
    expect(s.push([0.9, 0.1])).toEqual([0.9, 0.1]);
  });

  it('averages exponentially and still sums to 1', () => {
    const s = new ProbabilitySmoother(0.5);
    s.push([1, 0]);
    const out = s.push([0, 1]);
    expect(out[0]).toBeCloseTo(0.5);
    expect(out[1]).toBeCloseTo(0.5);
    const next = s.push([0, 1]);
    expect(next[1]).toBeCloseTo(0.75);
    expect(next[0] + next[1]).toBeCloseTo(1);
  });

  it('restarts when the class list changes or on reset, and ignores bad amounts', () => {
    const s = new ProbabilitySmoother(0.9);
    s.push([1, 0]);
    expect(s.push([0, 0, 1])).toEqual([0, 0, 1]);
    s.reset();
    expect(s.push([0.3, 0.7])).toEqual([0.3, 0.7]);
    s.amount = Number.NaN;
    expect(s.push([1, 0])).toEqual([1, 0]);
  });

  it('does not hand out its internal state', () => {
    const s = new ProbabilitySmoother(0.5);
    const out = s.push([1, 0]);
    out[0] = 42;
    expect(s.push([1, 0])[0]).toBeCloseTo(1);
  });
});

describe('decide / topK', () => {
  const classes = ['cat', 'dog', 'fox'];

  it('ranks and cuts to k, ties in class order', () => {
    expect(topK(classes, [0.2, 0.5, 0.3], 2)).toEqual([
      { name: 'dog', p: 0.5 },
      { name: 'fox', p: 0.3 },
    ]);
    expect(topK(classes, [0.5, 0.5, 0], 0).map((r) => r.name)).toEqual(['cat', 'dog', 'fox']);
    expect(topK(classes, [0.1, 0.1, 0.8], 10)).toHaveLength(3);
  });

  it('claims the top class at or above the threshold and "unknown" (null) below', () => {
    expect(decide(classes, [0.1, 0.71, 0.19], 0.7, 3).label).toBe('dog');
    expect(decide(classes, [0.1, 0.7, 0.2], 0.7, 3).label).toBeNull();
    expect(decide(classes, [0, 1, 0], 1, 3).label).toBeNull(); // 1 never claims, even a rounded certainty
    expect(decide(classes, [0.34, 0.33, 0.33], 0, 1).label).toBe('cat');
    expect(decide([], [], 0.5, 3)).toEqual({ label: null, top: [] });
  });
});

describe('FpsMeter', () => {
  it('counts completions per second over its window', () => {
    const m = new FpsMeter(1000);
    expect(m.fps(0)).toBe(0);
    for (let t = 0; t <= 1000; t += 50) m.tick(t); // 20 intervals of 50 ms
    expect(m.fps(1000)).toBeCloseTo(20);
  });

  it('forgets completions older than the window, but the last two', () => {
    const m = new FpsMeter(1000);
    for (let t = 0; t < 500; t += 10) m.tick(t);
    m.tick(2000);
    // the last interval (490 → 2000 ms): the burst before it is gone
    expect(m.fps(2000)).toBeCloseTo(1000 / 1510);
    m.tick(2100);
    expect(m.fps(2100)).toBeCloseTo(10);
  });

  it('a loop slower than one frame per window reads its rate, not 0 (it said "measuring" for as long as it ran)', () => {
    const m = new FpsMeter(2000);
    for (let t = 0; t <= 12_000; t += 3000) m.tick(t);
    expect(m.fps(12_000)).toBeCloseTo(1 / 3);
    // a frame overdue: the rate falls while it waits
    expect(m.fps(22_000)).toBeCloseTo(0.1);
  });

  it('median', () => {
    expect(median([])).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});

describe('CaptureScheduler', () => {
  it('takes a frame at once, then at a steady rate', () => {
    const s = new CaptureScheduler(10);
    expect(s.due(0)).toBe(false); // not started
    s.start(1000);
    let frames = 0;
    // ticks every 16 ms for one second
    for (let t = 1000; t < 2000; t += 16) if (s.due(t)) frames++;
    expect(frames).toBe(10);
  });

  it('does not burst to catch up after a stall', () => {
    const s = new CaptureScheduler(10);
    s.start(0);
    expect(s.due(0)).toBe(true);
    expect(s.due(50)).toBe(false);
    expect(s.due(1000)).toBe(true); // stalled for a second: one frame, not ten
    expect(s.due(1001)).toBe(false);
    expect(s.due(1100)).toBe(true);
  });

  it('stops', () => {
    const s = new CaptureScheduler(5);
    s.start(0);
    s.stop();
    expect(s.active).toBe(false);
    expect(s.due(1000)).toBe(false);
    expect(() => new CaptureScheduler(0)).toThrow();
  });
});

describe('modelCropRect (the crop drawn over the video)', () => {
  it('center: the central square of a 640×480 frame', () => {
    expect(modelCropRect(640, 480, 224, 'center')).toEqual({ x: 80, y: 0, width: 480, height: 480 });
  });

  it('center on portrait and on frames smaller than the input', () => {
    expect(modelCropRect(480, 640, 224, 'center')).toEqual({ x: 0, y: 80, width: 480, height: 480 });
    expect(modelCropRect(200, 100, 224, 'center')).toEqual({ x: 50, y: 0, width: 100, height: 100 });
  });

  it('squash: the whole frame (less the box-filter remainder)', () => {
    expect(modelCropRect(640, 480, 224, 'squash')).toEqual({ x: 0, y: 0, width: 640, height: 480 });
    // 1000 / 224 → factor 4 → 250 pooled columns → 1000 px; 500 / 224 → 2 → 250 rows → 500 px
    expect(modelCropRect(1001, 501, 224, 'squash')).toEqual({ x: 0, y: 0, width: 1000, height: 500 });
  });

  it('pad: a square around the frame, padded above and below', () => {
    expect(modelCropRect(640, 480, 224, 'pad')).toEqual({ x: 0, y: -80, width: 640, height: 640 });
  });
});
