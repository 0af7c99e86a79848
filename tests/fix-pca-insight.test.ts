import { describe, expect, it, vi } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { FeatureCache } from '../src/core/features/cache';
import { createRng } from '../src/core/random';
import { embedding } from '../src/worker/insight';

// Features as if extracted: the test is about what follows extraction, the fit of the map.
vi.mock('../src/core/features/extract', () => ({
  extractFeatures: async (
    _bb: unknown,
    ids: readonly string[],
    _decode: unknown,
    table: Map<string, Float32Array>,
    { onProgress }: { onProgress: (done: number, total: number) => void },
  ) => {
    const rng = createRng(3);
    ids.forEach((id, k) => {
      const cls = k % 20;
      table.set(
        id,
        Float32Array.from({ length: 1280 }, (_, j) => Math.max(0, (j % 20 === cls ? 3 : 0) + rng() * 2 - 1)),
      );
    });
    onProgress(ids.length, ids.length);
    return { ok: [...ids], failed: [], computed: ids.length };
  },
}));
vi.mock('../src/core/data/decode-browser', () => ({ decodeImageBlob: async () => null }));

describe('the feature map in the worker', () => {
  it('fits in slices after extraction, on the second half of its progress bar', async () => {
    const n = 4000;
    const images = Array.from({ length: n }, (_, k) => ({ id: `i${k}`, label: k % 20, blob: new Blob([]) }));
    const ctx = {
      backbone: { spec: { id: 'test-backbone' } } as unknown as Backbone,
      cache: new FeatureCache(),
      blobs: new Map(images.map((i) => [i.id, i.blob])),
    };
    const seen: [number, number][] = [];
    let timerRan = false;
    let timerRanBeforeFitEnded = false;
    setTimeout(() => (timerRan = true), 0);
    const map = await embedding(ctx, images, 'center', (done, total) => {
      seen.push([done, total]);
      if (done < total) timerRanBeforeFitEnded ||= timerRan;
    });
    expect(map.points).toHaveLength(n);
    expect(map.explained[0]).toBeGreaterThan(0);
    // the worker answered between slices of the fit, which the bar showed moving past the half
    expect(timerRanBeforeFitEnded).toBe(true);
    expect(seen.every(([, total]) => total === 2 * n)).toBe(true);
    expect(seen.some(([done]) => done > n && done < 2 * n)).toBe(true);
    expect(seen.at(-1)).toEqual([2 * n, 2 * n]);
    expect(seen.every(([done], i) => i === 0 || done >= seen[i - 1][0])).toBe(true);
  });
});
