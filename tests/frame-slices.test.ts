import { afterEach, describe, expect, it, vi } from 'vitest';

// core/frame-slices.ts: background work on the page runs just after a frame is drawn, all queues
// sharing one small budget per frame
/** a few turns of the event loop (MessageChannel tasks run; the frame fallback's timer is faked) */
const turns = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

async function fresh() {
  vi.resetModules();
  return import('../src/core/frame-slices');
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('frame slices', () => {
  it('waits for a frame, then runs every waiting slice in the tasks after it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    const { nextSlice } = await fresh();
    const ran: string[] = [];
    void nextSlice().then(() => ran.push('facts'));
    void nextSlice().then(() => ran.push('thumbnails'));
    await turns();
    expect(ran).toEqual([]);
    expect(frames).toHaveLength(1);
    frames[0](0);
    await turns();
    expect(ran).toEqual(['facts', 'thumbnails']);
  });

  it("a frame's share is spent after FRAME_SHARE_MS, whoever spent it, and the next frame brings a new one", async () => {
    let now = 1000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => setTimeout(() => cb(0), 1));
    const { nextSlice, sliceOver, FRAME_SHARE_MS } = await fresh();
    await nextSlice();
    expect(sliceOver()).toBe(false);
    now += FRAME_SHARE_MS - 1;
    expect(sliceOver()).toBe(false);
    now += 1;
    expect(sliceOver()).toBe(true);
    await nextSlice();
    expect(sliceOver()).toBe(false);
  });

  it('goes on without frames (a hidden page draws none)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', () => 0);
    const { nextSlice } = await fresh();
    let ran = false;
    void nextSlice().then(() => (ran = true));
    await turns();
    expect(ran).toBe(false);
    vi.advanceTimersByTime(100);
    await turns();
    expect(ran).toBe(true);
  });

  it('asks for items a part per slice, at most ASKED_AT_ONCE at once, and yields each part with its settled answers in order', async () => {
    const { askInSlices, ASKED_AT_ONCE } = await fresh();
    const items = Array.from({ length: 40 }, (_, i) => i);
    const parts: number[][] = [];
    const answers: PromiseSettledResult<number>[] = [];
    for await (const part of askInSlices(items, (n) =>
      n === 7 ? Promise.reject(new Error('gone')) : Promise.resolve(n * 2),
    )) {
      parts.push(part.items);
      answers.push(...part.answers);
    }
    expect(parts.flat()).toEqual(items);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(ASKED_AT_ONCE);
    expect(parts.length).toBeGreaterThanOrEqual(Math.ceil(items.length / ASKED_AT_ONCE));
    expect(answers[7]).toEqual({ status: 'rejected', reason: new Error('gone') });
    expect(answers[8]).toEqual({ status: 'fulfilled', value: 16 });
  });
});
