import { POOLED_BOUNDARY, type Backbone } from '../core/backbones/backbone';
import { decodeImageBlob } from '../core/data/decode-browser';
import { datasetHealthSliced } from '../core/data/health';
import { sha256Hex } from '../core/data/sha256';
import type { CropMode } from '../core/data/crop';
import { trainValSplit } from '../core/data/train-val';
import { FeatureCache } from '../core/features/cache';
import { extractFeatures } from '../core/features/extract';
import { rowToFloat32 } from '../core/features/float16';
import { onPretrained } from '../core/finetune/weights';
import { pcaSliced } from '../core/train/pca';
import type { TrainSettings } from '../core/train/settings';
import { labelledImage } from './labelled-image';
import type { Embedding, HealthReport, ImageInput } from './protocol';

/** What the insight views need from the worker's state (studio.worker.ts owns it). */
export interface InsightContext {
  backbone: Backbone;
  cache: FeatureCache;
  blobs: ReadonlyMap<string, Blob>;
}

/**
 * Blobs arrive as structured clones, a new object on every call, so identity says nothing; an
 * image whose bytes changed would come with a different size, type, name or date.
 */
export function blobFingerprint(blob: Blob): string {
  const file = blob instanceof File ? `${blob.name}|${blob.lastModified}` : '';
  return `${blob.size}|${blob.type}|${file}`;
}

// Pooled features through the training cache: a later Train reuses every row computed here.
async function pooledFeatures(
  ctx: InsightContext,
  ids: string[],
  cropMode: CropMode,
  onProgress: (done: number, total: number) => void,
) {
  const { backbone } = ctx;
  const table = ctx.cache.table(FeatureCache.key(backbone.spec.id, POOLED_BOUNDARY, cropMode));
  const result = await extractFeatures(backbone, ids, (id) => decodeImageBlob(ctx.blobs.get(id)!), table, {
    cropMode,
    onProgress,
    // findings about the images, not a model: a fine-tune run that left its blocks in the backbone
    // changed them; and the rows cached here are pretrained ones, as every head-only run's are
    forward: (batch) => onPretrained(backbone, () => backbone.extract(batch)),
  });
  const features = new Map(result.ok.map((id) => [id, rowToFloat32(table.get(id)!)]));
  return { features, failed: result.failed, extracted: result.computed };
}

export async function embedding(
  ctx: InsightContext,
  images: ImageInput[],
  cropMode: CropMode,
  onProgress: (done: number, total: number) => void,
): Promise<Embedding> {
  // one bar for both stages: its first half the features, its second the fit of the two directions
  // (seconds on thousands of images, after which the bar sat full)
  const n = images.length;
  const { features, failed, extracted } = await pooledFeatures(
    ctx,
    images.map((i) => i.id),
    cropMode,
    (done, total) => onProgress(Math.round((done / Math.max(1, total)) * n), 2 * n),
  );
  const kept = images.filter((i) => features.has(i.id));
  // fitted on a sample spread over the classes, in slices: the worker answers Try it, Train and
  // the LR finder between them
  const { points, explained } = await pcaSliced(
    kept.map((i) => features.get(i.id)!),
    2,
    {
      labels: kept.map((i) => i.label),
      onProgress: (done, total) => onProgress(n + Math.round((done / Math.max(1, total)) * n), 2 * n),
    },
  );
  return {
    points: kept.map((img, k) => ({ id: img.id, label: img.label, x: points[k][0], y: points[k][1] })),
    explained,
    extracted,
    failed,
  };
}

const hashes = new Map<string, string>();

async function hashOf(id: string, blob: Blob): Promise<string> {
  const key = `${id}|${blobFingerprint(blob)}`;
  let h = hashes.get(key);
  if (!h) {
    // Web Crypto exists only in secure contexts (https, localhost); elsewhere equal files are missed, never invented
    h = globalThis.crypto?.subtle ? await sha256Hex(await blob.arrayBuffer()) : `${id}|${blobFingerprint(blob)}`;
    hashes.set(key, h);
  }
  return h;
}

/**
 * Each image's hash; one whose bytes cannot be read is left out of the comparison and joins the
 * unreadable ones (once: its decode has usually failed too), so the other checks still run.
 */
async function hashAll(images: ImageInput[], failed: { id: string; reason: string }[]) {
  const unreadable = [...failed];
  const known = new Set(failed.map((f) => f.id));
  const hashes = new Map<string, string>();
  await Promise.all(
    images.map(async (i) => {
      try {
        hashes.set(i.id, i.hash ?? (await hashOf(i.id, i.blob)));
      } catch (err) {
        if (!known.has(i.id)) unreadable.push({ id: i.id, reason: (err as Error).message });
      }
    }),
  );
  return { hashes, unreadable };
}

export async function health(
  ctx: InsightContext,
  classes: string[],
  images: ImageInput[],
  settings: TrainSettings,
  onProgress: (done: number, total: number) => void,
): Promise<HealthReport> {
  // one bar for both stages: its first half the features, its second the comparison of every pair
  // of images (seconds on thousands of images, after which the bar sat full)
  const n = images.length;
  const { features, failed, extracted } = await pooledFeatures(
    ctx,
    images.map((i) => i.id),
    settings.cropMode,
    (done, total) => onProgress(Math.round((done / Math.max(1, total)) * n), 2 * n),
  );
  const { hashes, unreadable } = await hashAll(images, failed);
  // the split Train will make: the same seeded split over the same readable images in the same order
  const split = trainValSplit(images.map(labelledImage), features, settings);
  // in slices: the worker answers Try it, Train and the feature map between them
  const issues = await datasetHealthSliced(
    {
      classes,
      images: images.map((i) => ({ id: i.id, label: i.label, name: i.blob instanceof File ? i.blob.name : i.id })),
      hashes,
      features,
      unreadable,
      validation: new Set(split.val.map((i) => i.id)),
    },
    { onProgress: (done, total) => onProgress(n + Math.round((done / Math.max(1, total)) * n), 2 * n) },
  );
  return { issues, checked: images.length, extracted };
}
