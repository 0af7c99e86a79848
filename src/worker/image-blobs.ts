import { decodeImageBlob } from '../core/data/decode-browser';
import type { FeatureCache } from '../core/features/cache';
import { workerInputs } from './decode-pool';
import type { FeatureStore } from './feature-store';
import { blobFingerprint } from './insight';
import { labelledImage } from './labelled-image';
import type { ImageInput } from './protocol';

/**
 * The page's image files as the worker keeps them between calls (by image id), and the decoder
 * the pipelines read them through. A file that changed under a known id loses its cached features.
 */
export function imageBlobs(cache: FeatureCache, features: FeatureStore) {
  const blobs = new Map<string, Blob>();
  // plain extraction's batches are decoded by the decode worker, beside the backbone's passes here
  const decode = Object.assign((id: string) => decodeImageBlob(blobs.get(id)!), {
    inputs: workerInputs((id) => blobs.get(id)!),
  });
  return {
    cache,
    /** read-only view for the insight views (worker/insight.ts) */
    blobs: blobs as ReadonlyMap<string, Blob>,
    decode,
    /** Keeps the page's blobs, and (once per worker) brings back the features an earlier visit stored. */
    async remember(images: ImageInput[]): Promise<void> {
      const changed: string[] = [];
      for (const img of images) {
        const old = blobs.get(img.id);
        // A different file under a known id means the image changed: its cached features are stale.
        if (old && blobFingerprint(old) !== blobFingerprint(img.blob)) {
          cache.evict(img.id);
          changed.push(img.id);
        }
        blobs.set(img.id, img.blob);
      }
      await features.forget(changed);
      await features.load(images.map((i) => i.id));
    },
    /** deleted images: their blobs and cached features (stored ones too) go */
    forget(ids: string[]): void {
      for (const id of ids) {
        blobs.delete(id);
        cache.evict(id);
      }
      void features.forget(ids);
    },
    /** the file name an export's golden images are listed under */
    nameOf(id: string): string {
      const blob = blobs.get(id);
      return blob instanceof File ? blob.name : id;
    },
    /** the page's images as the pipelines take them: labels, a decoder over the kept blobs, the shared cache */
    pipelineImages: (images: ImageInput[]) => ({
      images: images.map(labelledImage),
      decode,
      cache,
    }),
  };
}

export type ImageBlobs = ReturnType<typeof imageBlobs>;
