import { describe, expect, it } from 'vitest';
import { readArtifacts, type ModelFiles } from '../src/core/backbones/model-files';

// 20 one-weight shards of 4 bytes each; shard k holds the float k
const N = 20;
const json = JSON.stringify({
  modelTopology: { class_name: 'Sequential', config: {} },
  format: 'layers-model',
  weightsManifest: [
    {
      paths: Array.from({ length: N }, (_, k) => `s${k}.bin`),
      weights: [{ name: 'w', shape: [N], dtype: 'float32' }],
    },
  ],
});

/** Shards answered after a delay of their own (later shards sooner), counting reads in flight. */
function slowFiles(failAt?: number) {
  let inFlight = 0;
  const seen = { most: 0, reads: [] as number[] };
  const files: ModelFiles = {
    where: 'memory/model.json',
    readModelJson: async () => json,
    readShard: async (path) => {
      const k = Number(/s(\d+)\.bin/.exec(path)![1]);
      seen.reads.push(k);
      inFlight++;
      seen.most = Math.max(seen.most, inFlight);
      await new Promise((r) => setTimeout(r, (N - k) % 7));
      inFlight--;
      if (k === failAt) throw new Error('connection reset');
      return new Float32Array([k]).buffer;
    },
  };
  return { files, seen };
}

describe('readArtifacts reads weight files a few at a time', () => {
  it('overlaps the reads, at most six at once, and keeps the weights in manifest order however they arrive', async () => {
    const { files, seen } = slowFiles();
    const fractions: number[] = [];
    const art = await readArtifacts(files, (f) => fractions.push(f));
    expect(seen.most).toBeGreaterThan(1);
    expect(seen.most).toBeLessThanOrEqual(6);
    expect([...new Float32Array(art.weightData as ArrayBuffer)]).toEqual(Array.from({ length: N }, (_, k) => k));
    // progress only goes up, and ends at the whole
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });

  it('a failed shard is named and no further shard is started', async () => {
    const { files, seen } = slowFiles(3);
    const progress: string[] = [];
    let over = false;
    const failing = readArtifacts(files, (_f, detail) => over && progress.push(detail));
    void failing.catch(() => (over = true));
    await expect(failing).rejects.toThrow(
      /weight file "s3\.bin" of memory\/model\.json could not be read: connection reset/,
    );
    await new Promise((r) => setTimeout(r, 20));
    // the reads started before the failure finish; none after it begins
    expect(seen.reads.length).toBeLessThan(N);
    // and those that finish after it say nothing: the next copy's load owns the progress bar now
    expect(progress).toEqual([]);
  });
});
