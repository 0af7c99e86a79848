import { isBackendFault } from './backend-fault';
import { separateHeadBackend, runOnHeadBackend } from './train/head-backend';
import { withPretrained } from './finetune/weights';
import { featureMatrix } from './features/matrix';
import { pooledFeatures } from './pipeline';
import type { PipelineArgs } from './run-args';
import { lrRangeTest, type LrFinderOptions, type LrFinderResult, type LrPoint } from './train/lr-range-test';

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
 * the backbone's follows as a fraction. A fine-tuned backbone gets its pretrained weights for the
 * sweep and its fine-tuned ones back afterwards: the model trained before stays usable.
 */
export async function findLearningRate(args: LrFindArgs): Promise<LrFinderResult & { extracted: number }> {
  const { backbone, classes, cache, settings, onEvent, shouldStop } = args;
  return withPretrained(backbone, cache, async () => {
    // only the training split: the validation images must stay unseen by every choice made from them
    const { table, train, extraction } = await pooledFeatures(args);
    const sweep = async () => {
      const { x, labels } = featureMatrix(table, train, backbone.spec.featureSize);
      try {
        return await lrRangeTest({ x, labels, numClasses: classes.length }, settings, args.options, {
          onStep: (step, steps, point) => onEvent?.({ type: 'lr-step', step, steps, point }),
          shouldStop,
        });
      } finally {
        x.dispose();
      }
    };
    // the sweep trains a head: it runs where heads train (core/train/head-backend.ts); if that
    // backend fails, the sweep starts again here (a training run's fallback then drops it)
    const away = separateHeadBackend(args.headBackend);
    let result: LrFinderResult;
    if (!away) result = await sweep();
    else {
      try {
        result = await runOnHeadBackend(away, sweep);
      } catch (err) {
        if (!isBackendFault(err)) throw err;
        result = await sweep();
      }
    }
    return { ...result, extracted: extraction.computed };
  });
}
