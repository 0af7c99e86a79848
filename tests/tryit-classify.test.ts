import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { RgbImage } from '../src/core/data/crop';
import { FeatureCache } from '../src/core/features/cache';
import type { TrainedModel } from '../src/core/train-model';
import { buildHead } from '../src/core/train/head';
import { DEFAULT_SETTINGS } from '../src/core/train/settings';
import { fakeBackbone, useBackend } from './helpers';

// the browser's decode (createImageBitmap) stands in: each photo decodes when the test says
const decoding: ((image: RgbImage) => void)[] = [];
vi.mock('../src/core/data/decode-browser', () => ({
  decodeImageBlob: () => new Promise<RgbImage>((resolve) => decoding.push(resolve)),
}));
const { classifyImage } = await import('../src/worker/classify');
const { studioModel } = await import('../src/worker/studio-model');

beforeAll(() => useBackend('cpu'));

const photo = new Blob([new Uint8Array([1])], { type: 'image/jpeg' });
const pixels = (): RgbImage => ({ data: new Uint8Array(8 * 8 * 3).fill(120), width: 8, height: 8, channels: 3 });

/** a run's model as core/train-model.ts hands it over, with a real (tiny) head */
function trained(classes: string[]): TrainedModel {
  const head = buildHead(3, classes.length, 0, 0, 1);
  return {
    outcome: { head, classes, valPredictions: [], history: [], valAccuracy: 1 } as unknown as TrainedModel['outcome'],
    card: { trainableParams: 1, frozenParams: 0 } as TrainedModel['card'],
    trainedOn: 'cpu',
    startedFrom: null,
    settings: { ...DEFAULT_SETTINGS },
  };
}

describe("Try it's answer in the worker (worker/classify.ts classifyImage)", () => {
  it('the model in use is taken once the photo is decoded: a final model that replaced the first one meanwhile answers', async () => {
    const backbone = fakeBackbone();
    const model = studioModel({
      backbone: () => backbone,
      requireBackbone: () => backbone,
      cache: new FeatureCache(),
      runActive: () => false,
    });
    model.keep(trained(['a', 'b']), DEFAULT_SETTINGS, undefined);
    const answer = classifyImage(() => model.classifier(), photo);
    // the run's final model takes the first one's place (its head is disposed) while the photo decodes
    model.keep(trained(['a', 'b', 'c']), DEFAULT_SETTINGS, undefined);
    await vi.waitFor(() => expect(decoding).toHaveLength(1));
    decoding.shift()!(pixels());
    const got = await answer;
    expect(got.classes).toEqual(['a', 'b', 'c']);
    expect(got.probabilities).toHaveLength(3);
    model.dropTrained();
  });

  it('a forward pass that fails frees the photo it was given', async () => {
    const before = tf.memory().numTensors;
    const failing = {
      classes: ['a', 'b'],
      inputSize: 8,
      cropMode: 'center' as const,
      pixelRange: { min: 0, max: 1 },
      run(): tf.Tensor1D {
        throw new Error('Layer dense is already disposed.');
      },
    };
    const answer = classifyImage(() => failing, photo);
    await vi.waitFor(() => expect(decoding).toHaveLength(1));
    decoding.shift()!(pixels());
    await expect(answer).rejects.toThrow('already disposed');
    expect(tf.memory().numTensors).toBe(before);
  });
});
