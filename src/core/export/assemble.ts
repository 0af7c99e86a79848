import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../backbones/backbone';
import { toModelInput } from '../data/preprocess';
import type { RgbImage } from '../data/crop';
import type { Head } from '../train/head';
import type { TrainSettings } from '../train/settings';
import { exportFilesReport, type ExportFiles } from './export-files';
import { GOLDEN_COUNT, pickGolden, type GoldenImage } from './golden';
import type { CardFacts } from './model-card';
import type { OnnxOutcome } from './onnx/export';
import type { TfliteOutcome } from './tflite/export';

/** A finished run, as the worker and the CLI both hold it. */
export interface FinishedRun {
  backbone: Backbone;
  head: Head;
  classes: string[];
  settings: TrainSettings;
  card: CardFacts;
  /** the studio's verdict on every validation image, by image id */
  val: readonly { id: string; label: number; predicted: number }[];
  /** the image's pixels (golden pairs are made from a few validation images) */
  decode(id: string): Promise<RgbImage>;
  /** the file name people know the image by */
  name(id: string): string;
}

/** A validation image left out of the golden pairs, and why. */
export interface GoldenSkip {
  id: string;
  reason: string;
}

/**
 * The golden pairs' images, among the validation images that still decode: the CLI reads them from
 * disk again at export, and one moved or deleted during a long run threw the finished run away.
 * One that fails gives its place to the next in pickGolden's order (class by class in turn).
 */
async function goldenImages(run: FinishedRun): Promise<{ images: GoldenImage[]; skipped: GoldenSkip[] }> {
  const { inputSize, pixelRange } = run.backbone.spec;
  const order = pickGolden(run.val, run.val.length);
  const images: GoldenImage[] = [];
  const skipped: GoldenSkip[] = [];
  for (let next = 0; images.length < GOLDEN_COUNT && next < order.length;) {
    const batch = order.slice(next, next + GOLDEN_COUNT - images.length);
    next += batch.length;
    const settled = await Promise.allSettled(
      batch.map(async (v) => ({
        name: run.name(v.id),
        label: v.label,
        input: toModelInput(await run.decode(v.id), inputSize, run.settings.cropMode, pixelRange),
      })),
    );
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') images.push(s.value);
      else {
        const reason = s.reason instanceof Error ? s.reason.message : String(s.reason);
        skipped.push({ id: batch[i].id, reason: reason.split('\n')[0] });
      }
    });
  }
  if (order.length && !images.length)
    throw new Error(
      `none of the ${order.length} validation images decodes any more (moved or deleted since training?); ` +
        `the golden pairs need one (${skipped[0].id}: ${skipped[0].reason})`,
    );
  return { images, skipped };
}

/**
 * The one export of a finished run, for the studio's downloads and the CLI's --out alike: the
 * TF.js model, model.onnx, model.tflite, metadata, golden pairs from the validation images and the
 * model card. `goldenSkipped`: validation images passed over for the golden pairs because they no longer decode.
 */
export async function exportRun(run: FinishedRun): Promise<{
  files: ExportFiles;
  onnx: OnnxOutcome | null;
  tflite: TfliteOutcome | null;
  goldenSkipped: GoldenSkip[];
}> {
  const { images, skipped } = await goldenImages(run);
  try {
    const validation = run.val.map((v) => ({ name: run.name(v.id), label: v.label, predicted: v.predicted }));
    const report = await exportFilesReport({
      backbone: run.backbone,
      head: run.head,
      classes: run.classes,
      settings: run.settings,
      card: run.card,
      golden: { images, validation },
    });
    return { ...report, goldenSkipped: skipped };
  } finally {
    tf.dispose(images.map((i) => i.input));
  }
}
