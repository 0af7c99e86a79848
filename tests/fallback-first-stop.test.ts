import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from '../src/core/features/cache';
import { trainPipeline, type TrainOutcome } from '../src/core/pipeline';
import { trainModel, type FallbackRunner } from '../src/core/train-model';
import type { Checkpoint } from '../src/core/train/epochs';
import type { Head } from '../src/core/train/head';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { fakeBackbone, solidImage, useBackend } from './helpers';
import { imagesPerClass } from './helpers-pipeline';

const settings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  recipe: 'manual',
  epochs: 30,
  augmentViews: 1,
  batchSize: 4,
  hiddenUnits: 16,
  learningRate: 0.02,
  dropout: 0,
};
const classes = ['a', 'b', 'c'];
const images = imagesPerClass([12, 12, 12]);
const decode = async (id: string) => {
  const [c, i] = [Number(id[1]), Number(id.split('-')[1])];
  return solidImage(8, 8, [c * 60 + ((i * 7) % 90), (i * 23) % 256, 200 - c * 40]);
};

/** what the studio's worker does with the models it is handed: the one before is disposed (studio-model keep) */
function caller() {
  let kept: Head | null = null;
  return {
    keep(head: Head) {
      if (kept && kept !== head) kept.dispose();
      kept = head;
    },
    done: () => kept?.dispose(),
  };
}

/**
 * trainModel with a fallback that gives the first attempt up after the full model's epoch `lostAfter`
 * and resumes on the same backend from the last checkpoint (`failed`: the backends given up on);
 * the user presses Stop after the full model's epoch `stopAfter` (counted over both attempts).
 */
async function run(opts: { lostAfter?: number; stopAfter?: number; failed?: string[] }) {
  let phase = '';
  let finalEpochs = 0;
  let stop = false;
  let gaveUp = false;
  const handed: Head[] = [];
  const firstAccuracy: number[] = [];
  const fallback: FallbackRunner = async (r, start) => {
    let checkpoint: Checkpoint | undefined = start;
    const attempt = r(
      start,
      (c) => (checkpoint = c),
      () => gaveUp,
      [],
    );
    if (opts.lostAfter === undefined) return attempt;
    attempt.catch(() => undefined);
    while (!gaveUp) await new Promise((res) => setTimeout(res, 1));
    await attempt.catch(() => undefined);
    expect(checkpoint?.epoch).toBe(opts.lostAfter);
    return r(
      checkpoint,
      () => undefined,
      () => false,
      opts.failed ?? ['webgpu'],
    );
  };
  const page = caller();
  const m = await trainModel(
    { backbone: () => fakeBackbone(), cache: new FeatureCache(), decode, fallback },
    {
      classes,
      images,
      settings,
      shouldStop: () => stop,
      onEvent: (e) => {
        if (e.type === 'phase') phase = e.phase;
        if (e.type !== 'epoch' || phase !== 'final') return;
        finalEpochs++;
        if (finalEpochs === opts.lostAfter) gaveUp = true;
        if (finalEpochs === opts.stopAfter) stop = true;
      },
      onFirstModel: (f) => {
        handed.push(f.outcome.head);
        firstAccuracy.push(f.outcome.valAccuracy);
        page.keep(f.outcome.head);
      },
    },
  );
  page.keep(m.outcome.head);
  const { outcome } = m;
  page.done();
  return { outcome, handed, firstAccuracy };
}

describe('Stop after a backend fallback midway through the full model', () => {
  beforeAll(async () => {
    await useBackend('wasm');
    // tfjs makes some tensors once, on first use: the tensor counts below start after them
    await run({ stopAfter: 1 });
  });

  it('keeps the first model when it is better, as a run without the fallback does', async () => {
    const plain = await run({ stopAfter: 2 });
    const before = tf.memory().numTensors;
    const fellBack = await run({ lostAfter: 1, stopAfter: 2 });
    // every head disposed exactly once (a second dispose throws): the kept one by its caller, the full one by the run
    expect(tf.memory().numTensors).toBe(before);
    expect(plain.outcome.phase).toBe('first');
    expect(fellBack.outcome.phase).toBe('first');
    expect(fellBack.outcome.stopped).toBe(true);
    expect(fellBack.handed).toHaveLength(1);
    expect(fellBack.outcome.head).toBe(fellBack.handed[0]);
    expect(fellBack.outcome.valAccuracy).toBe(fellBack.firstAccuracy[0]);
    expect(fellBack.outcome.valAccuracy).toBe(plain.outcome.valAccuracy);
  });

  it('a full model that goes on after the fallback is the final phase of a two-phase run', async () => {
    const before = tf.memory().numTensors;
    const fellBack = await run({ lostAfter: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(fellBack.outcome.phase).toBe('final');
    expect(fellBack.outcome.stopped).toBe(false);
    expect(fellBack.outcome.head).not.toBe(fellBack.handed[0]);
  });

  it('a first model whose backend was given up on is not kept (its head went with it)', async () => {
    const before = tf.memory().numTensors;
    const fellBack = await run({ lostAfter: 1, stopAfter: 2, failed: [tf.getBackend()] });
    expect(tf.memory().numTensors).toBe(before);
    expect(fellBack.outcome.phase).toBeUndefined();
    expect(fellBack.outcome.head).not.toBe(fellBack.handed[0]);
  });

  it('a resumed run given a first model on part of the images judges it on every validation image', async () => {
    const cache = new FeatureCache();
    const common = { classes, images, settings, decode, cache };
    let first: TrainOutcome | null = null;
    let checkpoint: Checkpoint | null = null;
    const backbone = fakeBackbone();
    // the attempt the backend fell over in: a first model on the smallest sample, then one full epoch
    const lost = await trainPipeline({
      ...common,
      backbone,
      firstModelBudget: { seconds: 0, minTrainPerClass: 2, minValPerClass: 1, finishWithinSeconds: 0 },
      onFirstModel: (f) => (first = f),
      onCheckpoint: (c) => (checkpoint ??= c),
      shouldStop: () => checkpoint !== null,
    });
    const f = first as unknown as TrainOutcome;
    expect(f.partOf).toBeDefined();
    const onAll = lost.phase === 'final' ? lost.firstOnAllVal : lost.valAccuracy;
    if (lost.head !== f.head) lost.head.dispose();
    const before = tf.memory().numTensors;
    const resumed = await trainPipeline({ ...common, backbone, resume: checkpoint!, handedOver: f });
    expect(resumed.phase).toBe('final');
    expect(resumed.firstOnAllVal).toBe(onAll);
    resumed.head.dispose();
    expect(tf.memory().numTensors).toBe(before);
    f.head.dispose();
  });
});
