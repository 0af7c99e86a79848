import { afterEach, describe, expect, it, vi } from 'vitest';
import { inTurn, leaveTurn } from '../src/ui/frame-turns';
import { fakeFrames, turns } from './fake-frames';

// ui/frame-turns.ts: the controls a run locks (and the like) update one per drawn frame
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** draws the frames asked for so far, then lets the tasks they posted run */
async function draw(frames: FrameRequestCallback[]) {
  for (const f of frames.splice(0)) f(0);
  await turns();
}

describe('inTurn', () => {
  it('runs one update per drawn frame, in order, each key with its newest update', async () => {
    const frames = fakeFrames();
    const log: string[] = [];
    const [a, b, c, d] = [{}, {}, {}, {}];
    inTurn(a, () => log.push('a1'));
    inTurn(b, () => log.push('b1'));
    inTurn(a, () => log.push('a2')); // keeps a's place, replaces its update
    inTurn(c, () => log.push('c1'));
    inTurn(d, () => log.push('d1'));
    leaveTurn(d); // its component left the page
    await turns();
    expect(log).toEqual([]); // nothing before a frame is drawn
    await draw(frames);
    expect(log).toEqual(['a2']);
    await draw(frames);
    expect(log).toEqual(['a2', 'b1']);
    await draw(frames);
    await draw(frames);
    await draw(frames);
    expect(log).toEqual(['a2', 'b1', 'c1']);
    // the queue started again by a later update
    inTurn(a, () => log.push('a3'));
    await draw(frames);
    expect(log.at(-1)).toBe('a3');
  });
});
