import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { instantiateBackbone, type Backbone } from '../src/core/backbones/backbone';
import { customBackboneSpec, inspectLayersModel } from '../src/core/backbones/custom';
import { registerBackbone, unregisterBackbone } from '../src/core/backbones/registry';
import { exportFilesReport, modelArtifacts } from '../src/core/export/export-files';
import { buildHead, type Head } from '../src/core/train/head';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { useBackend } from './helpers';

// the converters' chunk failing to arrive (a new version deployed since the page loaded)
vi.mock('../src/core/export/onnx/export', () => {
  throw new Error('Failed to fetch dynamically imported module: /assets/export-x.js');
});

let backbone: Backbone;
let head: Head;
let specId: string;

beforeAll(async () => {
  await useBackend('cpu');
  const input = tf.input({ shape: [16, 16, 3] });
  const c1 = tf.layers
    .conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', name: 'c1' })
    .apply(input) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: c1, name: 'tiny' });
  const artifacts = await modelArtifacts(model);
  const found = inspectLayersModel(model, artifacts.weightData!);
  model.dispose();
  const spec = customBackboneSpec(found, { featureLayer: 'c1', pixelRange: { min: 0, max: 1 }, inputSize: 16 });
  specId = spec.id;
  registerBackbone(spec);
  backbone = await instantiateBackbone(spec, artifacts);
  head = buildHead(spec.featureSize, 2, 0, 0, 1);
});

afterAll(() => {
  backbone.dispose();
  head.model.dispose();
  unregisterBackbone(specId);
});

describe('an export whose ONNX and TFLite converters cannot be loaded', () => {
  it('refuses those two files with the reason and writes the rest (the model is still kept and downloads)', async () => {
    const { files, onnx, tflite } = await exportFilesReport({
      backbone,
      head,
      classes: ['a', 'b'],
      settings: { ...DEFAULT_SETTINGS },
    });
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(['model.json', 'weights.bin', 'head/model.json', 'metadata.json']),
    );
    expect(files.has('model.onnx')).toBe(false);
    expect(files.has('model.tflite')).toBe(false);
    // each file named in its own words, marked to be tried again (the next download, a kept model read back)
    expect(onnx).toEqual({
      refused: expect.stringMatching(/^No model\.onnx: its converter could not be loaded/),
      retry: true,
    });
    expect(tflite).toEqual({
      refused: expect.stringMatching(/^No model\.tflite: its converter could not be loaded .*Try the download again/),
      retry: true,
    });
    const meta = JSON.parse(String(files.get('metadata.json'))) as { onnx: { refused: string } };
    expect(meta.onnx.refused).toMatch(/^No model\.onnx: its converter could not be loaded/);
  });
});
