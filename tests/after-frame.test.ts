import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextFrame, NO_FRAME_MS } from '../src/ui/after-frame';
import { fakeFrames, turns } from './fake-frames';

// ui/after-frame.ts: a part of a panel waits until the next frame has been drawn
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('afterNextFrame', () => {
  it('runs in a task after the frame callback, not in it, and once', async () => {
    const frames = fakeFrames();
    let ran = 0;
    afterNextFrame(() => ran++);
    await turns();
    expect(ran).toBe(0);
    frames[0](0);
    // the frame callback only posts the task: the frame is drawn before it runs
    expect(ran).toBe(0);
    await turns();
    expect(ran).toBe(1);
    vi.advanceTimersByTime(NO_FRAME_MS);
    expect(ran).toBe(1);
  });

  it('goes on without frames (a hidden page draws none)', async () => {
    fakeFrames();
    let ran = 0;
    afterNextFrame(() => ran++);
    vi.advanceTimersByTime(NO_FRAME_MS - 1);
    expect(ran).toBe(0);
    vi.advanceTimersByTime(1);
    expect(ran).toBe(1);
  });

  it('cancelled, it never runs', async () => {
    const frames = fakeFrames();
    let ran = 0;
    const cancel = afterNextFrame(() => ran++);
    cancel();
    frames[0](0);
    await turns();
    vi.advanceTimersByTime(NO_FRAME_MS);
    expect(ran).toBe(0);
  });
});
