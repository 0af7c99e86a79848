import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from '../src/core/features/cache';
import type { PipelineEvent } from '../src/core/pipeline';
import { trainModel, type FallbackRunner, type TrainedModel } from '../src/core/train-model';
import type { Head } from '../src/core/train/head';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { fakeBackbone, useBackend } from './helpers';
import { threeClassesOfTen } from './helpers-pipeline';

const settings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  recipe: 'manual',
  epochs: 6,
  augmentViews: 1,
  batchSize: 4,
  hiddenUnits: 16,
  learningRate: 0.01,
};
const { classes, images, decode } = threeClassesOfTen;

/**
 * What worker/fallback.ts does when the backend faults after epoch `lostAfter` of the attempt's
 * phase `inPhase` (one-phase runs have none: ''): the attempt is given up on (told to stop at its next step) and the run starts again from
 * scratch; the abandoned attempt finishes before the next begins, so what it reports is told apart.
 */
async function run(lostAfter: number, withFirst: boolean, inPhase = withFirst ? 'first' : '') {
  let gaveUp = false;
  let again = false;
  let epochs = 0;
  let phase = '';
  const whileAbandoned: PipelineEvent[] = [];
  const fallback: FallbackRunner = async (r, start) => {
    const abandoned = r(
      start,
      () => undefined,
      () => gaveUp,
      [],
    );
    abandoned.catch(() => undefined);
    while (!gaveUp) await new Promise((res) => setTimeout(res, 1));
    await abandoned.catch(() => undefined);
    again = true;
    return r(
      undefined,
      () => undefined,
      () => false,
      ['webgpu'],
    );
  };
  const handed: { model: TrainedModel; again: boolean }[] = [];
  let kept: Head | null = null;
  const keep = (head: Head) => {
    if (kept && kept !== head) kept.dispose();
    kept = head;
  };
  const m = await trainModel(
    { backbone: () => fakeBackbone(), cache: new FeatureCache(), decode, fallback },
    {
      classes,
      images,
      settings,
      onEvent: (e) => {
        if (gaveUp && !again) whileAbandoned.push(e);
        if (e.type === 'phase') phase = e.phase;
        if (e.type === 'epoch' && phase === inPhase && ++epochs === lostAfter) gaveUp = true;
      },
      onFirstModel: withFirst
        ? (model) => {
            handed.push({ model, again });
            keep(model.outcome.head);
          }
        : undefined,
    },
  );
  keep(m.outcome.head);
  (kept as Head | null)?.dispose();
  return { handed, whileAbandoned, result: m.outcome };
}

describe('an attempt the backend fallback gave up on', () => {
  beforeAll(async () => {
    await useBackend('wasm');
    // tfjs makes some tensors once, on first use: the tensor counts below start after them
    await run(2, true);
  });

  it('hands over no first model and reports nothing more (its first model stopped in its second epoch)', async () => {
    const before = tf.memory().numTensors;
    const { handed, whileAbandoned, result } = await run(2, true);
    expect(handed.map((h) => h.again)).toEqual([true]);
    expect(handed[0].model.outcome.stopped).toBe(false);
    expect(whileAbandoned).toEqual([]);
    expect(result.stopped).toBe(false);
    // the first model it trained is disposed, not handed over
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves nothing behind: the model it returns is disposed', async () => {
    const before = tf.memory().numTensors;
    // one phase: the abandoned attempt returns its full model, stopped after its second epoch
    const { result } = await run(2, false);
    expect(result.stopped).toBe(false);
    expect(result.history).toHaveLength(settings.epochs);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves nothing behind when it had handed its first model over before it was given up on', async () => {
    const before = tf.memory().numTensors;
    const { handed } = await run(2, true, 'final');
    expect(handed.map((h) => h.again)).toEqual([false, true]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
