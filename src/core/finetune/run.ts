import * as tf from '@tensorflow/tfjs';
import { frameOrderOfImage, holdOfImage, trainingSplit } from '../data/train-val';
import { earlyStopPlan } from '../data/split';
import { FeatureCache } from '../features/cache';
import { extractFeatures, StoppedError } from '../features/extract';
import { extractViews, viewRows } from '../features/views';
import type { PipelineArgs } from '../run-args';
import { runOutcome, type TrainOutcome } from '../train/outcome';
import { stoppedBeforeAnEpoch } from '../train/epochs';
import { buildHead } from '../train/head';
import { augmentViewsFor } from '../train/settings';
import { backboneBlocks, boundaryForUnfreeze } from './blocks';
import { cachePrecision } from './cache-precision';
import { evaluateDelivered } from './evaluate-delivered';
import { keptFrozenLayers } from './freeze';
import { liftFromBelow } from './lift-boundary-cache';
import { buildSuffix, prefixModel, sideShape } from './suffix';
import { trainFineTune } from './train';
import { installFineTuned, restorePretrained } from './weights';

// kept importable from here (tests, callers) after the move to its own file
export { cachePrecision, HALF_ABOVE_BYTES, MAX_CACHE_BYTES } from './cache-precision';

/**
 * trainPipeline for unfreeze > 0: the frozen prefix runs once per image and view (cached at the
 * boundary), then the suffix and head train together; the trained suffix is installed in the
 * backbone (see weights.ts) so predictions and export use it.
 */
export async function fineTunePipeline(args: PipelineArgs): Promise<TrainOutcome> {
  const { backbone, classes, images, decode, cache, settings, onEvent, shouldStop } = args;
  if (!backbone.featureModel) {
    throw new Error(
      `${backbone.spec.name} is a graph model: its blocks cannot be fine-tuned. Set unfreeze to 0 or pick a layers backbone.`,
    );
  }
  const blocks = backboneBlocks(backbone);
  const boundary = boundaryForUnfreeze(blocks, settings.unfreeze);
  const augmentViews = augmentViewsFor(settings);
  const t0 = performance.now();
  // Every run starts from the pretrained weights; cached tables always describe those.
  restorePretrained(backbone, cache);
  const prefix = prefixModel(backbone, boundary);
  // a prefix with a side output (suffix.ts sideShape) gives one row of both per image
  const forward = (batch: tf.Tensor4D): tf.Tensor => {
    if (!prefix) return batch.clone();
    const out = prefix.predict(batch) as tf.Tensor | tf.Tensor[];
    if (!Array.isArray(out)) return out;
    return tf.concat(
      out.map((t) => t.reshape([batch.shape[0], -1])),
      1,
    );
  };
  const { inputSize, id: backboneId } = backbone.spec;
  const { cropMode } = settings;
  const table = (k: number) => cache.table(FeatureCache.viewKey(backboneId, boundary, cropMode, k));
  const shape = prefix ? (prefix.outputs[0].shape.slice(1) as number[]) : [inputSize, inputSize, 3];
  // a row holds the activation and, past the earlier map a backbone joins, its pooled values too
  const side = sideShape(backbone, boundary);
  const volume = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);
  const half = cachePrecision(
    [volume(shape) + (side ? volume(side) : 0)],
    images.length,
    settings.valSplit,
    augmentViews,
    blocks[blocks.length - settings.unfreeze].name,
  );

  // Progress counts every prefix pass: all images once, then each view of the training images.
  let base = 0;
  let grand = images.length;
  /** a pass again over the views after some failed: its rows are mostly cached, and progress would go back */
  let again = false;
  const progress = (done: number) => {
    if (!again) onEvent?.({ type: 'extract', done: base + done, total: grand });
  };
  const plain = table(0);
  const lift = (k: number, ids: readonly string[]) =>
    liftFromBelow(
      backbone,
      blocks,
      boundary,
      (lower) => cache.peek(FeatureCache.viewKey(backboneId, lower, cropMode, k)),
      ids,
      table(k),
      half,
      shouldStop,
      progress,
    );
  let lifted = await lift(
    0,
    images.map((i) => i.id),
  );
  const extraction = await extractFeatures(
    backbone,
    images.map((i) => i.id),
    decode,
    plain,
    {
      cropMode,
      forward,
      half,
      onProgress: (done) => progress(done),
      shouldStop,
    },
  );
  extraction.failed.forEach((f) => onEvent?.({ type: 'skipped', ...f }));
  const failed = [...extraction.failed];
  // as in head-only runs (pipeline.ts): an image whose views fail is out even with its plain row cached
  const splitNow = () => {
    const out = new Set(failed.map((f) => f.id));
    return trainingSplit(classes, images, { has: (id) => plain.has(id) && !out.has(id) }, settings);
  };
  let split = splitNow();
  let trainIds = split.train.map((i) => i.id);
  grand = images.length + trainIds.length * augmentViews;
  let computed = extraction.computed;
  for (;;) {
    let lost: { id: string; reason: string }[] = [];
    computed += await extractViews(backbone, trainIds, decode, table, augmentViews, {
      cropMode,
      forward,
      half,
      shouldStop,
      before: async (k) => {
        base = images.length + (k - 1) * trainIds.length;
        lifted += await lift(k, trainIds);
      },
      onProgress: (_k, done) => progress(done),
      onFailed: (f) => (lost = f),
    });
    if (!lost.length) break;
    // an image the split moves across in a lost one's place (keepBothSides) needs its views
    failed.push(...lost);
    lost.forEach((f) => onEvent?.({ type: 'skipped', ...f }));
    split = splitNow();
    trainIds = split.train.map((i) => i.id);
    again = true;
  }
  const t1 = performance.now();

  const allTrain = viewRows(
    Array.from({ length: augmentViews + 1 }, (_, k) => table(k)),
    trainIds,
  );
  const trainLabels = split.train.map((i) => i.label);
  // early stopping watches an inner split of the training images, never the validation split
  const early = earlyStopPlan(
    trainLabels,
    settings.earlyStopPatience ?? 0,
    settings.seed,
    split.train.map(holdOfImage),
    split.train.map(frameOrderOfImage),
  );
  const { inner } = early;
  const fitIdx = inner ? inner.train : [...trainLabels.keys()];
  const data = {
    train: fitIdx.map((i) => allTrain[i]),
    labels: Int32Array.from(fitIdx, (i) => trainLabels[i]),
    stop: inner
      ? { rows: inner.val.map((i) => allTrain[i][0]), labels: Int32Array.from(inner.val, (i) => trainLabels[i]) }
      : undefined,
    val: split.val.map((i) => plain.get(i.id)!),
    valLabels: Int32Array.from(split.val, (i) => i.label),
    shape,
    numClasses: classes.length,
  };
  const head = buildHead(
    backbone.spec.featureSize,
    classes.length,
    settings.hiddenUnits,
    settings.dropout,
    settings.seed,
  );
  const suffix = buildSuffix(backbone, boundary, keptFrozenLayers(blocks, settings.unfreeze, settings.frozenBlocks));
  try {
    const loop = await trainFineTune(suffix, head, data, settings, {
      onEvent,
      shouldStop,
      resume: args.resume,
      onCheckpoint: args.onCheckpoint,
    });
    // written back, a suffix of a few steps replaced the blocks the model kept before runs on
    if (stoppedBeforeAnEpoch(loop)) throw new StoppedError();
    const { history, stopped, bestEpoch, stoppedEarly } = loop;
    installFineTuned(backbone, suffix, cache);
    const evaluation = await evaluateDelivered({
      backbone,
      head,
      suffix,
      data,
      valIds: split.val.map((i) => i.id),
      decode,
      cropMode,
      shouldStop,
    });
    const outcome = runOutcome({
      head,
      classes,
      history,
      stopped,
      bestEpoch,
      stoppedEarly,
      trainCount: split.train.length,
      val: split.val,
      evaluation,
      skipped: failed,
      seconds: { extract: (t1 - t0) / 1000, train: (performance.now() - t1) / 1000 },
      extracted: computed,
      boundary,
      lifted,
    });
    return { ...outcome, heldForEarlyStop: inner?.val.length ?? 0, earlyStopSkipped: early.skipped };
  } catch (err) {
    head.dispose();
    throw err;
  } finally {
    suffix.dispose();
  }
}
