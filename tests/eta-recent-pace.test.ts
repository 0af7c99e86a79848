import { describe, expect, it } from 'vitest';
import { secondsLeft, stageStart, WINDOW_MS, type StageStart } from '../src/ui/eta';

/**
 * A stage mounted at 0 with nothing done, one count at each of `steps` (seconds), read at `at`
 * (seconds): what the progress line's hook does, the clock in ms.
 */
function estimateAt(steps: number[], total: number, at: number[]): (number | null)[] {
  let start: StageStart = stageStart(null, 'images', 0, 0);
  let done = 0;
  let next = 0;
  return at.map((t) => {
    for (; next < steps.length && steps[next] <= t; next++)
      start = stageStart(start, 'images', ++done, steps[next] * 1000);
    return secondsLeft(start, done, total, t * 1000);
  });
}

/** `count` steps `every` seconds apart, the first one `every` after `from` */
const paced = (from: number, count: number, every: number) =>
  Array.from({ length: count }, (_, i) => Math.round((from + (i + 1) * every) * 1000) / 1000);

describe("a stage's time left follows its recent pace", () => {
  it('slows with a stage that slows: 10 a second for 20 s, then 1 a second for 10 s', () => {
    const steps = [...paced(0, 200, 0.1), ...paced(20, 10, 1)];
    const [left] = estimateAt(steps, 1000, [30]);
    // 790 to go at the last 10 s' pace of one a second, not at the whole stage's 7 a second (113 s)
    expect(left).toBeGreaterThan(790 * 0.9);
    expect(left).toBeLessThan(790 * 1.1);
  });

  it('speeds up with a stage that speeds up: 1 a second for 20 s, then 10 a second for 10 s', () => {
    const steps = [...paced(0, 20, 1), ...paced(20, 100, 0.1)];
    const [left] = estimateAt(steps, 1000, [30]);
    // 880 to go at 10 a second, not at the whole stage's 4 a second (about 220 s)
    expect(left).toBeGreaterThan(88 * 0.9);
    expect(left).toBeLessThan(88 * 1.1);
  });

  it("is the whole stage's pace while the stage is younger than the window", () => {
    // fast for 3 s, then slow: 5 s in, 40 done, the anchored pace from the first step (at 0.1 s)
    const steps = [...paced(0, 30, 0.1), ...paced(3, 10, 0.2)];
    const [left] = estimateAt(steps, 100, [5]);
    expect(WINDOW_MS).toBeGreaterThan(5_000);
    expect(left).toBeCloseTo((60 * (5 - 0.1)) / 39);
  });

  it('holds steady at a steady pace: from one second to the next it counts down, give or take 5%', () => {
    const ticks = Array.from({ length: 40 }, (_, i) => 20 + i);
    const left = estimateAt(paced(0, 120, 0.5), 400, ticks) as number[];
    for (let i = 1; i < left.length; i++) {
      expect(Math.abs(left[i] - (left[i - 1] - 1))).toBeLessThan(left[i - 1] * 0.05);
    }
  });

  it('moves little on one late step, never the wrong way, and forgets it once it leaves the window', () => {
    // two a second, but the 61st step comes 2.5 s late; 200 to do
    const steps = [...paced(0, 60, 0.5), ...paced(32.5, 60, 0.5)];
    const ticks = Array.from({ length: 100 }, (_, i) => 30 + i * 0.25);
    const left = estimateAt(steps, 200, ticks) as number[];
    ticks.forEach((t, i) => {
      const done = steps.filter((s) => s <= t).length;
      const steady = (200 - done) / 2;
      // a step late by 2.5 s in a 10-s window: at most a quarter more, and a step's share
      expect(left[i]).toBeLessThan(steady * 1.35);
      expect(left[i]).toBeGreaterThan(steady * 0.95);
      // once the late step is 10 s behind, the pace is the steady one again
      if (t >= 33 + WINDOW_MS / 1000 + 0.5) expect(Math.abs(left[i] - steady)).toBeLessThan(steady * 0.05);
    });
  });

  it('grows while nothing moves for longer than a step takes', () => {
    const steps = paced(0, 40, 0.5);
    const [due, overdue, later] = estimateAt(steps, 100, [20.2, 23, 30]) as number[];
    // 60 to go at two a second: 30 s, until the next step is late
    expect(due).toBeCloseTo(30, 0);
    expect(overdue).toBeGreaterThan(due);
    expect(later).toBeGreaterThan(overdue);
  });

  it('keeps few counts however many come', () => {
    const steps = paced(0, 3000, 0.01);
    let start: StageStart = stageStart(null, 'images', 0, 0);
    steps.forEach((s, i) => (start = stageStart(start, 'images', i + 1, s * 1000)));
    expect(start.recent!.length).toBeLessThan(80);
    expect(secondsLeft(start, 3000, 6000, 30_000)).toBeCloseTo(30, 0);
  });

  it('starts again when the count goes back below its last, not only below the first', () => {
    let start: StageStart = stageStart(null, 'epoch', 0, 0);
    for (let i = 1; i <= 30; i++) start = stageStart(start, 'epoch', i, i * 1000);
    // a fallback's restart from epoch 20: its pace starts over
    const again = stageStart(start, 'epoch', 20, 31_000);
    expect(again).toMatchObject({ at: 31_000, done: 20, anchored: false });
  });
});
