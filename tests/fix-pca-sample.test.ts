import { describe, expect, it } from 'vitest';
import { createRng } from '../src/core/random';
import { fitSample, pca, pcaSliced } from '../src/core/train/pca';

// The feature map's PCA ran in one synchronous go in the studio worker: on 10,000 images it held
// Try it, Train and the LR finder for seconds with the progress bar full. It now fits its two
// directions on a sample, to a tolerance a picture needs, and can pause between iterations.

/** n rows of d features: two planted directions (sd 10 and 7) over 100 clusters and noise. */
function synth(n: number, d: number, seed = 1) {
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rng() || 1e-12)) * Math.cos(2 * Math.PI * rng());
  const unit = () => {
    const a = Float64Array.from({ length: d }, gauss);
    const s = Math.sqrt(dot(a, a));
    return a.map((x) => x / s);
  };
  const u1 = unit();
  const u2 = unit();
  const c = dot(u1, u2);
  for (let j = 0; j < d; j++) u2[j] -= c * u1[j];
  const s2 = Math.sqrt(dot(u2, u2));
  for (let j = 0; j < d; j++) u2[j] /= s2;
  const centres = Array.from({ length: 100 }, () => Float64Array.from({ length: d }, () => gauss() * 1.2));
  const labels = Array.from({ length: n }, (_, i) => `c${i % 100}`);
  const rows = Array.from({ length: n }, (_, i) => {
    const a = gauss() * 10;
    const b = gauss() * 7;
    return Float32Array.from({ length: d }, (_, j) => 3 + a * u1[j] + b * u2[j] + centres[i % 100][j] + gauss());
  });
  return { rows, labels, u1, u2 };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

describe('the feature map PCA on many rows', () => {
  const big = synth(10_000, 256);

  // (its time is the benchmark's to measure, not a test's: about 0.2 s here, over a second before)
  it('fits on a sample and finds the directions the full PCA finds', () => {
    const sampled = pca(big.rows, 2, { labels: big.labels });
    const full = pca(big.rows, 2, { sampleSize: Infinity, tolerance: 1e-12, maxIterations: 500 });
    for (let i = 0; i < 2; i++) expect(Math.abs(dot(sampled.components[i], full.components[i]))).toBeGreaterThan(0.99);
    expect(Math.abs(dot(sampled.components[0], big.u1))).toBeGreaterThan(0.99);
    expect(Math.abs(dot(sampled.components[1], big.u2))).toBeGreaterThan(0.99);
    // every row is projected, and the shares of variance are those of the whole data, near enough
    expect(sampled.points).toHaveLength(10_000);
    for (let i = 0; i < 2; i++) expect(sampled.explained[i]).toBeCloseTo(full.explained[i], 2);
  });

  it('draws the same picture every time', () => {
    const a = pca(big.rows, 2, { labels: big.labels });
    const b = pca(big.rows, 2, { labels: big.labels });
    expect(b.points).toEqual(a.points);
    expect(b.explained).toEqual(a.explained);
  });

  it('samples deterministically, evenly, and in proportion to each class', () => {
    expect(fitSample(10, 20)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const even = fitSample(10_000, 2000);
    expect(even).toHaveLength(2000);
    expect(new Set(even).size).toBe(2000);
    expect(even.slice(0, 3)).toEqual([2, 7, 12]);
    // a class of 9,000 rows and one of 1,000 keep that ratio, however they are interleaved
    const labels = Array.from({ length: 10_000 }, (_, i) => (i % 10 === 3 ? 'rare' : 'common'));
    const picked = fitSample(10_000, 2000, labels);
    expect(picked).toEqual(fitSample(10_000, 2000, labels));
    expect(picked).toHaveLength(2000);
    expect(picked.filter((i) => labels[i] === 'rare')).toHaveLength(200);
    // a class smaller than the sampling step still gets a row
    const tiny = labels.map((l, i) => (i === 4242 ? 'tiny' : l));
    expect(fitSample(10_000, 2000, tiny)).toContain(4242);
  });

  it('in its sliced form pauses between iterations, says how far it is, and finds the same', async () => {
    const { rows } = synth(3000, 64, 2);
    let pauses = 0;
    const seen: number[] = [];
    const sliced = await pcaSliced(rows, 2, {
      sliceMs: 0,
      pause: async () => void pauses++,
      onProgress: (done, total) => seen.push(done / total),
    });
    expect(pauses).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
    expect(sliced).toEqual(pca(rows));

    // with the default pause, a timer queued at the start runs before it ends
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    let ranBeforeEnd = false;
    await pcaSliced(big.rows, 2, { sliceMs: 1, onProgress: () => (ranBeforeEnd ||= timerRan) });
    expect(ranBeforeEnd).toBe(true);
  });
});
