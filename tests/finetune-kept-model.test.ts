import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backbone } from '../src/core/backbones/backbone';
import { FeatureCache } from '../src/core/features/cache';
import { metadata } from '../src/core/export/export-files';
import { fineTunedAbove, releasePretrained, restorePretrained } from '../src/core/finetune/weights';
import { trainPipeline } from '../src/core/pipeline';
import { buildHead } from '../src/core/train/head';
import type { TrainedModel } from '../src/core/train-model';
import { studioModel } from '../src/worker/studio-model';
import { modelFiles, modelZip } from './helpers-model-zip';
import { fineTuneRuns, mobileNetV1OnWasm, snapshot } from './helpers-finetune';

let v1: Backbone;
beforeAll(async () => {
  v1 = await mobileNetV1OnWasm();
});
afterAll(() => v1?.dispose());

describe('fine-tuning through trainPipeline', () => {
  const { classes, images, decode, settings, headOnlyRun } = fineTuneRuns(() => v1);

  it('a fine-tuned model kept in the worker answers the same while a next run holds the pretrained weights, and gets its weights back when that run keeps nothing', async () => {
    const before = tf.memory().numTensors;
    const cache = new FeatureCache();
    const original = snapshot(v1, 'conv_pw_13');
    let runActive = false;
    const model = studioModel({ backbone: () => v1, requireBackbone: () => v1, cache, runActive: () => runActive });
    const run = await trainPipeline({ backbone: v1, classes, images, decode, cache, settings });
    const card = { trainableParams: 1, frozenParams: 1 } as TrainedModel['card'];
    model.keep({ outcome: run, card, trainedOn: 'wasm', startedFrom: null, settings }, settings, undefined);
    const tuned = snapshot(v1, 'conv_pw_13');
    const input = tf.tidy(() => tf.randomUniform([224, 224, 3], -1, 1, 'float32', 5) as tf.Tensor3D);
    const answer = async () => {
      const p = model.classifier().run(input);
      const values = Array.from(await p.data());
      p.dispose();
      return values;
    };
    const kept = await answer();

    // a next run starts by putting the pretrained weights back (pipeline.ts, finetune/run.ts)...
    runActive = true;
    restorePretrained(v1, cache);
    // ...the kept model still answers as it did, and the run's backbone keeps the pretrained weights
    expect(await answer()).toEqual(kept);
    expect(snapshot(v1, 'conv_pw_13')).toEqual(original);
    await expect(model.exportBundle(() => Promise.reject(new Error('not reached')), String)).rejects.toThrow(
      /download it once the run ends/,
    );
    // the run was stopped before it kept a model: the kept one gets its weights back
    runActive = false;
    model.settle();
    expect(snapshot(v1, 'conv_pw_13')).toEqual(tuned);
    expect(fineTunedAbove(v1)).toBe(12);
    expect(await answer()).toEqual(kept);

    // a head-only model replaces it: its copy goes
    const headOnly = await headOnlyRun(cache);
    model.keep({ outcome: headOnly, card, trainedOn: 'wasm', startedFrom: null, settings }, settings, undefined);
    model.settle();
    expect(snapshot(v1, 'conv_pw_13')).toEqual(original);
    model.dropTrained();
    input.dispose();
    releasePretrained(v1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a head-only model imported after a fine-tuned run answers on the pretrained backbone; the fine-tuned model answers as before once it goes', async () => {
    const before = tf.memory().numTensors;
    const cache = new FeatureCache();
    const model = studioModel({ backbone: () => v1, requireBackbone: () => v1, cache, runActive: () => false });
    const input = tf.tidy(() => tf.randomUniform([224, 224, 3], -1, 1, 'float32', 7) as tf.Tensor3D);
    const values = (p: tf.Tensor) => {
      const v = Array.from(p.dataSync());
      p.dispose();
      return v;
    };
    // model A: a head on the pretrained backbone's features, downloaded as 'head only (zip)' (an
    // untrained head: a trained one is sure of itself on any input, on either backbone)
    const headA = buildHead(v1.spec.featureSize, classes.length, 0, 0, 3);
    const answerA = values(
      tf.tidy(() => (headA.model.predict(v1.extract(input.expandDims(0) as tf.Tensor4D)) as tf.Tensor).squeeze([0])),
    );
    const zipA = modelZip(
      await modelFiles(headA.model),
      metadata({ backbone: v1, head: headA, classes, settings: { ...settings, unfreeze: 0 } }),
    );
    headA.dispose();

    // model B: the top block fine-tuned, kept (the backbone holds its weights from now on)
    const b = await trainPipeline({ backbone: v1, classes, images, decode, cache, settings });
    const card = { trainableParams: 1, frozenParams: 1 } as TrainedModel['card'];
    model.keep({ outcome: b, card, trainedOn: 'wasm', startedFrom: null, settings }, settings, undefined);
    const answerB = values(model.classifier().run(input));
    const tuned = snapshot(v1, 'conv_pw_13');

    await model.importZip(zipA);
    const imported = values(model.classifier().run(input));
    for (let i = 0; i < answerA.length; i++) expect(imported[i]).toBeCloseTo(answerA[i], 5);
    // the backbone keeps B's weights (the next run's cache and B's own answers read them)
    expect(snapshot(v1, 'conv_pw_13')).toEqual(tuned);
    expect(fineTunedAbove(v1)).toBe(12);

    // 'Use the model trained here': the import goes, B answers again from memory
    expect(model.useTrained()).toBe(true);
    expect(values(model.classifier().run(input))).toEqual(answerB);
    model.dropTrained();
    expect(model.useTrained()).toBe(false);
    input.dispose();
    restorePretrained(v1, cache);
    releasePretrained(v1);
    expect(tf.memory().numTensors).toBe(before);
  });
});
