import * as tf from '@tensorflow/tfjs';
import { POOLED_BOUNDARY } from './backbones/backbone';
import { datasetProblems } from './data/problems';
import { stratifiedSplit } from './data/split';
import { FeatureCache } from './features/cache';
import { extractFeatures } from './features/extract';
import { rowInto } from './features/half';
import { restorePretrained } from './finetune/weights';
import { DatasetError, type PipelineArgs } from './pipeline';
import { lrRangeTest, type LrFinderOptions, type LrFinderResult, type LrPoint } from './train/lr-finder';

export type LrFindEvent =
  | { type: 'extract'; done: number; total: number }
  | { type: 'skipped'; id: string; reason: string }
  | { type: 'lr-step'; step: number; steps: number; point: LrPoint };

export interface LrFindArgs extends Omit<PipelineArgs, 'onEvent'> {
  onEvent?: (e: LrFindEvent) => void;
  options?: LrFinderOptions;
}

/**
 * The learning-rate range test on the pooled features of the training split, through the same
 * FeatureCache as trainPipeline, so a Train afterwards extracts nothing again. With unfrozen
 * blocks it still sweeps the head on pretrained features: a guide for the head's rate, which
 * the backbone's follows as a fraction. Returns whether a fine-tuned backbone had to be put back
 * to its pretrained weights (the trained model in memory no longer matches it then).
 */
export async function findLearningRate(args: LrFindArgs): Promise<LrFinderResult & { restoredPretrained: boolean; extracted: number }> {
  const { backbone, classes, images, decode, cache, settings, onEvent, shouldStop } = args;
  const restoredPretrained = restorePretrained(backbone, cache);
  const table = cache.table(FeatureCache.key(backbone.spec.id, POOLED_BOUNDARY, settings.cropMode));
  const extraction = await extractFeatures(backbone, images.map((i) => i.id), decode, table, {
    cropMode: settings.cropMode,
    onProgress: (done, total) => onEvent?.({ type: 'extract', done, total }),
    shouldStop,
  });
  extraction.failed.forEach((f) => onEvent?.({ type: 'skipped', ...f }));
  const usable = images.filter((i) => table.has(i.id));
  const problems = datasetProblems(classes, classes.map((_, c) => usable.filter((i) => i.label === c).length));
  if (problems.length) throw new DatasetError(problems.join(' '));
  // only the training split: the validation images must stay unseen by every choice made from them
  const rows = stratifiedSplit(usable.map((i) => i.label), settings.valSplit, settings.seed).train;
  const { featureSize } = backbone.spec;
  const flat = new Float32Array(rows.length * featureSize);
  rows.forEach((k, r) => rowInto(table.get(usable[k].id)!, flat, r * featureSize));
  const x = tf.tensor2d(flat, [rows.length, featureSize]);
  try {
    const result = await lrRangeTest({ x, labels: Int32Array.from(rows, (k) => usable[k].label), numClasses: classes.length }, settings, args.options, {
      onStep: (step, steps, point) => onEvent?.({ type: 'lr-step', step, steps, point }),
      shouldStop,
    });
    return { ...result, restoredPretrained, extracted: extraction.computed };
  } finally {
    x.dispose();
  }
}
