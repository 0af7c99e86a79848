import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../backbones/backbone';
import type { CropMode } from '../data/crop';
import { extractFeatures, type Decoder } from '../features/extract';
import type { Row } from '../features/float16';
import type { Head } from '../train/head';
import { evaluateHead } from '../train/trainer';
import type { Suffix, SuffixImpl } from './suffix';
import { evaluateFineTuned, type FineTuneData } from './train';

export type Evaluation = Awaited<ReturnType<typeof evaluateFineTuned>>;

export interface DeliveredArgs {
  /** holds the trained suffix already (installFineTuned) */
  backbone: Backbone;
  head: Head;
  suffix: Suffix;
  data: Pick<FineTuneData, 'val' | 'valLabels' | 'shape' | 'numClasses'>;
  /** the validation images, in the order of data.val */
  valIds: readonly string[];
  decode: Decoder;
  cropMode: CropMode;
  shouldStop?: () => boolean;
}

/**
 * valAccuracy, valPredictions and golden.json's validation list promise the exported model's
 * top-1. float16 boundary rows move its answers by about 1e-4, enough to flip a near tie, so when
 * any validation row is float16 (this run's precision, or an earlier run's rows reused or lifted:
 * a row lifted from a float16 one stays float16, lift-boundary-cache.ts) the validation images go
 * through the installed backbone and the head again from their pixels, as head-only runs measure
 * them (one pass over the validation split, like its share of the first extraction; no new
 * progress event: the UI has none for after training). float32 rows are exact
 * prefix outputs: the installed layers themselves finish them, with no image decoded again.
 *
 * Stop, an image that no longer reads, or a failed pass fall back to the training copy's numbers on
 * the cached rows (what every epoch reported): the model is trained and installed, and those
 * numbers differ only on near ties, so losing it over them would cost more. An error the fallback
 * hits too (a lost backend) is the run's own.
 */
export async function evaluateDelivered(a: DeliveredArgs): Promise<Evaluation> {
  const onCached = (impl: SuffixImpl) =>
    evaluateFineTuned(a.suffix, a.head, a.data.val, a.data.valLabels, a.data.shape, a.data.numClasses, impl);
  try {
    const exact = a.data.val.every((row) => row instanceof Float32Array);
    return !exact && a.valIds.length ? await fromImages(a) : await onCached('layers');
  } catch (err) {
    try {
      return await onCached('fast');
    } catch {
      throw err;
    }
  }
}

async function fromImages(a: DeliveredArgs): Promise<Evaluation> {
  const { backbone, head, valIds, data } = a;
  const features = new Map<string, Row>();
  const { failed } = await extractFeatures(backbone, valIds, a.decode, features, {
    cropMode: a.cropMode,
    shouldStop: a.shouldStop,
  });
  if (failed.length) throw new Error(`${failed.length} validation images no longer read (${failed[0].reason})`);
  const size = features.get(valIds[0])!.length;
  const flat = new Float32Array(valIds.length * size);
  valIds.forEach((id, i) => flat.set(features.get(id)!, i * size));
  const x = tf.tensor2d(flat, [valIds.length, size]);
  try {
    return await evaluateHead(head, x, data.valLabels, data.numClasses);
  } finally {
    x.dispose();
  }
}
