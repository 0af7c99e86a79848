import { describe, expect, it, vi } from 'vitest';
import { chunksOf, floats, joinBatchInputs } from '../src/core/data/decode-batch';
import { decodeWorkerCount, SpareBuffers, SPARES_IDLE_MS } from '../src/worker/decode-pool';

describe('a batch shared by several decode workers', () => {
  it('is split into contiguous runs of near-equal length, in order, none empty', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `img${i}`);
    expect(chunksOf(ids, 1)).toEqual([ids]);
    expect(chunksOf(ids, 3).map((c) => c.length)).toEqual([4, 3, 3]);
    expect(chunksOf(ids, 4).flat()).toEqual(ids);
    expect(chunksOf(ids.slice(0, 2), 4)).toEqual([['img0'], ['img1']]);
    expect(chunksOf([], 4)).toEqual([[]]);
  });

  it('joins the runs back: pixels in order, failed images counted from the batch start', () => {
    const px = (...v: number[]) => new Float32Array(v);
    const joined = joinBatchInputs([
      { input: { pixels: px(1, 1, 2, 2), failed: [{ index: 1, reason: 'not an image' }] }, size: 3 },
      { input: { pixels: px(), failed: [{ index: 0, reason: 'empty file' }] }, size: 1 },
      { input: { pixels: px(3, 3), failed: [] }, size: 1 },
    ]);
    expect(Array.from(joined.pixels)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(joined.failed).toEqual([
      { index: 1, reason: 'not an image' },
      { index: 3, reason: 'empty file' },
    ]);
  });

  it('fills a spare buffer handed back when it is large enough, and allocates otherwise', () => {
    const spare = new ArrayBuffer(4 * 12);
    const within = floats(6, spare);
    expect(within.buffer).toBe(spare);
    expect(within.length).toBe(6);
    expect(floats(13, spare).buffer).not.toBe(spare);
    expect(floats(3).length).toBe(3);
    const px = (...v: number[]) => new Float32Array(v);
    const joined = joinBatchInputs(
      [
        { input: { pixels: px(1, 2), failed: [] }, size: 1 },
        { input: { pixels: px(3, 4), failed: [] }, size: 1 },
      ],
      spare,
    );
    expect(joined.pixels.buffer).toBe(spare);
    expect(Array.from(joined.pixels)).toEqual([1, 2, 3, 4]);
  });

  it('uses one worker on a 2-core machine and up to four where cores are spare', () => {
    expect([1, 2, 3, 4, 6, 16].map((c) => decodeWorkerCount(c))).toEqual([1, 1, 1, 2, 4, 4]);
  });

  it('keeps at most two spare batch buffers while batches come, and lets them go once extraction has stopped', () => {
    vi.useFakeTimers();
    try {
      const spares = new SpareBuffers();
      const a = new ArrayBuffer(8);
      spares.keep(a);
      spares.keep(new ArrayBuffer(8));
      spares.keep(new ArrayBuffer(8));
      spares.keep(new ArrayBuffer(0)); // a buffer transferred away is detached: nothing to keep
      expect(spares.size).toBe(2);
      vi.advanceTimersByTime(SPARES_IDLE_MS - 1);
      spares.keep(spares.take()!); // a batch came: the clock starts again
      vi.advanceTimersByTime(SPARES_IDLE_MS - 1);
      expect(spares.size).toBe(2);
      vi.advanceTimersByTime(1);
      expect(spares.size).toBe(0);
      expect(spares.take()).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
