import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { bundleExport, bundleFromZip } from '../src/core/export/bundle';

/** an export whose golden.json is missing: the check throws before it compares anything */
const files = new Map<string, string | Uint8Array>([
  ['metadata.json', '{}'],
  ['model.json', '{}'],
]);
const failed = {
  ok: false,
  samples: 0,
  tolerance: 0,
  model: null,
  head: null,
  maxDifference: 0,
  message: 'Check failed: the export has no golden.json',
};

describe('an export whose check throws', () => {
  it('is still built, its check failed with the reason (the error lost every download)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const bundle = await bundleExport({ files, onnx: null, tflite: null });
    expect(bundle.check).toEqual(failed);
    expect(Object.keys(bundle.files).sort()).toEqual(['metadata.json', 'model.json']);
    expect(bundle.zip.length).toBeGreaterThan(0);
  });

  it('read back from a kept zip, too', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const zip = zipSync({ 'metadata.json': strToU8('{}'), 'model.json': strToU8('{}') });
    const bundle = await bundleFromZip(zip);
    expect(bundle.check).toEqual(failed);
    expect(bundle.zip).toBe(zip);
  });
});
