import { describe, expect, it } from 'vitest';
import {
  decadeTicks,
  epochTicks,
  extent,
  linear,
  niceTicks,
  runningEpochSpan,
  short,
  ticksWithin,
} from '../src/ui/chart-scale';
import { nearestPoint } from '../src/ui/chart-values';

const at = (xs: number[]) => xs.map((x) => ({ x, y: 0 }));

describe('chart axes', () => {
  it('epoch ticks start at 1 and step by round numbers', () => {
    expect(epochTicks(60)).toEqual([1, 20, 40, 60]);
    expect(epochTicks(23)).toEqual([1, 5, 10, 15, 20]);
    expect(epochTicks(2)).toEqual([1, 2]);
  });

  it('a running epoch axis grows in round steps ahead of the run and stops at the plan', () => {
    expect(runningEpochSpan(0, 60)).toBe(10);
    expect(runningEpochSpan(29, 400)).toBe(40);
    expect(runningEpochSpan(50, 60)).toBe(60);
    expect(runningEpochSpan(130, 400)).toBe(200);
    expect(runningEpochSpan(7, 5)).toBe(7);
    for (let done = 0; done <= 400; done++) expect(runningEpochSpan(done, 400)).toBeGreaterThanOrEqual(done);
  });

  it('nice ticks cover the values with round steps and widen the domain to them', () => {
    const { ticks, domain } = niceTicks(0, 2.37);
    expect(ticks).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(domain).toEqual([0, 2.5]);
    expect(niceTicks(0.1, 0.7).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    // one value: a span around it rather than a zero-height axis
    const flat = niceTicks(3, 3);
    expect(flat.domain[0]).toBeLessThan(3);
    expect(flat.domain[1]).toBeGreaterThan(3);
    expect(niceTicks(NaN, 1)).toEqual({ ticks: [0, 1], domain: [0, 1] });
  });

  it('ticks within a fixed domain stay inside it', () => {
    expect(ticksWithin([0, 1])).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('extent skips missing and non-finite values', () => {
    expect(extent([undefined, 3, NaN, -1, Infinity, 2])).toEqual([-1, 3]);
    expect(extent([undefined])).toBeUndefined();
  });

  it('maps values linearly, flips for a y axis, and finds the nearest point', () => {
    const y = linear([0, 1], 100, 0);
    expect(y(0)).toBe(100);
    expect(y(0.25)).toBe(75);
    expect(nearestPoint(at([1, 2, 4, 8]), 5.9)).toBe(2);
    expect(nearestPoint(at([1, 2, 4, 8]), 6.1)).toBe(3);
    expect(nearestPoint(at([1, 2, 4, 8]), -3)).toBe(0);
    expect(nearestPoint([], 1)).toBe(-1);
    expect(short(0.123456)).toBe('0.123');
    expect(short(120)).toBe('120');
  });
});

describe('decadeTicks (the log axis of the learning-rate finder)', () => {
  it('marks each power of ten within the sweep', () => {
    expect(decadeTicks(1e-7, 0.2)).toEqual([1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1]);
    expect(decadeTicks(3e-6, 0.05)).toEqual([1e-5, 1e-4, 1e-3, 1e-2]);
  });

  it('adds 2× and 5× where fewer than three decades fall inside', () => {
    expect(decadeTicks(1e-4, 5e-3)).toEqual([1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3]);
    expect(decadeTicks(1e-4, 1e-2)).toEqual([1e-4, 1e-3, 1e-2]);
    expect(decadeTicks(3e-3, 4e-2)).toEqual([5e-3, 1e-2, 2e-2]);
  });

  it('nothing for an empty or non-positive range', () => {
    expect(decadeTicks(0, 1)).toEqual([]);
    expect(decadeTicks(1, 0.5)).toEqual([]);
  });
});
