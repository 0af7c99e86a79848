import { describe, expect, it } from 'vitest';
import { estimateWords, secondsLeft, stageStart } from '../src/ui/eta';

/** a stage anchored at its first step: `done` at `at` */
const from = (key: string, done: number, at: number) => ({ key, at, done, anchored: true });

describe("a stage's time left, at its own pace so far", () => {
  it("is the rest of the count at the rate since the stage's first step", () => {
    const start = from('images', 2, 1_000);
    // 10 more in 5 s: 30 more at 2 per second
    expect(secondsLeft(start, 12, 42, 6_000)).toBeCloseTo(15);
    // the pace slows while nothing moves: the estimate grows rather than stand still
    expect(secondsLeft(start, 12, 42, 11_000)).toBeCloseTo(30);
  });

  it('counts from where the stage was at its first step (a resumed run starts its epochs at 80)', () => {
    // 4 epochs in 8 s: 16 more
    expect(secondsLeft(from('epoch', 80, 0), 84, 100, 8_000)).toBeCloseTo(32);
  });

  it('leaves out a first report of cached features and the wait before it', () => {
    // mounted at 0 with nothing done; 900 cached come at once at 3 s, then 10 computed in 10 s
    let start = stageStart(null, 'images', 0, 0);
    expect(secondsLeft(start, 0, 1000, 3_000)).toBeNull();
    start = stageStart(start, 'images', 900, 3_000);
    expect(start).toMatchObject({ key: 'images', at: 3_000, done: 900, anchored: true });
    start = stageStart(start, 'images', 910, 13_000);
    // 90 more at one a second, not "a few seconds" at 910 in 13 s
    expect(secondsLeft(start, 910, 1000, 13_000)).toBeCloseTo(90);
  });

  it('says nothing before the first step, too early, of an unknown total, or of a stage that is over', () => {
    expect(secondsLeft(stageStart(null, 'recipe', 0, 0), 5, 10, 60_000)).toBeNull();
    const start = from('recipe', 0, 0);
    // under 2 s
    expect(secondsLeft(start, 5, 10, 1_999)).toBeNull();
    // fewer than 2 done
    expect(secondsLeft(start, 1, 10, 60_000)).toBeNull();
    expect(secondsLeft(start, 3, null, 60_000)).toBeNull();
    expect(secondsLeft(start, 0, 0, 60_000)).toBeNull();
    expect(secondsLeft(start, 10, 10, 60_000)).toBeNull();
    // a count beyond its total (a total that shrank) is never a negative time
    expect(secondsLeft(start, 12, 10, 60_000)).toBeNull();
  });

  it('never says an absurd time', () => {
    // 2 epochs in an hour with 1000 to go: 500 hours
    expect(secondsLeft(from('epoch', 0, 0), 2, 1002, 3_600_000)).toBeNull();
    // a clock that went back
    expect(secondsLeft(from('epoch', 0, 10_000), 4, 10, 5_000)).toBeNull();
  });

  it('keeps the start while the same stage goes on, and starts again for another stage or a count that went back', () => {
    const images = stageStart(stageStart(null, 'images', 0, 0), 'images', 3, 1_000);
    // (its counts are recorded for the recent pace: eta-recent-pace.test.ts)
    expect(stageStart(images, 'images', 7, 3_000)).toMatchObject({ key: 'images', at: 1_000, done: 3, anchored: true });
    const views = stageStart(images, 'augmented views', 0, 4_000);
    expect(views).toEqual({ key: 'augmented views', at: 4_000, done: 0, anchored: false });
    // a fallback's restart counts its epochs from 0 again: the pace before it says nothing of the new one
    const epochs = from('epoch', 5, 0);
    expect(stageStart(epochs, 'epoch', 1, 9_000)).toEqual({ key: 'epoch', at: 9_000, done: 1, anchored: false });
  });
});

describe("the estimate's words", () => {
  it('rounds to what a person can use', () => {
    expect(estimateWords(null)).toBeNull();
    expect(estimateWords(3)).toBe('a few seconds left');
    expect(estimateWords(12)).toBe('about 10 s left');
    expect(estimateWords(21.4)).toBe('about 20 s left');
    expect(estimateWords(23)).toBe('about 25 s left');
    expect(estimateWords(58)).toBe('about 1 min left');
    expect(estimateWords(100)).toBe('about 2 min left');
    expect(estimateWords(44 * 60)).toBe('about 44 min left');
    expect(estimateWords(59.8 * 60)).toBe('about 1 h left');
    expect(estimateWords(2.4 * 3600)).toBe('about 2 h left');
  });

  it('says its units in full for a screen reader', () => {
    expect(estimateWords(21.4, true)).toBe('about 20 seconds left');
    expect(estimateWords(58, true)).toBe('about 1 minute left');
    expect(estimateWords(100, true)).toBe('about 2 minutes left');
    expect(estimateWords(2.4 * 3600, true)).toBe('about 2 hours left');
    expect(estimateWords(3, true)).toBe('a few seconds left');
  });

  it('never says a negative or impossible time', () => {
    expect(estimateWords(-5)).toBeNull();
    expect(estimateWords(Number.NaN)).toBeNull();
    expect(estimateWords(Number.POSITIVE_INFINITY)).toBeNull();
  });
});
