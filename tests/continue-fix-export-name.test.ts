import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { metadata, type ExportInput } from '../src/core/export/export-files';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { headOnlyForIn } from '../src/core/model-import/head-only';
import { importModelFiles } from '../src/core/model-import/read-model-zip';
import { useBackend } from './helpers';
import { modelFiles, modelZip } from './helpers-model-zip';

beforeAll(() => useBackend('cpu'));

/** the parts of an export that metadata.json is written from: a backbone someone brought */
const brought = {
  backbone: {
    spec: { id: 'custom-ab12cd', name: 'My EfficientNet', inputSize: 224, pixelRange: { min: -1, max: 1 } },
  },
  classes: ['a', 'b'],
  settings: { ...DEFAULT_SETTINGS, unfreeze: 0 },
} as unknown as ExportInput;

describe("a head-only export's metadata names its backbone", () => {
  it('writes the backbone name beside its id', () => {
    expect(metadata(brought).userMetadata).toEqual({ backbone: 'custom-ab12cd', backboneName: 'My EfficientNet' });
  });

  it('opened where that backbone is missing, the refusal names it', async () => {
    const input = tf.input({ shape: [16] });
    const out = tf.layers.dense({ units: 2, activation: 'softmax' }).apply(input) as tf.SymbolicTensor;
    const zip = modelZip(await modelFiles(tf.model({ inputs: input, outputs: out })), metadata(brought));
    const message = await importModelFiles(zip).then(
      () => 'imported',
      (err: Error) => err.message,
    );
    expect(message).toMatch(/"My EfficientNet", a backbone someone brought/);
    expect(headOnlyForIn(message)).toBe('custom-ab12cd');
  });
});
