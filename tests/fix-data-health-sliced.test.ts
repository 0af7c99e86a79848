import { describe, expect, it } from 'vitest';
import { datasetHealth, datasetHealthSliced, type HealthInput } from '../src/core/data/health';

// The near-duplicate comparison is every pair of images: seconds on thousands of images, in the
// studio worker, where Try it, Train and the feature map waited behind one synchronous loop.

function bigProject(n: number, dim: number): HealthInput {
  // a seeded walk, so the test sees the same project each run
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const images = Array.from({ length: n }, (_, k) => ({ id: `i${k}`, label: k % 3, name: `i${k}.jpg` }));
  const features = new Map(images.map((i) => [i.id, Float32Array.from({ length: dim }, rnd)]));
  // near copies: a little noise on another image's features
  for (let k = 0; k < n; k += 97) {
    const f = features.get(`i${k}`)!;
    features.set(
      `i${k + 1}`,
      Float32Array.from(f, (v) => v + rnd() * 0.01),
    );
  }
  // identical files: one hash, one feature row
  const hashes = new Map(images.map((i) => [i.id, `h-${i.id}`]));
  for (let k = 5; k < n; k += 301) {
    hashes.set(`i${k + 2}`, `h-i${k}`);
    features.set(`i${k + 2}`, features.get(`i${k}`)!);
  }
  const validation = new Set(images.filter((_, k) => k % 5 === 0).map((i) => i.id));
  return {
    classes: ['a', 'b', 'c'],
    images,
    hashes,
    features,
    unreadable: [{ id: 'i10', reason: 'broken' }],
    validation,
  };
}

describe('the health check on a large project', () => {
  it('compares in slices, saying how far it is, and finds what the one-go check finds', async () => {
    const input = bigProject(3000, 8);
    const said: [number, number][] = [];
    let pauses = 0;
    const issues = await datasetHealthSliced(input, {
      onProgress: (done, total) => said.push([done, total]),
      sliceMs: 0,
      pause: async () => void pauses++,
    });
    expect(issues).toEqual(datasetHealth(input));
    expect(issues.some((i) => i.kind === 'near-duplicate')).toBe(true);
    expect(issues.some((i) => i.kind === 'exact-duplicate')).toBe(true);
    expect(pauses).toBeGreaterThan(100);
    expect(said.length).toBeGreaterThan(100);
    const total = said[0][1];
    expect(said.every(([, t]) => t === total)).toBe(true);
    expect(said.every(([d], k) => k === 0 || d >= said[k - 1][0])).toBe(true);
    expect(said.at(-1)).toEqual([total, total]);
  });

  it('lets other tasks run between its slices', async () => {
    const input = bigProject(600, 8);
    let other = false;
    let otherRanBeforeTheEnd = false;
    setTimeout(() => (other = true), 0);
    await datasetHealthSliced(input, {
      sliceMs: 0,
      onProgress: (done, total) => {
        if (done < total && other) otherRanBeforeTheEnd = true;
      },
    });
    expect(otherRanBeforeTheEnd).toBe(true);
  });
});
