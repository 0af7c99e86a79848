import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import type { RgbImage } from '../src/core/data/crop';
import { FeatureCache } from '../src/core/features/cache';
import { trainPipeline, type PipelineEvent, type TrainOutcome } from '../src/core/pipeline';
import type { TrainedModel } from '../src/core/train-model';
import { atHome } from '../src/core/train/backend-lease';
import { onBackend } from '../src/core/train/head-backend';
import { headVariables } from '../src/core/train/head';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import type { Prediction } from '../src/worker/protocol';
import { turns } from './fake-frames';
import { fakeBackbone, solidImage, useBackend } from './helpers';
import { threeClassesOfTen } from './helpers-pipeline';

// the browser's decode (createImageBitmap) stands in: a Try it photo decodes at once
vi.mock('../src/core/data/decode-browser', () => ({
  decodeImageBlob: async (): Promise<RgbImage> => solidImage(8, 8, [120, 60, 200]),
}));
const { classifyImage, trainedClassifier } = await import('../src/worker/classify');
const { studioModel } = await import('../src/worker/studio-model');

const settings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  recipe: 'manual',
  epochs: 4,
  augmentViews: 1,
  batchSize: 8,
  hiddenUnits: 16,
  learningRate: 0.01,
};
const { classes, images, decode } = threeClassesOfTen;
const photo = new Blob([new Uint8Array([1])], { type: 'image/jpeg' });
const backendOf = (t: tf.Tensor) =>
  (tf.engine() as unknown as { state: { tensorInfo: Map<object, { backend: unknown }> } }).state.tensorInfo.get(
    t.dataId,
  )?.backend === tf.engine().findBackend('cpu')
    ? 'cpu'
    : 'wasm';

/** the stand-in backbone with a weight of its own (made at home, where it must stay) */
function weightedBackbone(): Backbone & { weight: tf.Variable } {
  const base = fakeBackbone();
  const weight = tf.variable(tf.ones([3]));
  return { ...base, weight, extract: (batch) => tf.tidy(() => base.extract(batch).mul(weight)) };
}

/** tfjs moving a tensor's data between backends (what a prediction with the wrong backend active does) */
const countMoves = () => vi.spyOn(tf.engine(), 'moveData');

beforeAll(async () => {
  await useBackend('cpu');
  await useBackend('wasm'); // home: the backbone's backend; the head trains on cpu
});
afterEach(() => vi.restoreAllMocks());

/** a two-phase run whose heads train on cpu; `during` sees the final phase's events (and the first model) */
async function runAway(
  bb: Backbone,
  during: (e: PipelineEvent, first: TrainOutcome) => void,
  over: Partial<TrainSettings> = {},
) {
  let first: TrainOutcome | null = null;
  let final = false;
  const outcome = await trainPipeline({
    backbone: bb,
    classes,
    images,
    decode,
    cache: new FeatureCache(),
    settings: { ...settings, ...over },
    headBackend: { name: 'cpu' },
    onFirstModel: (f) => (first = f),
    onEvent: (e) => {
      if (e.type === 'phase' && e.phase === 'final') final = true;
      if (final && first) during(e, first);
    },
  });
  return { outcome, first: first! };
}

describe('page-facing tensor work while a head trains on another backend (core/train/backend-lease.ts)', () => {
  it('Try it during the full model’s epochs runs with the backbone’s backend active, by the next step, moving nothing', async () => {
    const bb = weightedBackbone();
    const baseline = tf.memory().numTensors;
    const moves = countMoves();
    let answer: Promise<Prediction> | null = null;
    let done = false;
    let doneByNextBatch: boolean | null = null;
    const during: string[] = [];
    const { outcome, first } = await runAway(bb, (e, firstModel) => {
      if (e.type === 'epoch' && !answer) {
        // what the worker does for a Try it message handled between two steps
        const c = trainedClassifier(bb, firstModel.head, classes, 'center', null);
        answer = classifyImage(
          () => ({
            ...c,
            run: (input) => {
              during.push(tf.getBackend(), backendOf(bb.weight), backendOf(headVariables(firstModel.head)[0]));
              return c.run(input);
            },
          }),
          photo,
        ).finally(() => (done = true));
      } else if (e.type === 'batch' && answer && doneByNextBatch === null) doneByNextBatch = done;
    });
    expect(answer).not.toBeNull();
    const got = await answer!;
    expect(got.probabilities).toHaveLength(3);
    expect(during).toEqual(['wasm', 'wasm', 'wasm']);
    expect(doneByNextBatch).toBe(true);
    expect(moves).not.toHaveBeenCalled();
    expect(backendOf(bb.weight)).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    tf.dispose([...new Set([outcome.head, first.head])].flatMap((h) => headVariables(h)));
    expect(tf.memory().numTensors).toBe(baseline);
    bb.weight.dispose();
  });

  it("the automatic recipe's cross-validation gives the backend back between folds", async () => {
    const bb = weightedBackbone();
    const baseline = tf.memory().numTensors;
    const moves = countMoves();
    let answer: Promise<unknown> | null = null;
    let ranOn = '';
    let done = false;
    let doneByNextFold: boolean | null = null;
    const { outcome, first } = await runAway(
      bb,
      (e, firstModel) => {
        if (e.type !== 'recipe') return;
        if (!answer)
          answer = atHome(async () => {
            ranOn = tf.getBackend();
            const input = tf.fill([8, 8, 3], 0.5) as tf.Tensor3D;
            const c = trainedClassifier(bb, firstModel.head, classes, 'center', null);
            const probs = c.run(input);
            input.dispose();
            await probs.data();
            probs.dispose();
          }).finally(() => (done = true));
        else if (doneByNextFold === null) doneByNextFold = done;
      },
      { recipe: 'auto' },
    );
    await answer;
    expect(ranOn).toBe('wasm');
    expect(doneByNextFold).toBe(true);
    expect(moves).not.toHaveBeenCalled();
    expect(outcome.recipe).toBeTruthy();
    tf.dispose([...new Set([outcome.head, first.head])].flatMap((h) => headVariables(h)));
    expect(tf.memory().numTensors).toBe(baseline);
    bb.weight.dispose();
  });

  it("a first model's download during the full model's epochs is built at home, before the next step", async () => {
    const bb = weightedBackbone();
    const model = studioModel({
      backbone: () => bb,
      requireBackbone: () => bb,
      cache: new FeatureCache(),
      runActive: () => true,
    });
    const moves = countMoves();
    let download: Promise<unknown> | null = null;
    let done = false;
    let doneByNextBatch: boolean | null = null;
    const decodedOn: string[] = [];
    const { outcome } = await runAway(bb, (e, first) => {
      if (e.type === 'epoch' && !download) {
        model.keep(
          {
            outcome: first,
            card: {
              classCounts: [10, 10, 10],
              valAccuracy: first.valAccuracy,
              perClass: first.perClass,
              trainableParams: 1,
              frozenParams: 0,
            },
            trainedOn: 'cpu',
            startedFrom: null,
            settings: first.settings ?? settings,
          } as unknown as TrainedModel,
          settings,
          undefined,
        );
        download = model
          .exportBundle(
            (id) => (decodedOn.push(tf.getBackend()), decode(id)),
            (id) => id,
          )
          .finally(() => (done = true));
      } else if (e.type === 'batch' && download && doneByNextBatch === null) doneByNextBatch = done;
    });
    await expect(download).resolves.toBeDefined();
    expect(doneByNextBatch).toBe(true);
    expect(decodedOn.length).toBeGreaterThan(0);
    expect(new Set(decodedOn)).toEqual(new Set(['wasm']));
    expect(moves).not.toHaveBeenCalled();
    expect(backendOf(bb.weight)).toBe('wasm');
    tf.dispose(headVariables(outcome.head));
    await model.dropTrained();
    bb.weight.dispose();
  });

  it('the head backend is not taken while a page-facing call is in flight, and queued calls run when it comes home', async () => {
    let release!: () => void;
    const inFlight = atHome(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return tf.getBackend();
    });
    let entered = false;
    let queued: Promise<string> | null = null;
    const lent = onBackend('cpu', async () => {
      entered = true;
      // never reads: what queued waits for the end
      queued = atHome(() => tf.getBackend());
      return tf.getBackend();
    });
    await turns();
    expect(entered).toBe(false);
    expect(tf.getBackend()).toBe('wasm');
    release();
    expect(await inFlight).toBe('wasm');
    expect(await lent).toBe('cpu');
    expect(await queued!).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('with no separate head backend nothing waits: page-facing work runs at once, inside a run too', async () => {
    const ranInline: boolean[] = [];
    const inline = () => {
      let ran = false;
      void atHome(() => (ran = true));
      return ran;
    };
    ranInline.push(inline());
    const bb = weightedBackbone();
    const out = await trainPipeline({
      backbone: bb,
      classes,
      images,
      decode,
      cache: new FeatureCache(),
      settings: { ...settings, augmentViews: 0 },
      onEvent: (e) => {
        if (e.type === 'epoch') ranInline.push(inline());
      },
    });
    expect(ranInline).toEqual([true, true, true, true, true]);
    tf.dispose(headVariables(out.head));
    bb.weight.dispose();
  });
});
