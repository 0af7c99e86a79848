import type { Backbone } from '../src/core/backbones/backbone';
import type { FeatureCache } from '../src/core/features/cache';
import { trainPipeline } from '../src/core/pipeline';
import { DEFAULT_SETTINGS, type TrainSettings } from '../src/core/train/settings';
import { loadLocalBackbone, redGreenImages, useBackend } from './helpers';

// wasm: the fast ops train there, so these runs need no conv backprop kernels at all.
export async function mobileNetV1OnWasm(): Promise<Backbone> {
  await useBackend('wasm');
  return loadLocalBackbone('mobilenet-v1-0.25');
}

/** a layer's weights, as plain numbers to compare */
export const snapshot = (b: Backbone, layer: string) =>
  b
    .featureModel!.getLayer(layer)
    .getWeights()
    .map((w) => Array.from(w.dataSync()));

/**
 * Fine-tuning runs on a red and a green class: settings that train the top block, and `headOnlyRun`,
 * one head-only epoch on plain features that puts the backbone's pretrained weights back first.
 */
export function fineTuneRuns(backbone: () => Backbone) {
  const { classes, images, decode } = redGreenImages();
  const settings: TrainSettings = {
    ...DEFAULT_SETTINGS,
    unfreeze: 1,
    epochs: 2,
    batchSize: 4,
    augmentViews: 1,
    warmupEpochs: 1,
    valSplit: 0.34,
  };
  const headOnlyRun = (cache: FeatureCache) =>
    trainPipeline({
      backbone: backbone(),
      classes,
      images,
      decode,
      cache,
      settings: { ...settings, unfreeze: 0, epochs: 1, augmentViews: 0 },
    });
  return { classes, images, decode, settings, headOnlyRun };
}
