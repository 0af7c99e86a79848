import { beforeAll, describe, expect, it, vi } from 'vitest';
import { exportRun, type FinishedRun } from '../src/core/export/assemble';
import type { ExportInput } from '../src/core/export/export-files';
import type { Head } from '../src/core/train/head';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { fakeBackbone, solidImage, useBackend } from './helpers';

// the golden images exportRun hands to the export, without building a real model around them
const seen: { golden: string[] }[] = [];
vi.mock('../src/core/export/export-files', () => ({
  exportFilesReport: async (input: ExportInput) => {
    seen.push({ golden: input.golden!.images.map((i) => i.name) });
    return { files: new Map(), onnx: null, tflite: null };
  },
}));

beforeAll(() => useBackend('cpu'));

/** Two validation images per class; `gone` no longer decode (moved or deleted during a long run). */
function finished(gone: string[]): FinishedRun {
  const val = ['a0', 'a1', 'b0', 'b1', 'c0', 'c1'].map((id) => ({ id, label: 'abc'.indexOf(id[0]), predicted: 0 }));
  return {
    backbone: fakeBackbone(),
    head: {} as Head,
    classes: ['a', 'b', 'c'],
    settings: { ...DEFAULT_SETTINGS },
    card: {} as FinishedRun['card'],
    val,
    decode: async (id) => {
      if (gone.includes(id)) throw new Error(`ENOENT: no such file or directory, open '/data/${id}.jpg'`);
      return solidImage(12, 10, [10, 20, 30]);
    },
    name: (id) => `${id}.jpg`,
  };
}

describe('exportRun: golden pairs from the validation images that still decode', () => {
  it('passes over an image that no longer decodes for the next one (the export threw, losing the run)', async () => {
    seen.length = 0;
    const { goldenSkipped } = await exportRun(finished(['a0', 'b0']));
    // pickGolden's order is a0 b0 c0 a1 b1 c1: the two gone are replaced by the next in turn
    expect(seen[0].golden).toEqual(['c0.jpg', 'a1.jpg', 'b1.jpg', 'c1.jpg']);
    expect(goldenSkipped).toEqual([
      { id: 'a0', reason: "ENOENT: no such file or directory, open '/data/a0.jpg'" },
      { id: 'b0', reason: "ENOENT: no such file or directory, open '/data/b0.jpg'" },
    ]);
  });

  it('keeps the usual five when every image decodes, and says so when none does', async () => {
    seen.length = 0;
    expect((await exportRun(finished([]))).goldenSkipped).toEqual([]);
    expect(seen[0].golden).toEqual(['a0.jpg', 'b0.jpg', 'c0.jpg', 'a1.jpg', 'b1.jpg']);
    await expect(exportRun(finished(['a0', 'a1', 'b0', 'b1', 'c0', 'c1']))).rejects.toThrow(
      'none of the 6 validation images decodes any more (moved or deleted since training?)',
    );
  });
});
