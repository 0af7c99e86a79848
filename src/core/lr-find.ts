import { stratifiedSplit } from './data/split';
import { restorePretrained } from './finetune/weights';
import { featureMatrix, pooledFeatures, type PipelineArgs } from './pipeline';
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
 * FeatureCache as trainPipeline, so a Train afterwards extracts only its augmented views. With unfrozen
 * blocks it still sweeps the head on pretrained features: a guide for the head's rate, which
 * the backbone's follows as a fraction. Returns whether a fine-tuned backbone had to be put back
 * to its pretrained weights (the trained model in memory no longer matches it then).
 */
export async function findLearningRate(args: LrFindArgs): Promise<LrFinderResult & { restoredPretrained: boolean; extracted: number }> {
  const { backbone, classes, cache, settings, onEvent, shouldStop } = args;
  const restoredPretrained = restorePretrained(backbone, cache);
  const { table, usable, extraction } = await pooledFeatures(args);
  // only the training split: the validation images must stay unseen by every choice made from them
  const rows = stratifiedSplit(usable.map((i) => i.label), settings.valSplit, settings.seed).train;
  const { x, labels } = featureMatrix(table, rows.map((k) => usable[k]), backbone.spec.featureSize);
  try {
    const result = await lrRangeTest({ x, labels, numClasses: classes.length }, settings, args.options, {
      onStep: (step, steps, point) => onEvent?.({ type: 'lr-step', step, steps, point }),
      shouldStop,
    });
    return { ...result, restoredPretrained, extracted: extraction.computed };
  } finally {
    x.dispose();
  }
}
