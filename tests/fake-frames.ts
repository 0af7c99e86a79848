import { vi } from 'vitest';

/** a few turns of the event loop (setImmediate: yieldToEventLoop in Node; the fallback's timer is faked) */
export const turns = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

/** requestAnimationFrame stood in for: the callbacks wait in the list until a test draws them. Undo with vi.unstubAllGlobals and vi.useRealTimers. */
export function fakeFrames(): FrameRequestCallback[] {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const frames: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => (frames[id - 1] = () => undefined));
  return frames;
}
