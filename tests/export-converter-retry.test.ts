import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { instantiateBackbone, type Backbone } from '../src/core/backbones/backbone';
import { customBackboneSpec, inspectLayersModel } from '../src/core/backbones/custom';
import { registerBackbone, unregisterBackbone } from '../src/core/backbones/registry';
import type { ExportBundle } from '../src/core/export/bundle';
import { modelArtifacts } from '../src/core/export/export-files';
import type { CardFacts } from '../src/core/export/model-card';
import { buildHead, type Head } from '../src/core/train/head';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { useBackend } from './helpers';

const SIZE = 16;
const CONVERTER = '../src/core/export/onnx/export';
let backbone: Backbone;
let head: Head;
let specId: string;
let images: { name: string; label: number; input: tf.Tensor3D }[];

const card: CardFacts = {
  classCounts: [2, 2],
  valAccuracy: 1,
  perClass: [],
  trainableParams: 10,
  frozenParams: 100,
};

beforeAll(async () => {
  await useBackend('cpu');
  const input = tf.input({ shape: [SIZE, SIZE, 3] });
  const c1 = tf.layers
    .conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', name: 'c1' })
    .apply(input) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: c1, name: 'tiny' });
  const artifacts = await modelArtifacts(model);
  const found = inspectLayersModel(model, artifacts.weightData!);
  model.dispose();
  const spec = customBackboneSpec(found, { featureLayer: 'c1', pixelRange: { min: 0, max: 1 }, inputSize: SIZE });
  specId = spec.id;
  registerBackbone(spec);
  backbone = await instantiateBackbone(spec, artifacts);
  head = buildHead(spec.featureSize, 2, 0, 0, 1);
  images = [0, 1].map((i) => ({
    name: `${i}.png`,
    label: i,
    input: tf.randomUniform([SIZE, SIZE, 3], 0, 1, 'float32', i + 1) as tf.Tensor3D,
  }));
});

afterAll(() => {
  tf.dispose(images.map((g) => g.input));
  backbone.dispose();
  head.model.dispose();
  unregisterBackbone(specId);
});

/** the export as the studio builds it after a run, with the converters' chunk failing to arrive */
async function exportWithoutConverters(): Promise<ExportBundle> {
  vi.doMock(CONVERTER, () => {
    throw new Error('Failed to fetch dynamically imported module: /assets/export-x.js');
  });
  vi.resetModules();
  try {
    const { checkedExport } = await import('../src/core/export/bundle');
    return await checkedExport({
      backbone,
      head,
      classes: ['a', 'b'],
      settings: { ...DEFAULT_SETTINGS },
      card,
      golden: { images },
    });
  } finally {
    vi.doUnmock(CONVERTER);
    vi.resetModules();
    // the real module loads again before any test goes on (vitest applies mock changes at the next import)
    await import(CONVERTER);
  }
}

describe('an export whose converters could not be loaded', () => {
  it('names each file it refused, says to try again, and marks the refusal as one to retry', async () => {
    const bundle = await exportWithoutConverters();
    expect(bundle.onnx).toEqual({
      refused: expect.stringMatching(
        /^No model\.onnx: its converter could not be loaded \(.+\)\. Try the download again/,
      ),
      retry: true,
    });
    expect(bundle.tflite).toEqual({
      refused: expect.stringMatching(
        /^No model\.tflite: its converter could not be loaded \(.*\)\. Try the download again/,
      ),
      retry: true,
    });
    // the rest of the export is written, and checks out
    expect(Object.keys(bundle.files)).toEqual(expect.arrayContaining(['model.json', 'weights.bin', 'metadata.json']));
    expect(bundle.check.ok).toBe(true);
    const meta = JSON.parse(strFromU8(bundle.files['metadata.json'])) as { onnx: unknown };
    expect(meta.onnx).toEqual(bundle.onnx);
    // a reader of the downloaded zip has no page to reload
    const readme = strFromU8(bundle.files['README.md']);
    expect(readme).not.toMatch(/converter could not be loaded|reload|Try the download again/);
  });

  it('is converted again from the kept zip once the converters load, not refused from its metadata', async () => {
    const kept = await exportWithoutConverters();
    const { bundleFromZip } = await import('../src/core/export/bundle');
    const back = await bundleFromZip(kept.zip);
    expect(back.onnx).toMatchObject({ file: 'model.onnx' });
    expect(back.tflite).toMatchObject({ file: 'model.tflite' });
    expect(back.files['model.onnx']?.byteLength).toBeGreaterThan(0);
    expect(back.files['model.tflite']?.byteLength).toBeGreaterThan(0);
    // the zip to download carries them too, and says what they are
    const inZip = unzipSync(back.zip);
    expect(Object.keys(inZip)).toEqual(expect.arrayContaining(['model.onnx', 'model.tflite']));
    const meta = JSON.parse(strFromU8(inZip['metadata.json'])) as { onnx: unknown; tflite: unknown };
    expect(meta.onnx).toEqual(back.onnx);
    expect(meta.tflite).toEqual(back.tflite);
    const readme = strFromU8(inZip['README.md']);
    expect(readme).toContain('- `model.onnx`: the same model as ONNX');
    expect(readme).toContain('- `model.tflite`: the same model for TFLite');
    expect(back.check.ok).toBe(true);
  });

  it('gives the converted kept zip the README a fresh export has, how-to-run snippets and all', async () => {
    const kept = await exportWithoutConverters();
    const { bundleFromZip, checkedExport } = await import('../src/core/export/bundle');
    const back = await bundleFromZip(kept.zip);
    const fresh = await checkedExport({
      backbone,
      head,
      classes: ['a', 'b'],
      settings: { ...DEFAULT_SETTINGS },
      card,
      golden: { images },
    });
    // the day it was trained is the card's own
    const undated = (bytes: Uint8Array) => strFromU8(bytes).replace(/^Trained with .*$/m, '');
    const readme = undated(unzipSync(back.zip)['README.md']);
    expect(readme).toContain('**Python, ONNX**');
    expect(readme).toContain('**Python, TFLite**');
    expect(readme).toContain('**JavaScript, ONNX**');
    expect(readme).toContain('**JavaScript, TFLite**');
    expect(readme).toBe(undated(fresh.files['README.md']));
  });

  it('says the kept zip was converted, and that zip reads back as it is, without converting again', async () => {
    const kept = await exportWithoutConverters();
    const { bundleFromZip } = await import('../src/core/export/bundle');
    expect((await bundleFromZip(kept.zip)).converted).toBe(true);
    const back = await bundleFromZip(kept.zip);
    const again = await bundleFromZip(back.zip);
    expect(again.converted).toBeFalsy();
    // the very bytes: nothing was converted or zipped again
    expect(again.zip).toBe(back.zip);
    expect(again.onnx).toEqual(back.onnx);
    expect(again.tflite).toEqual(back.tflite);
  });

  it('still refuses from the kept zip while the converters do not load, as one to retry', async () => {
    const kept = await exportWithoutConverters();
    vi.doMock(CONVERTER, () => {
      throw new Error('offline');
    });
    vi.resetModules();
    try {
      const { bundleFromZip } = await import('../src/core/export/bundle');
      const back = await bundleFromZip(kept.zip);
      expect(back.onnx).toEqual({
        refused: expect.stringMatching(/^No model\.onnx: its converter could not be loaded/),
        retry: true,
      });
      expect(back.files['model.onnx']).toBeUndefined();
      expect(back.files['model.json']).toBeDefined();
      expect(back.converted).toBeFalsy();
    } finally {
      vi.doUnmock(CONVERTER);
      vi.resetModules();
    }
  });

  it('converts again a model an earlier version kept with its refusal words and no flag', async () => {
    const kept = await exportWithoutConverters();
    const files = unzipSync(kept.zip);
    const meta = JSON.parse(strFromU8(files['metadata.json'])) as Record<string, unknown>;
    const earlier = { refused: 'its converter could not be loaded (offline); reload the page to export it' };
    files['metadata.json'] = new TextEncoder().encode(JSON.stringify({ ...meta, onnx: earlier, tflite: earlier }));
    const card = strFromU8(files['README.md']).replace(
      /^(- `model\.json` \+ `weights\.bin`.*)$/m,
      `$1\n- ${earlier.refused}\n- ${earlier.refused}`,
    );
    files['README.md'] = new TextEncoder().encode(card);
    const { zipSync } = await import('fflate');
    const { bundleFromZip } = await import('../src/core/export/bundle');
    const back = await bundleFromZip(zipSync(files));
    expect(back.onnx).toMatchObject({ file: 'model.onnx' });
    expect(back.files['model.tflite']?.byteLength).toBeGreaterThan(0);
    const readme = strFromU8(back.files['README.md']);
    expect(readme).not.toContain('reload the page');
    expect(readme).toContain('- `model.onnx`: the same model as ONNX');
  });

  it('keeps a refusal that converting again would repeat (a layer the format cannot hold) as stored', async () => {
    const kept = await exportWithoutConverters();
    const files = unzipSync(kept.zip);
    const meta = JSON.parse(strFromU8(files['metadata.json'])) as Record<string, unknown>;
    const refused = { refused: 'No model.onnx: the layer "x" (Foo) has no ONNX equivalent' };
    files['metadata.json'] = new TextEncoder().encode(JSON.stringify({ ...meta, onnx: refused, tflite: refused }));
    const { zipSync } = await import('fflate');
    const { bundleFromZip } = await import('../src/core/export/bundle');
    const back = await bundleFromZip(zipSync(files));
    expect(back.onnx).toEqual(refused);
    expect(back.files['model.onnx']).toBeUndefined();
  });
});
