import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from '../src/core/features/cache';
import { trainPipeline, type PipelineEvent, type TrainOutcome } from '../src/core/pipeline';
import type { FirstModelBudget } from '../src/core/pipeline-first';
import type { EpochMetrics } from '../src/core/train/epochs';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { recordRun, shownValLoss } from '../src/state/run-record';
import type { TrainSummary } from '../src/worker/protocol';
import { fakeBackbone, solidImage, useBackend } from './helpers';
import { trainSummary } from './fixtures/train-summary';

const images = [0, 1].flatMap((label) => Array.from({ length: 40 }, (_, i) => ({ id: `c${label}-${i}`, label })));
const decode = async (id: string) => solidImage(8, 8, [Number(id[1]) * 100, (Number(id.split('-')[1]) * 37) % 256, 10]);

/** mean cross-entropy of the predictions' probabilities: the loss over exactly these images */
const lossOver = (o: TrainOutcome) =>
  o.valPredictions.reduce((sum, p) => sum - Math.log(p.probabilities[p.label]), 0) / o.valPredictions.length;

describe('a first model on part of the images kept by Stop', () => {
  beforeAll(() => useBackend('wasm'));
  const settings: TrainSettings = {
    ...DEFAULT_SETTINGS,
    recipe: 'manual',
    epochs: 4,
    augmentViews: 2,
    batchSize: 8,
    earlyStopPatience: 0,
  };
  const now: FirstModelBudget = { seconds: 0, minTrainPerClass: 2, minValPerClass: 1, finishWithinSeconds: 0 };

  it('reports its validation loss over every validation image, as its accuracy is', async () => {
    const before = tf.memory().numTensors;
    let first: TrainOutcome | null = null;
    let planned = false;
    const kept = await trainPipeline({
      classes: ['a', 'b'],
      images,
      decode,
      settings,
      backbone: fakeBackbone(),
      cache: new FeatureCache(),
      firstModelBudget: now,
      onEvent: (e: PipelineEvent) => e.type === 'plan' && (planned = true),
      onFirstModel: (f) => (first = f),
      // the full model is stopped before its first step: the first model validates better and is kept
      shouldStop: () => planned,
    });
    const f = first as TrainOutcome | null;
    if (!f) throw new Error('no first model');
    expect(f.partOf).toBeDefined();
    expect(kept.phase).toBe('first');
    expect(kept.stopped).toBe(true);
    // judged on every validation image...
    expect(kept.valPredictions).toHaveLength(f.partOf!.val);
    expect(kept.images.val).toBe(f.partOf!.val);
    // ...and so is its loss, not the last epoch's loss over the part it validated on
    expect(kept.history.at(-1)!.valLoss).not.toBeCloseTo(lossOver(kept), 4);
    expect(kept.valLoss).toBeDefined();
    expect(kept.valLoss!).toBeCloseTo(lossOver(kept), 4);
    // the first model as handed over reports its own part's loss
    expect(f.valLoss!).toBeCloseTo(lossOver(f), 4);
    if (kept.head !== f.head) f.head.dispose();
    kept.head.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the validation loss the results and the run history show', () => {
  const history = [{ epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.9, valAccuracy: 0.7 }] as EpochMetrics[];
  const result = trainSummary({ valLoss: 0.3, history, bestEpoch: null });

  it("is the delivered model's evaluation, when the result carries it", () => {
    expect(shownValLoss(result)).toBe(0.3);
    expect(recordRun(result, 1, [], undefined).valLoss).toBe(0.3);
  });

  it("is the kept epoch's for results kept before it was recorded", () => {
    const older = { ...result, valLoss: undefined } as TrainSummary;
    expect(shownValLoss(older)).toBe(0.9);
    expect(recordRun(older, 1, [], undefined).valLoss).toBe(0.9);
    expect(shownValLoss({ ...older, history: [] })).toBeUndefined();
  });
});
