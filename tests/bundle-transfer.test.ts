import { describe, expect, it } from 'vitest';
import type { ExportBundle } from '../src/core/export/bundle';
import { bundleForPage } from '../src/worker/bundle-transfer';

// worker/bundle-transfer.ts: the export moves to the page instead of being copied there
describe('bundleForPage', () => {
  const kept = new Uint8Array(64).fill(7);
  const bundle = {
    files: { 'weights.bin': kept.subarray(8, 24), 'metadata.json': new TextEncoder().encode('{}') },
    zip: new Uint8Array([1, 2, 3]),
    headZip: new Uint8Array([4, 5]),
    check: { ok: true },
    onnx: null,
    tflite: null,
  } as unknown as ExportBundle;

  it('transfers each buffer once, the zips as they are and each file as a copy of its own', () => {
    const { bundle: out, transfer } = bundleForPage(bundle);
    expect(out.zip).toBe(bundle.zip);
    expect(out.headZip).toBe(bundle.headZip);
    expect([...out.files['weights.bin']]).toEqual(new Array(16).fill(7));
    expect(out.files['weights.bin'].buffer).not.toBe(kept.buffer);
    expect(transfer).toHaveLength(4);
    expect(new Set(transfer).size).toBe(4);
    expect(transfer).not.toContain(kept.buffer);
    // what the worker keeps is untouched when the transferred buffers are moved away
    structuredClone(out, { transfer });
    expect(out.files['weights.bin'].byteLength).toBe(0);
    expect(kept.byteLength).toBe(64);
  });
});
